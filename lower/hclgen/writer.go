package hclgen

import (
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/coordc/coordc/compiler/hclfront"
	"github.com/coordc/coordc/compiler/ir"
)

// writer builds HCL source text line by line; hclwrite.Format then aligns
// and indents it canonically. Comments are placed before the first item
// that follows them in the source.
type writer struct {
	b        strings.Builder
	file     string       // the source file the comments and ranges are in
	comments []ir.Comment // pending, in source order
	gen      exprGen
	diags    hcl.Diagnostics
	subject  hcl.Range // for diagnostics: the definition being written
	blank    bool      // a blank line is wanted before the next item
	comment  bool      // the last line written is a comment
	lastEnd  hcl.Pos   // where that comment ends in the source
}

func newWriter(file string, comments []ir.Comment, vars map[string]bool, subject hcl.Range) *writer {
	cs := append([]ir.Comment(nil), comments...)
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Range.Start.Byte < cs[j].Range.Start.Byte })
	return &writer{file: file, comments: cs, gen: exprGen{vars: vars}, subject: subject}
}

// flush writes the pending comments that start before pos (all of them
// when all is set), provided pos is in the comments' file.
func (w *writer) flush(pos hcl.Range, all bool) {
	for len(w.comments) > 0 {
		c := w.comments[0]
		if !all && (pos.Filename != w.file || c.Range.Start.Byte >= pos.Start.Byte) {
			return
		}
		w.comments = w.comments[1:]
		if w.b.Len() > 0 && !w.comment {
			w.blank = true
		}
		w.sep()
		for _, l := range hclfront.CommentLines(c.Text) {
			w.b.WriteString(strings.TrimRight("# "+l, " ") + "\n")
		}
		w.comment, w.lastEnd = true, c.Range.End
	}
}

// attached reports whether the comment just written ends on the line
// before at, so that no blank line separates them.
func (w *writer) attached(at hcl.Range) bool {
	return w.comment && at.Filename == w.file && at.Start.Line <= w.lastEnd.Line+1
}

// sep writes the blank line an earlier item asked for.
func (w *writer) sep() {
	if w.blank {
		w.b.WriteString("\n")
		w.blank = false
	}
	w.comment = false
}

// attr writes name = value for a present text.
func (w *writer) attr(name string, t *ir.Text) {
	if t == nil {
		return
	}
	w.flush(t.Range, false)
	w.sep()
	w.b.WriteString(name + " = " + w.gen.value(t) + "\n")
	w.check(t.Range)
}

// raw writes name = expr as given.
func (w *writer) raw(name, expr string, at hcl.Range) {
	w.flush(at, false)
	w.sep()
	w.b.WriteString(name + " = " + expr + "\n")
}

// open starts a block; labels are quoted.
func (w *writer) open(at hcl.Range, typ string, labels ...string) {
	w.flush(at, false)
	w.blank = w.b.Len() > 0 && !w.attached(at)
	w.sep()
	w.b.WriteString(typ)
	for _, l := range labels {
		w.b.WriteString(" " + quote(l))
	}
	w.b.WriteString(" {\n")
}

// close ends a block, first writing the comments inside it.
func (w *writer) close(end hcl.Range) {
	if end.Filename == w.file {
		end.Start = end.End
		w.flush(end, false)
	}
	if text := w.b.String(); strings.HasSuffix(text, " {\n") {
		// An empty block is written on one line.
		w.b.Reset()
		w.b.WriteString(strings.TrimSuffix(text, "\n") + "}\n")
	} else {
		w.b.WriteString("}\n")
	}
	w.blank = true
}

// check turns expression printing problems into diagnostics.
func (w *writer) check(rng hcl.Range) {
	for _, e := range w.gen.errs {
		w.diags = append(w.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Value cannot be written in HCL",
			Detail: "The " + e + ". Rewrite the value in the XML so that it is plain EL, then convert again.", Subject: rng.Ptr()})
	}
	w.gen.errs = nil
}

func (w *writer) errorf(rng hcl.Range, summary, detail string) {
	w.diags = append(w.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: rng.Ptr()})
}

// bytes returns the formatted text, with any remaining comments at the end.
func (w *writer) bytes() []byte {
	w.flush(hcl.Range{}, true)
	return hclwrite.Format([]byte(w.b.String()))
}
