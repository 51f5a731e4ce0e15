package xmlfront

import (
	"fmt"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
)

// internalAttrs are attributes Oozie writes into the stored job XML; they
// appear in definitions copied from Oozie's test fixtures.
var internalAttrs = []string{"freq_timeunit", "end_of_duration"}

// attributes checks the attributes of e against d.
func (v *validator) attributes(e *element, d *elemDecl, sc *schema) {
	for _, a := range e.attrs {
		if a.qname == "xmlns" || strings.HasPrefix(a.qname, "xmlns:") || a.space == xsiNamespace {
			continue
		}
		nameRng := v.lx.rng(a.name.start, a.name.end)
		if a.space != "" {
			v.errorf(nameRng, "The schema declares no attributes in other namespaces. Remove the attribute.",
				"Attribute %q is not allowed on <%s>", a.qname, e.qname)
			continue
		}
		decl, ok := d.attr(a.local)
		if !ok {
			v.unknownAttr(e, d, sc, a)
			continue
		}
		v.attrValue(e, a, decl)
	}
	for _, decl := range d.attrs {
		if decl.required && findAttr(e, decl.name) == nil {
			v.errorf(v.startTag(e), fmt.Sprintf("The schema requires %s=\"...\" on <%s>. Add it.", decl.name, e.qname),
				"Missing required attribute %q on <%s>", decl.name, e.qname)
		}
	}
}

func (v *validator) unknownAttr(e *element, d *elemDecl, sc *schema, a *attribute) {
	nameRng := v.lx.rng(a.name.start, a.name.end)
	if d.internalAttrs && contains(internalAttrs, a.local) {
		w := diag.Warningf(nameRng, diag.XML001, "Attribute %q is internal to Oozie", a.local)
		w.Detail = "Oozie adds this attribute to the job XML it stores; it is not part of the schema and is ignored here. Remove it from the definition."
		v.diags = append(v.diags, w)
		return
	}
	if added, ok := sc.addedIn[e.local+"@"+a.local]; ok && added.Compare(sc.version) > 0 {
		v.errorf(nameRng, fmt.Sprintf("Change the namespace to %s%s or later, or remove the attribute.", nsPrefix(sc), added),
			"Attribute %q is not allowed in %s schema %s (added in %s)", a.local, sc.family, sc.version, added)
		return
	}
	var names []string
	for _, x := range d.attrs {
		names = append(names, x.name)
	}
	allowed := "no attributes"
	if len(names) > 0 {
		allowed = "the attributes " + strings.Join(names, ", ")
	}
	v.errorf(nameRng, fmt.Sprintf("<%s> takes %s.%s", e.qname, allowed, didYouMean(a.local, names)),
		"Unknown attribute %q on <%s>", a.qname, e.qname)
}

func (v *validator) attrValue(e *element, a *attribute, decl attrDecl) {
	valRng := v.lx.rng(a.val.start, a.val.end)
	switch decl.typ {
	case attrIdentifier:
		if !isIdentifier(a.value) {
			v.errorf(valRng, "Oozie's schema checks this name before any EL is evaluated, so it must be a literal name. Rename it, for example to \"my_name\".",
				"Attribute %q = %q is not a valid identifier (must start with a letter; letters, digits, - and _ only)", a.local, a.value)
		}
	case attrBoolean:
		switch strings.Trim(a.value, " ") {
		case "true", "false", "1", "0":
		default:
			v.errorf(valRng, "The schema types this attribute as xs:boolean. Use true or false.",
				"Attribute %q = %q is not a valid boolean (use true, false, 1 or 0)", a.local, a.value)
		}
	}
}

// isIdentifier matches the schemas' IDENTIFIER pattern
// ([a-zA-Z]([\-_a-zA-Z0-9])*){1,39}: a letter, then letters, digits, - and _
// (the {1,39} repeats whole groups, so the length is not limited).
func isIdentifier(s string) bool {
	if s == "" || !isLetter(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !isLetter(c) && !(c >= '0' && c <= '9') && c != '-' && c != '_' {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func findAttr(e *element, local string) *attribute {
	for _, a := range e.attrs {
		if a.space == "" && a.local == local && !strings.HasPrefix(a.qname, "xmlns") {
			return a
		}
	}
	return nil
}
