package el

import (
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/ir"
)

// ParseTemplate parses text with embedded ${...} expressions. Literal parts
// are decoded: "\${" stands for a literal "${" (JSP 2.0 escaping); any other
// backslash, and a "$" or "{" not forming "${", is literal text. An
// expression that fails to parse is reported and left out of the result;
// parsing resumes after its closing "}".
func ParseTemplate(src *Source) (*ir.Template, hcl.Diagnostics) {
	text := src.Text
	t := &ir.Template{Range: src.Range(0, len(text))}
	var diags hcl.Diagnostics
	var lit strings.Builder
	litStart := 0
	flush := func(end int) {
		if end > litStart {
			t.Parts = append(t.Parts, ir.TemplatePart{Literal: lit.String(), Range: src.Range(litStart, end)})
		}
		lit.Reset()
	}
	for i := 0; i < len(text); {
		switch {
		case strings.HasPrefix(text[i:], `\${`):
			lit.WriteString("${")
			i += 3
		case strings.HasPrefix(text[i:], "${"):
			flush(i)
			p := &parser{src: src, lx: lexer{text: text, pos: i + 2}, template: true}
			p.advance()
			e := p.parseExpr()
			if p.err == nil {
				if p.tok.kind == tokPunct && p.tok.text == "}" {
					t.Parts = append(t.Parts, ir.TemplatePart{Expr: e, Range: src.Range(i, p.tok.end)})
				} else if p.tok.kind == tokEOF {
					p.fail(src.Range(i, i+2), `Unterminated ${ expression: missing "}"`,
						`An EL expression opened with "${" must be closed with "}". Add the missing "}", or write "\${" for a literal "${".`)
				} else {
					p.unexpected()
				}
			}
			if p.err != nil {
				diags = append(diags, p.err)
				p.skipToClose()
			}
			i = p.tok.end
			litStart = i
		default:
			lit.WriteByte(text[i])
			i++
		}
	}
	flush(len(text))
	return t, diags
}
