package lint

import (
	"bytes"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// hclComments returns the comments of an HCL file (#, // and /* */) as the
// HCL scanner finds them, so that text inside strings, templates and
// heredocs is never taken for a comment.
func hclComments(data []byte) []comment {
	toks, _ := hclsyntax.LexConfig(data, "", hcl.InitialPos)
	var out []comment
	before := true
	for _, tok := range toks {
		switch tok.Type {
		case hclsyntax.TokenComment:
		case hclsyntax.TokenNewline, hclsyntax.TokenEOF:
			continue
		default:
			before = false
			continue
		}
		start, end := tok.Range.Start.Byte, tok.Range.End.Byte
		text := tok.Bytes
		// A line comment token includes the line end.
		for len(text) > 0 && (text[len(text)-1] == '\n' || text[len(text)-1] == '\r') {
			text = text[:len(text)-1]
			end--
		}
		cm := comment{start: start, end: end, textFrom: start + 1, textTo: end, beforeFirstElement: before}
		switch {
		case bytes.HasPrefix(text, []byte("/*")):
			cm.textFrom = start + 2
			if len(text) >= 4 && bytes.HasSuffix(text, []byte("*/")) {
				cm.textTo = end - 2
			}
		case bytes.HasPrefix(text, []byte("//")):
			cm.textFrom = start + 2
		}
		out = append(out, cm)
	}
	return out
}

// hclScope returns the bytes a directive alone on its line covers: the
// block opening on the line at next (to its closing brace), or that line
// (with a heredoc or a multi-line value that starts on it).
func hclScope(ix *lineIndex, next int) (int, int) {
	data := ix.data
	if next >= len(data) {
		return next, next
	}
	ls, le := ix.lineBounds(next)
	toks, _ := hclsyntax.LexConfig(data[next:], "", hcl.InitialPos)
	depth := 0
	for _, tok := range toks {
		switch tok.Type {
		case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen:
			depth++
		case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen:
			depth--
			if depth <= 0 && tok.Type == hclsyntax.TokenCBrace {
				return ls, max(le, next+tok.Range.End.Byte)
			}
		case hclsyntax.TokenNewline:
			if depth <= 0 {
				return ls, max(le, next+tok.Range.Start.Byte)
			}
		case hclsyntax.TokenComment:
			// A line comment token ends with the line end it comments.
			if depth <= 0 && bytes.HasSuffix(tok.Bytes, []byte("\n")) {
				return ls, max(le, next+tok.Range.End.Byte-1)
			}
		}
	}
	return ls, len(data)
}
