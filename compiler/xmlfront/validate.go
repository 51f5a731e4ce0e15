package xmlfront

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/diag"
)

// validator checks a document against hand-written content models, the way
// Oozie's XSD validation does (code E0701), with plain-words messages.
type validator struct {
	lx    *lineIndex
	diags hcl.Diagnostics
}

func (v *validator) errorf(rng hcl.Range, detail, format string, args ...any) {
	d := diag.Errorf(rng, diag.E0701, format, args...)
	d.Detail = detail
	v.diags = append(v.diags, d)
}

func (v *validator) startTag(e *element) hcl.Range { return v.lx.rng(e.start, e.tagEnd) }

// element validates e, declared by d in schema sc, and its subtree. The
// recursion is bounded by MaxDepth, enforced while decoding.
func (v *validator) element(e *element, d *elemDecl, sc *schema) {
	if d.content == anyContent {
		return
	}
	v.attributes(e, d, sc)
	switch d.content {
	case textOnly:
		for _, k := range e.kids {
			v.errorf(v.startTag(k), fmt.Sprintf("The content of <%s> is text, such as a path or an EL expression. Remove the element or write it as text.", e.qname),
				"Element <%s> is not allowed in <%s>, which holds text only", k.qname, e.qname)
		}
		return
	case emptyContent:
		for _, k := range e.kids {
			v.errorf(v.startTag(k), fmt.Sprintf("<%s> takes attributes only. Remove the element.", e.qname),
				"Element <%s> is not allowed in <%s>", k.qname, e.qname)
		}
	}
	v.noText(e)
	if d.content == elementOnly {
		v.children(e, d, sc)
	}
}

// noText reports non-whitespace character data in an element that holds
// elements only.
func (v *validator) noText(e *element) {
	for _, t := range e.texts {
		raw := v.lx.data[t.start:t.end]
		i := strings.IndexFunc(string(raw), func(r rune) bool { return !isXMLSpace(r) })
		if i < 0 {
			continue
		}
		s := strings.TrimSpace(string(raw))
		if len(s) > 40 {
			s = s[:37] + "..."
		}
		v.errorf(v.lx.runeRange(t.start+i), fmt.Sprintf("<%s> contains elements only. Remove the text or put it in the right child element.", e.qname),
			"Text %q is not allowed in <%s>", s, e.qname)
		return
	}
}

// children matches the child elements of e against the content model.
func (v *validator) children(e *element, d *elemDecl, sc *schema) {
	alt, first := chooseAlt(e, d, sc)
	reported := false
	if alt < 0 {
		alt = 0
		if len(d.alts) > 1 {
			v.missingChoice(e, d)
			reported = true
		}
	}
	ps := d.alts[alt]
	pi, cnt := 0, 0                      // current particle and how many children it took
	firstAt := make([]*element, len(ps)) // the first child each particle took
	for _, k := range e.kids {
		j := -1
		for x := pi; x < len(ps); x++ {
			if ps[x].accepts(sc.ns, k) && (x != pi || ps[x].max < 0 || cnt < ps[x].max) {
				j = x
				break
			}
		}
		if j < 0 {
			v.misplaced(e, d, sc, misfit{ps: ps, firstAt: firstAt, pi: pi, alt: alt, first: first}, k)
			continue
		}
		for x := pi; x < j; x++ {
			if n := countIf(x == pi, cnt); n < ps[x].min {
				v.missing(e, ps[x], n)
			}
		}
		if j != pi {
			pi, cnt = j, 0
		}
		if firstAt[j] == nil {
			firstAt[j] = k
		}
		cnt++
		v.child(e, k, d, sc)
	}
	for x := pi; x < len(ps) && !reported; x++ {
		if n := countIf(x == pi, cnt); n < ps[x].min {
			v.missing(e, ps[x], n)
		}
	}
}

func countIf(current bool, cnt int) int {
	if current {
		return cnt
	}
	return 0
}

// chooseAlt picks the alternative of a choice that the first matching child
// selects; with no such child, the first alternative that may be empty, or
// -1 when every alternative needs something.
func chooseAlt(e *element, d *elemDecl, sc *schema) (alt int, first *element) {
	for _, k := range e.kids {
		for ai, ps := range d.alts {
			for _, p := range ps {
				if p.accepts(sc.ns, k) {
					return ai, k
				}
			}
		}
	}
	for ai, ps := range d.alts {
		empty := true
		for _, p := range ps {
			empty = empty && p.min == 0
		}
		if empty {
			return ai, nil
		}
	}
	return -1, nil
}

// child validates a child element that the content model accepted.
func (v *validator) child(parent, k *element, d *elemDecl, sc *schema) {
	if k.space == sc.ns {
		v.element(k, d.kids[k.local], sc)
		return
	}
	if sc.external != nil {
		if decl, ksc := sc.external(k); decl != nil {
			v.element(k, decl, ksc)
		}
		return
	}
	slaSc := slaSchemas()[k.space]
	decl, ok := slaSc.roots[k.local]
	if !ok {
		v.errorf(v.startTag(k), "An SLA block is a single <sla:info> element. Rename the element.",
			"Element <%s> is not an SLA element", k.qname)
		return
	}
	v.element(k, decl, slaSc)
}

func (v *validator) missing(e *element, p particle, n int) {
	if len(p.names) > 1 || p.anyOther {
		alts := make([]string, len(p.names))
		for i, name := range p.names {
			alts[i] = "<" + name + ">"
		}
		if p.anyOther {
			alts = append(alts, "an element of another namespace")
		}
		what := strings.Join(alts, " or ")
		v.errorf(v.startTag(e), fmt.Sprintf("The schema requires %s in <%s>. Add it.", what, e.qname),
			"Missing %s in <%s>", what, e.qname)
		return
	}
	name := p.names[0]
	if p.min > 1 {
		v.errorf(v.startTag(e), fmt.Sprintf("Add at least %d <%s> elements, or remove <%s>.", p.min, name, e.qname),
			"<%s> needs at least %d <%s> elements, found %d", e.qname, p.min, name, n)
		return
	}
	v.errorf(v.startTag(e), fmt.Sprintf("The schema requires <%s> in <%s>. Add it.", name, e.qname),
		"Missing required element <%s> in <%s>", name, e.qname)
}

func (v *validator) missingChoice(e *element, d *elemDecl) {
	var opts []string
	for _, ps := range d.alts {
		var req []string
		for _, p := range ps {
			if p.min > 0 {
				req = append(req, "<"+p.names[0]+">")
			}
		}
		opts = append(opts, strings.Join(req, " and "))
	}
	v.errorf(v.startTag(e), fmt.Sprintf("Add %s.", strings.Join(opts, ", or ")),
		"<%s> needs %s", e.qname, strings.Join(opts, " or "))
}
