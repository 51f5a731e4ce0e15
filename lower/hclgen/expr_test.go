package hclgen

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/hclfront"
	"github.com/coordc/coordc/compiler/ir"
)

// TestValuesRoundTrip prints EL as HCL and reads it back with hclfront:
// the EL AST must survive unchanged.
func TestValuesRoundTrip(t *testing.T) {
	tests := map[string]struct{ el, hcl string }{
		"call":                {`${coord:current(-1)}`, `coord::current(-1)`},
		"declared parameter":  {`${base}/${YEAR}`, `"${var.base}/${YEAR}"`},
		"literal integer":     {`10`, `10`},
		"literal negative":    {`-1`, `-1`},
		"leading zero":        {`007`, `"007"`},
		"literal boolean":     {`true`, `true`},
		"expression integer":  {`${1}`, `"${1}"`},
		"expression negative": {`${-1}`, `"${-1}"`},
		"expression string":   {`${'x'}`, `"${"x"}"`},
		"float":               {`${1.5e10 + 1.0}`, `1.5e+10 + 1.0`},
		"nested conditional":  {`${a ? b ? c : d : e}`, `a ? b ? c : d : e`},
		"conditional as cond": {`${(a ? b : c) ? d : e}`, `(a ? b : c) ? d : e`},
		"negated sum":         {`${-(1 + 2)}`, `-(1 + 2)`},
		"right grouping":      {`${a - (b - c)}`, `a - (b - c)`},
		"precedence":          {`${(a + b) * c == d && e || f}`, `(a + b) * c == d && e || f`},
		"empty":               {`${empty x}`, `empty(x)`},
		"not":                 {`${not a}`, `!a`},
		"member and index":    {`${a.b[0]}`, `a.b[0]`},
		"quotes":              {`${coord:conf('a"b')}`, `coord::conf("a\"b")`},
		"escaped dollar":      {`\${literal} and %{x}`, `"$${literal} and %%{x}"`},
		"dollar then brace":   {`${'$'}{x}`, `"${"$"}{x}"`},
		"empty text":          {``, `""`},
		"backslash":           {`a\b`, `"a\\b"`},
		"ident named dataset": {`${dataset}`, `dataset`},
	}
	ignore := cmp.Options{cmpopts.IgnoreTypes(hcl.Range{})}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			tpl, d := el.ParseTemplate(el.Plain("x", tc.el, hcl.InitialPos))
			if d.HasErrors() {
				t.Fatal(d.Error())
			}
			g := exprGen{vars: map[string]bool{"base": true}}
			got := g.value(&ir.Text{Raw: tc.el, Template: tpl})
			if len(g.errs) > 0 {
				t.Fatalf("errors: %v", g.errs)
			}
			if got != tc.hcl {
				t.Errorf("HCL = %s, want %s", got, tc.hcl)
			}
			src := "variable \"base\" {}\ncoordinator \"c\" {\n frequency = 5\n start = \"s\"\n end = \"e\"\n timezone = \"UTC\"\n workflow { app_path = " + got + " }\n}\n"
			cfg, diags := hclfront.Parse(map[string][]byte{"r.coord.hcl": []byte(src)}, hclfront.Options{})
			if diags.HasErrors() {
				t.Fatalf("%s\n%s", diags.Error(), src)
			}
			back := cfg.Coordinators[0].Action.AppPath.Template
			if diff := cmp.Diff(tpl.Parts, back.Parts, ignore); diff != "" {
				t.Errorf("EL changed through HCL (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUnwritableValues(t *testing.T) {
	for _, src := range []string{`${var}`, `${local.x}`, `${a$b}`} {
		tpl, d := el.ParseTemplate(el.Plain("x", src, hcl.InitialPos))
		if d.HasErrors() {
			t.Fatal(d.Error())
		}
		g := exprGen{}
		g.value(&ir.Text{Raw: src, Template: tpl})
		if len(g.errs) == 0 {
			t.Errorf("%s: no error", src)
		}
	}
}
