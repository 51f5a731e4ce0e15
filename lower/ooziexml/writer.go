package ooziexml

import (
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/hclfront"
	"github.com/coordc/coordc/compiler/ir"
)

// writer builds indented XML. Comments are written before the first
// element that follows them in the source.
type writer struct {
	b        strings.Builder
	depth    int
	file     string
	comments []ir.Comment
	diags    hcl.Diagnostics
}

func newWriter(file string, comments []ir.Comment) *writer {
	cs := append([]ir.Comment(nil), comments...)
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Range.Start.Byte < cs[j].Range.Start.Byte })
	w := &writer{file: file, comments: cs}
	w.b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	return w
}

// attr is one attribute; absent ones are skipped.
type attr struct {
	name  string
	value *ir.Text
}

// flush writes the comments that start before pos (all when all is set).
func (w *writer) flush(pos hcl.Range, all bool) {
	for len(w.comments) > 0 {
		c := w.comments[0]
		if !all && (pos.Filename != w.file || c.Range.Start.Byte >= pos.Start.Byte) {
			return
		}
		w.comments = w.comments[1:]
		lines := hclfront.CommentLines(c.Text)
		for i, l := range lines {
			lines[i] = commentSafe(l)
		}
		switch len(lines) {
		case 0:
			w.line("<!-- -->")
		case 1:
			w.line("<!-- " + lines[0] + " -->")
		default:
			w.line("<!--")
			for _, l := range lines {
				w.line(strings.TrimRight("  "+l, " "))
			}
			w.line("-->")
		}
		if !all && c.Range.End.Line+1 < pos.Start.Line && !w.nextComment(pos) {
			// Keep the blank line that separated the comment from what
			// follows.
			w.b.WriteString("\n")
		}
	}
}

// nextComment reports whether another comment is pending before pos.
func (w *writer) nextComment(pos hcl.Range) bool {
	return len(w.comments) > 0 && w.comments[0].Range.Start.Byte < pos.Start.Byte
}

// commentSafe removes what XML forbids in a comment: "--".
func commentSafe(s string) string {
	for strings.Contains(s, "--") {
		s = strings.ReplaceAll(s, "--", "- -")
	}
	return s
}

func (w *writer) line(s string) {
	w.b.WriteString(strings.Repeat("  ", w.depth))
	w.b.WriteString(s)
	w.b.WriteString("\n")
}

// open writes a start tag.
func (w *writer) open(at hcl.Range, name string, attrs ...attr) {
	w.flush(at, false)
	w.line("<" + name + attrText(attrs) + ">")
	w.depth++
}

// empty writes an element without content.
func (w *writer) empty(at hcl.Range, name string, attrs ...attr) {
	w.flush(at, false)
	w.line("<" + name + attrText(attrs) + "/>")
}

// close writes an end tag, after the comments inside the element.
func (w *writer) close(end hcl.Range, name string) {
	if end.Filename == w.file {
		end.Start = end.End
		w.flush(end, false)
	}
	w.depth--
	w.line("</" + name + ">")
}

// text writes <name>raw</name> for a present text.
func (w *writer) text(name string, t *ir.Text) {
	if t == nil {
		return
	}
	w.flush(t.Range, false)
	w.line("<" + name + ">" + escapeText(t.Raw) + "</" + name + ">")
}

// plain writes <name>s</name>.
func (w *writer) plain(name, s string) {
	w.line("<" + name + ">" + escapeText(s) + "</" + name + ">")
}

func attrText(attrs []attr) string {
	var b strings.Builder
	for _, a := range attrs {
		if a.value == nil {
			continue
		}
		b.WriteString(" " + a.name + "=\"" + escapeAttr(a.value.Raw) + "\"")
	}
	return b.String()
}

// escapeText escapes element content; \r is kept as a reference so that
// line-end normalization does not change it.
func escapeText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#13;").Replace(s)
}

// escapeAttr escapes an attribute value; tab, \n and \r are references so
// that attribute-value normalization keeps them.
func escapeAttr(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\"", "&quot;",
		"\t", "&#9;", "\n", "&#10;", "\r", "&#13;").Replace(s)
}

func (w *writer) errorf(rng hcl.Range, summary, detail string) {
	w.diags = append(w.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: rng.Ptr()})
}

func (w *writer) bytes() []byte {
	w.flush(hcl.Range{}, true)
	return []byte(w.b.String())
}
