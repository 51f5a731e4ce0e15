package el

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/ir"
)

var fuzzSeeds = []string{
	"", "plain", "${x}", "a${coord:current(-1)}b", `\${x}`, "${'a\\'b' + \"c\"}", "${1.5e3 div 2 mod 7}",
	"${a ? b : c}", "${a.b[c].d}", "${not empty x and y or z}", "${coord:formatTime(coord:dateOffset(coord:nominalTime(), -1, 'DAY'), 'yyyyMMdd')}",
	"${", "${(((", "${'abc", "${1 +}", "${a # b}", "${99999999999999999999}", "$${x}}", "${x}${y}",
	"${coord:offset(1, 'DAY')}", "${hadoop:conf('nn:8020', 'x')}", "${60/2}", "${- - -1}",
}

// FuzzParseTemplate checks that parsing never panics, that every node range
// lies within the text, and that printing a parsed template and parsing it
// again gives the same AST shape.
func FuzzParseTemplate(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		src := Plain("f", text, hcl.Pos{Line: 1, Column: 1})
		end := src.Pos(len(text))
		tmpl, diags := ParseTemplate(src)
		within := func(r hcl.Range) {
			if r.Start.Byte < 0 || r.End.Byte > end.Byte || r.Start.Byte > r.End.Byte {
				t.Fatalf("range %v outside text of %d bytes", r, end.Byte)
			}
		}
		for _, d := range diags {
			within(*d.Subject)
		}
		for _, p := range tmpl.Parts {
			within(p.Range)
		}
		ir.WalkTemplate(tmpl, func(e ir.Expr) bool {
			within(e.SrcRange())
			if c, ok := e.(*ir.Call); ok {
				within(c.NameRange)
			}
			return true
		})
		Check(tmpl, "coord-action-start")
		if diags.HasErrors() || backslashBeforeExpr(tmpl) {
			return
		}
		printed := templateSource(tmpl)
		again, diags := ParseTemplate(Plain("f", printed, hcl.Pos{Line: 1, Column: 1}))
		if diags.HasErrors() {
			t.Fatalf("reparse of %q: %s", printed, diags.Error())
		}
		if a, b := templateShape(tmpl), templateShape(again); a != b {
			t.Fatalf("shape changed after printing %q:\n%s\n%s", printed, a, b)
		}
	})
}

// backslashBeforeExpr reports a literal ending in "\" before an expression:
// such text cannot be written back (a "\" before "${" is an escape).
func backslashBeforeExpr(t *ir.Template) bool {
	for i := 0; i+1 < len(t.Parts); i++ {
		if t.Parts[i].Expr == nil && strings.HasSuffix(t.Parts[i].Literal, `\`) {
			return true
		}
	}
	return false
}

// FuzzEval checks that evaluating any parsed template, in every group, with
// and without unknown variables, never panics.
func FuzzEval(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, true)
	}
	groups := append(Groups(), "")
	f.Fuzz(func(t *testing.T, text string, unknown bool) {
		tmpl, diags := ParseTemplate(Plain("f", text, hcl.Pos{Line: 1, Column: 1}))
		if diags.HasErrors() {
			return
		}
		vs := vars(map[string]Value{"x": "1", "y": 2.5, "z": nil, "b": true})
		for _, g := range groups {
			EvalTemplate(tmpl, &Env{Group: g, Vars: vs, UnknownVars: unknown})
		}
	})
}
