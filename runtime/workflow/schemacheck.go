package workflow

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/diag"
)

// schemaChecker reports what Oozie's XSD validation would reject (E0701).
type schemaChecker struct {
	diags hcl.Diagnostics
	// external validates an element of another namespace where any is
	// allowed (the action type); nil means "not checked here".
	external func(e *elem) *ctype
}

func (c *schemaChecker) errorf(rng hcl.Range, detail, format string, args ...any) {
	d := diag.Errorf(rng, "E0701", format, args...)
	d.Detail = detail
	c.diags = append(c.diags, d)
}

// check validates e against t; ns is the namespace of t's children.
func (c *schemaChecker) check(e *elem, t *ctype, ns string) {
	if t.anything {
		return
	}
	c.checkAttrs(e, t)
	if t.text || len(t.seq) == 0 {
		if len(e.kids) > 0 {
			c.errorf(e.kids[0].start, fmt.Sprintf("<%s> holds %s. Remove the element.", e.local, map[bool]string{true: "text only", false: "nothing"}[t.text]),
				"Element <%s> is not allowed in <%s>", e.kids[0].local, e.local)
		}
		if !t.text && strings.TrimSpace(e.text.Text) != "" {
			c.errorf(e.start, fmt.Sprintf("<%s> is empty by definition. Remove the text.", e.local), "Text is not allowed in <%s>", e.local)
		}
		return
	}
	if strings.TrimSpace(e.text.Text) != "" {
		c.errorf(e.start, fmt.Sprintf("<%s> holds elements only. Remove the text or move it into the right element.", e.local),
			"Text is not allowed in <%s>", e.local)
	}
	i := 0
	for pi, p := range t.seq {
		n := 0
		for i < len(e.kids) && (p.max < 0 || n < p.max) {
			kt, ok := c.match(p, e.kids[i], ns)
			if !ok {
				break
			}
			if kt != nil {
				c.check(e.kids[i], kt, e.kids[i].space)
			}
			n++
			i++
		}
		if n < p.min {
			at := e.start
			if i < len(e.kids) {
				if !c.matchesLater(t.seq[pi+1:], e.kids[i], ns) {
					break // reported below as unexpected, without a cascade
				}
				at = e.kids[i].start
			}
			c.errorf(at, fmt.Sprintf("Oozie's schema requires %s here. Add it.", describe(p)),
				"Element <%s> is missing %s", e.local, describe(p))
		}
	}
	if i < len(e.kids) {
		k := e.kids[i]
		detail := fmt.Sprintf("<%s> does not allow <%s> at this place. Check the spelling, the namespace and the order of the elements.", e.local, k.local)
		if k.space != ns && k.space != "" && ns != "" {
			detail = fmt.Sprintf("The element is in namespace %q, but <%s> expects namespace %q here. Correct the namespace.", k.space, e.local, ns)
		}
		c.errorf(k.start, detail, "Unexpected element <%s> in <%s>", k.local, e.local)
	}
}

// matchesLater reports whether a particle of rest accepts k.
func (c *schemaChecker) matchesLater(rest []particle, k *elem, ns string) bool {
	for _, p := range rest {
		if _, ok := c.match(p, k, ns); ok {
			return true
		}
	}
	return false
}

// match reports whether particle p accepts k and returns k's type (nil
// when k's content is not checked).
func (c *schemaChecker) match(p particle, k *elem, ns string) (*ctype, bool) {
	if k.space == ns {
		for _, d := range p.elems {
			if d.name == k.local {
				return d.typ, true
			}
		}
		return nil, false
	}
	if p.other != nil && p.other(k.space) {
		if c.external != nil {
			return c.external(k), true
		}
		return nil, true
	}
	return nil, false
}

func (c *schemaChecker) checkAttrs(e *elem, t *ctype) {
	for _, a := range e.attrs {
		if a.space != "" {
			continue // xsi:schemaLocation and other qualified attributes
		}
		declared := false
		for _, d := range t.attrs {
			declared = declared || d.name == a.local
		}
		if !declared {
			c.errorf(a.nameRng, fmt.Sprintf("<%s> has no attribute %s in this schema version. Remove it or check the namespace version.", e.local, a.local),
				"Unknown attribute %s on <%s>", a.local, e.local)
		}
	}
	for _, d := range t.attrs {
		if d.required && e.get(d.name) == nil {
			c.errorf(e.start, fmt.Sprintf("Add %s=\"...\" to <%s>.", d.name, e.local), "Element <%s> is missing the attribute %s", e.local, d.name)
		}
	}
}

// describe names what a particle expects, for messages.
func describe(p particle) string {
	var names []string
	for _, d := range p.elems {
		names = append(names, "<"+d.name+">")
	}
	if p.other != nil {
		names = append(names, "an element of another namespace")
	}
	s := strings.Join(names, " or ")
	if p.min > 1 {
		s = fmt.Sprintf("at least %d %s elements", p.min, s)
	}
	return s
}
