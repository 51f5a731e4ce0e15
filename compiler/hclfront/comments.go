package hclfront

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/coordc/coordc/compiler/ir"
)

// fileComments returns the comments of an HCL file without their markers.
// Line comments on consecutive lines form one comment of several lines.
func fileComments(filename string, src []byte) []ir.Comment {
	toks, _ := hclsyntax.LexConfig(src, filename, hcl.InitialPos)
	var out []ir.Comment
	lastLine := -1
	for _, tok := range toks {
		if tok.Type != hclsyntax.TokenComment {
			continue
		}
		text := string(tok.Bytes)
		line := strings.HasPrefix(text, "#") || strings.HasPrefix(text, "//")
		body := commentBody(text)
		rng := tok.Range
		if line && strings.HasSuffix(text, "\n") {
			rng.End = hcl.Pos{Line: rng.Start.Line, Column: rng.Start.Column + len([]rune(strings.TrimRight(text, "\r\n"))), Byte: rng.Start.Byte + len(strings.TrimRight(text, "\r\n"))}
		}
		if n := len(out); line && n > 0 && lastLine == rng.Start.Line-1 && out[n-1].Range.Start.Column == rng.Start.Column {
			out[n-1].Text += "\n" + body
			out[n-1].Range.End = rng.End
		} else {
			out = append(out, ir.Comment{Text: body, Range: rng})
		}
		lastLine = -1
		if line {
			lastLine = rng.Start.Line
		}
	}
	return out
}

// commentBody strips the comment markers and one space after a line marker.
func commentBody(text string) string {
	text = strings.TrimRight(text, "\r\n")
	switch {
	case strings.HasPrefix(text, "#"):
		text = text[1:]
	case strings.HasPrefix(text, "//"):
		text = text[2:]
	case strings.HasPrefix(text, "/*"):
		return strings.Join(CommentLines(strings.TrimSuffix(text[2:], "*/")), "\n")
	}
	return strings.TrimRight(strings.TrimPrefix(text, " "), " \t")
}

// CommentLines splits comment text into lines for re-emitting it in another
// syntax: trailing blanks and leading and trailing empty lines are dropped,
// and the indentation common to all lines is removed.
func CommentLines(text string) []string {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " \t")
	}
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	indent := -1
	for _, l := range lines {
		if l == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if indent < 0 || n < indent {
			indent = n
		}
	}
	for i, l := range lines {
		if len(l) >= indent && indent > 0 {
			lines[i] = l[indent:]
		}
	}
	return lines
}

// assignComments gives each definition the comments of its file that come
// before its end (and after the previous definition's end); comments after
// the last definition go to the last one.
func assignComments(comments []ir.Comment, defs []commentOwner) {
	i := 0
	for k, d := range defs {
		end := d.rng().End.Byte
		for i < len(comments) && (comments[i].Range.Start.Byte < end || k == len(defs)-1) {
			d.add(comments[i])
			i++
		}
	}
}

// commentOwner is a coordinator or bundle of one file.
type commentOwner interface {
	rng() hcl.Range
	add(ir.Comment)
}

type coordOwner struct{ c *ir.Coordinator }

func (o coordOwner) rng() hcl.Range    { return o.c.Range }
func (o coordOwner) add(cm ir.Comment) { o.c.Comments = append(o.c.Comments, cm) }

type bundleOwner struct{ b *ir.Bundle }

func (o bundleOwner) rng() hcl.Range    { return o.b.Range }
func (o bundleOwner) add(cm ir.Comment) { o.b.Comments = append(o.b.Comments, cm) }
