package hclfront

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
)

// parseValue compiles `x = <expr>` inside a workflow configuration and
// returns the Text of x.
func parseValue(t *testing.T, prelude, expr string) (*ir.Text, hcl.Diagnostics) {
	t.Helper()
	src := prelude + `
coordinator "c" {
  frequency = 5
  start     = "2009-01-01T00:00Z"
  end       = "2009-01-02T00:00Z"
  timezone  = "UTC"
  workflow {
    app_path      = "/app"
    configuration = { x = ` + expr + ` }
  }
}
`
	cfg, diags := Parse(map[string][]byte{"t.coord.hcl": []byte(src)}, Options{})
	if len(cfg.Coordinators) != 1 || cfg.Coordinators[0].Action == nil || len(cfg.Coordinators[0].Action.Configuration) != 1 {
		t.Fatalf("no configuration parsed: %s", diags.Error())
	}
	return cfg.Coordinators[0].Action.Configuration[0].Value, diags
}

func TestExpressionsBecomeEL(t *testing.T) {
	const vars = `
variable "base" {}
locals {
  root  = "${var.base}/x"
  n     = 2
  inner = coord::current(local.n)
}`
	tests := map[string]struct{ expr, raw string }{
		"namespaced call":        {`coord::current(-1)`, `${coord:current(-1)}`},
		"template with var":      {`"${var.base}/${YEAR}/${MONTH}"`, `${base}/${YEAR}/${MONTH}`},
		"top-level integer":      {`10`, `10`},
		"top-level negative":     {`-1`, `-1`},
		"top-level boolean":      {`true`, `true`},
		"interpolated negative":  {`"${-1}"`, `${-1}`},
		"interpolated string":    {`"${"abc"}"`, `${'abc'}`},
		"float keeps its kind":   {`"${2 * 1.0}"`, `${2 * 1.0}`},
		"escaped interpolation":  {`"a$${b}"`, `a\${b}`},
		"conditional":            {`a > 1 ? "x" : "y"`, `${a > 1 ? 'x' : 'y'}`},
		"parentheses kept":       {`(1 + 2) * 3`, `${(1 + 2) * 3}`},
		"right operand grouped":  {`1 - (2 - 3)`, `${1 - (2 - 3)}`},
		"left-associative":       {`1 - 2 - 3`, `${1 - 2 - 3}`},
		"empty operator":         {`empty(x)`, `${empty x}`},
		"not and and":            {`!a && b`, `${!a && b}`},
		"local template spliced": {`"${local.root}/y"`, `${base}/x/y`},
		"local expression":       {`local.inner`, `${coord:current(2)}`},
		"member and index":       {`x.y["k"]`, `${x.y['k']}`},
		"quote in string":        {`coord::conf("it's")`, `${coord:conf('it\'s')}`},
		"backslash in string":    {`coord::conf("a\\b")`, `${coord:conf('a\\b')}`},
		"nested calls":           {`coord::formatTime(coord::nominalTime(), "yyyy")`, `${coord:formatTime(coord:nominalTime(), 'yyyy')}`},
		"unary of call":          {`coord::current(-coord::hoursInDay(-1))`, `${coord:current(-coord:hoursInDay(-1))}`},
		"newline in literal":     {`"a\nb"`, "a\nb"},
	}
	ignore := cmp.Options{cmpopts.IgnoreTypes(hcl.Range{})}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, diags := parseValue(t, vars, tc.expr)
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			if diff := cmp.Diff(tc.raw, got.Raw); diff != "" {
				t.Errorf("Raw (-want +got):\n%s", diff)
			}
			// The canonical text reads back as the same EL AST.
			back, d := el.ParseTemplate(el.Plain("x", got.Raw, hcl.InitialPos))
			if d.HasErrors() {
				t.Fatalf("Raw does not parse as EL: %s", d.Error())
			}
			if diff := cmp.Diff(back.Parts, got.Template.Parts, ignore); diff != "" {
				t.Errorf("EL of Raw differs from the HCL translation (-el +hcl):\n%s", diff)
			}
		})
	}
}

func TestExpressionRanges(t *testing.T) {
	got, diags := parseValue(t, "", `coord::current(-1)`)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	call := got.Template.Parts[0].Expr.(*ir.Call)
	// Line 9 is the configuration line: `    configuration = { x = coord::current(-1) }`.
	want := hcl.Range{Filename: "t.coord.hcl", Start: hcl.Pos{Line: 9, Column: 27, Byte: 0}, End: hcl.Pos{Line: 9, Column: 45}}
	rng := call.Range
	rng.Start.Byte, rng.End.Byte = 0, 0
	want.End.Byte = 0
	if diff := cmp.Diff(want, rng); diff != "" {
		t.Errorf("call range (-want +got):\n%s", diff)
	}
	if call.NameRange.Start.Column != 27 || call.NameRange.End.Column != 41 {
		t.Errorf("name range %v, want columns 27-41", call.NameRange)
	}
	arg := call.Args[0].SrcRange()
	if arg.Start.Column != 42 || arg.End.Column != 44 {
		t.Errorf("argument range %v, want columns 42-44", arg)
	}
}
