package xmlfront

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/java"
)

// Trimming: Oozie trims (Java String.trim) most values before use; the
// fields marked trim below get the trimmed text and its range, the others
// keep the text exactly as written. See doc.go for the list.
const (
	asWritten = false
	trim      = true
)

func (b *builder) declRange(e *element) hcl.Range { return b.lx.rng(e.start, e.tagEnd) }
func (b *builder) rangeOf(e *element) hcl.Range   { return b.lx.rng(e.start, e.end) }

// kid returns the first child of e named local in e's namespace.
func kid(e *element, local string) *element {
	for _, k := range e.kids {
		if k.local == local && k.space == e.space {
			return k
		}
	}
	return nil
}

// kidsNamed returns the children of e named local in e's namespace.
func kidsNamed(e *element, local string) []*element {
	var out []*element
	for _, k := range e.kids {
		if k.local == local && k.space == e.space {
			out = append(out, k)
		}
	}
	return out
}

// contentSource decodes the character data of e (text and CDATA sections,
// comments skipped) with its map to the file.
func (b *builder) contentSource(e *element) *el.Source {
	sb := newSourceBuilder(b.lx)
	for _, t := range e.texts {
		if t.cdata {
			decodeCDATA(sb, b.lx.data, t.start, t.end)
		} else {
			decodeChars(sb, b.lx.data, t.start, t.end, false)
		}
	}
	return sb.source(e.tagEnd)
}

// elemText is the content of e as a Text; nil when e is nil.
func (b *builder) elemText(e *element, trimmed bool) *ir.Text {
	if e == nil {
		return nil
	}
	src := b.contentSource(e)
	if trimmed {
		src = trimSource(src)
	}
	return b.newText(src)
}

// kidText is the content of the first child named local.
func (b *builder) kidText(e *element, local string, trimmed bool) *ir.Text {
	return b.elemText(kid(e, local), trimmed)
}

// kidString is the trimmed content of the first child named local, "" when
// absent.
func (b *builder) kidString(e *element, local string) string {
	k := kid(e, local)
	if k == nil {
		return ""
	}
	return java.Trim(b.contentSource(k).Text)
}

// attrText is the value of attribute name of e; nil when absent.
func (b *builder) attrText(e *element, name string, trimmed bool) *ir.Text {
	a := findAttr(e, name)
	if a == nil {
		return nil
	}
	src := a.src
	if trimmed {
		src = trimSource(src)
	}
	return b.newText(src)
}

// attrName returns the value of a name-like attribute as written, and its
// range; the start tag's range when the attribute is missing.
func (b *builder) attrName(e *element, name string) (string, hcl.Range) {
	a := findAttr(e, name)
	if a == nil {
		return "", b.declRange(e)
	}
	return a.value, b.lx.rng(a.val.start, a.val.end)
}

// configuration builds <configuration> properties: names are trimmed (as
// Oozie reads them), values kept as written.
func (b *builder) configuration(e *element) []*ir.Property {
	if e == nil {
		return nil
	}
	var out []*ir.Property
	for _, p := range kidsNamed(e, "property") {
		out = append(out, &ir.Property{
			Name:        b.kidText(p, "name", trim),
			Value:       b.kidText(p, "value", asWritten),
			Description: b.kidString(p, "description"),
			Range:       b.rangeOf(p),
		})
	}
	return out
}

// parameters builds formal <parameters> (coordinator 0.4+, bundle 0.2+);
// name and default value are trimmed.
func (b *builder) parameters(e *element) []*ir.Parameter {
	if e == nil {
		return nil
	}
	var out []*ir.Parameter
	for _, p := range kidsNamed(e, "property") {
		prm := &ir.Parameter{Range: b.rangeOf(p), Description: b.kidString(p, "description")}
		if n := kid(p, "name"); n != nil {
			src := trimSource(b.contentSource(n))
			prm.Name, prm.NameRange = src.Text, fullRange(src)
		} else {
			prm.NameRange = b.declRange(p)
		}
		prm.Default = b.kidText(p, "value", trim)
		out = append(out, prm)
	}
	return out
}
