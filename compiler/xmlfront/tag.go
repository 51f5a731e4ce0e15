package xmlfront

import (
	"strings"
)

const xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance"

// scanTag re-reads the raw start tag data[start:end], which encoding/xml
// has already accepted, to find the span of every attribute name and value,
// and resolves namespaces. It reports false after a fatal error.
func (d *decoder) scanTag(start, end int) (*element, bool) {
	b := d.data
	e := &element{start: start, tagEnd: end, end: end}
	i := start + 1
	n := i
	for n < end && !isTagSpace(b[n]) && b[n] != '/' && b[n] != '>' {
		n++
	}
	e.qname = string(b[i:n])
	i = n
	seen := map[string]bool{}
	for {
		for i < end && isTagSpace(b[i]) {
			i++
		}
		if i >= end || b[i] == '/' || b[i] == '>' {
			break
		}
		a, next, ok := d.scanAttr(i, end)
		if !ok {
			return nil, false
		}
		if seen[a.qname] {
			d.errorf(d.lx.rng(a.name.start, a.name.end), "Attribute %q appears twice on <%s>", a.qname, e.qname).Detail =
				"An XML element may have each attribute once. Remove one of them."
			return nil, false
		}
		seen[a.qname] = true
		e.attrs = append(e.attrs, a)
		i = next
	}
	d.marks = append(d.marks, len(d.bindings))
	for _, a := range e.attrs {
		switch {
		case a.qname == "xmlns":
			d.bind("", a)
		case strings.HasPrefix(a.qname, "xmlns:"):
			d.bind(a.qname[6:], a)
		}
	}
	prefix, local := splitQName(e.qname)
	uri, ok := d.lookup(prefix)
	if !ok {
		d.errorf(d.lx.rng(start+1, start+1+len(e.qname)), "Namespace prefix %q of <%s> is not declared", prefix, e.qname).Detail =
			"Declare the prefix on this element or an ancestor, for example xmlns:" + prefix + "=\"uri:oozie:sla:0.2\"."
		return nil, false
	}
	e.space, e.local = uri, local
	for _, a := range e.attrs {
		p, l := splitQName(a.qname)
		a.local = l
		if p == "" || p == "xmlns" || a.qname == "xmlns" {
			continue
		}
		if a.space, ok = d.lookup(p); !ok {
			d.errorf(d.lx.rng(a.name.start, a.name.end), "Namespace prefix %q of attribute %q is not declared", p, a.qname).Detail =
				"Declare the prefix on this element or an ancestor, or remove the attribute."
			return nil, false
		}
	}
	return e, true
}

// scanAttr reads name="value" at i; the tag ends at end.
func (d *decoder) scanAttr(i, end int) (*attribute, int, bool) {
	b := d.data
	a := &attribute{name: span{start: i}}
	for i < end && !isTagSpace(b[i]) && b[i] != '=' {
		i++
	}
	a.name.end = i
	a.qname = string(b[a.name.start:i])
	for i < end && b[i] != '\'' && b[i] != '"' {
		i++
	}
	if i >= end {
		d.errorf(d.lx.rng(a.name.start, a.name.end), "Malformed XML: attribute %q has no quoted value", a.qname)
		return nil, 0, false
	}
	q := b[i]
	a.val.start = i + 1
	i++
	for i < end && b[i] != q {
		if b[i] == '<' {
			d.errorf(d.lx.runeRange(i), "Malformed XML: the value of attribute %q contains '<'", a.qname).Detail =
				"XML does not allow '<' inside attribute values. Write it as &lt;."
			return nil, 0, false
		}
		i++
	}
	if i >= end {
		d.errorf(d.lx.rng(a.name.start, a.name.end), "Malformed XML: the value of attribute %q is not closed", a.qname)
		return nil, 0, false
	}
	a.val.end = i
	sb := newSourceBuilder(d.lx)
	decodeChars(sb, b, a.val.start, a.val.end, true)
	a.src = sb.source(a.val.start)
	a.value = a.src.Text
	return a, i + 1, true
}

// bind records a namespace declaration; URIs are trimmed (a warning for the
// whitespace is given by the schema pass).
func (d *decoder) bind(prefix string, a *attribute) {
	d.bindings = append(d.bindings, binding{prefix: prefix, uri: strings.TrimSpace(a.value)})
	d.doc.nsDecls = append(d.doc.nsDecls, a)
}

func (d *decoder) lookup(prefix string) (string, bool) {
	switch prefix {
	case "xml":
		return "http://www.w3.org/XML/1998/namespace", true
	case "xmlns":
		return "http://www.w3.org/2000/xmlns/", true
	}
	for i := len(d.bindings) - 1; i >= 0; i-- {
		if d.bindings[i].prefix == prefix {
			return d.bindings[i].uri, true
		}
	}
	return "", prefix == ""
}

func splitQName(q string) (prefix, local string) {
	if i := strings.IndexByte(q, ':'); i >= 0 {
		return q[:i], q[i+1:]
	}
	return "", q
}

func isTagSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
