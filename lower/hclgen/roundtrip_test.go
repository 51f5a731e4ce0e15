package hclgen_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/corpus"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/xmlfront"
	"github.com/coordc/coordc/lower/hclgen"
	"github.com/coordc/coordc/lower/schedule"
)

// irOptions compare two submitted coordinators for meaning. Ignored, as
// purely textual or front-end specific: source ranges and file names, the
// XML namespace and schema version (HCL compiles as 0.5; ooziexml picks the
// lowest version), comments (re-wrapped per syntax), and Raw, which is the
// text as written in XML and canonical EL from HCL: the Template, the
// evaluated Value and every resolved field are compared instead. Templates
// are compared after merging a ${'text'} part into the literal text around
// it, which EL evaluates identically, and parameters after merging those
// declared twice (HCL variables are unique; see hclgen.DedupeParams).
var irOptions = cmp.Options{
	cmpopts.IgnoreTypes(hcl.Range{}, []ir.Comment(nil)),
	cmpopts.IgnoreFields(ir.Coordinator{}, "File", "Namespace", "Version"),
	cmpopts.IgnoreFields(ir.Dataset{}, "File"),
	cmpopts.IgnoreFields(ir.Text{}, "Raw"),
	cmp.Comparer(func(a, b *time.Location) bool { return a.String() == b.String() }),
	cmp.Transformer("mergeLiterals", mergeLiterals),
	cmp.Transformer("dedupeParams", hclgen.DedupeParams),
}

// mergeLiterals normalizes a template: ${'text'} parts become literal text,
// adjacent literals are joined, ranges are dropped.
func mergeLiterals(t *ir.Template) []ir.TemplatePart {
	if t == nil {
		return nil
	}
	var out []ir.TemplatePart
	for _, p := range t.Parts {
		lit, isLit := p.Literal, p.Expr == nil
		if l, ok := p.Expr.(*ir.Literal); ok && l.Kind == ir.LitString {
			lit, isLit = l.Str, true
		}
		if !isLit {
			out = append(out, ir.TemplatePart{Expr: p.Expr})
			continue
		}
		if n := len(out); n > 0 && out[n-1].Expr == nil {
			out[n-1].Literal += lit
			continue
		}
		out = append(out, ir.TemplatePart{Literal: lit})
	}
	return out
}

// plannable loads a file and reports whether it plans: no load errors, one
// coordinator, and a walk of its first actions without errors.
func plannable(t *testing.T, path string, props []string) (*ir.Coordinator, bool) {
	t.Helper()
	res, diags := compiler.Load([]string{path}, compiler.Options{PropertiesFiles: props})
	if diags.HasErrors() || len(res.Project.Coordinators) != 1 {
		return nil, false
	}
	c := res.Project.Coordinators[0]
	wd := schedule.Walk(c, schedule.Options{Count: 20}, func(*schedule.Action) bool { return true })
	return c, !wd.HasErrors()
}

// TestCorpusRoundTrip converts every corpus coordinator that plans to HCL
// and checks that the HCL compiles to the same submitted IR.
func TestCorpusRoundTrip(t *testing.T) {
	entries := corpus.Entries(t)
	dir := t.TempDir()
	var plans, same, localInclude int
	for _, e := range entries {
		if e.Root != "coordinator-app" {
			continue
		}
		want, ok := plannable(t, e.File, e.Properties)
		if !ok {
			continue
		}
		plans++
		t.Run(e.Local, func(t *testing.T) {
			data, err := os.ReadFile(e.File)
			if err != nil {
				t.Fatal(err)
			}
			f, _ := xmlfront.Parse(e.File, data)
			if hasLocalInclude(want) {
				localInclude++
				t.Skip("includes a local datasets file, which the HCL copy in a temporary directory cannot reach")
			}
			src, diags := hclgen.Coordinator(f.Coordinator)
			if diags.HasErrors() {
				t.Fatalf("hclgen: %s", diags.Error())
			}
			path := filepath.Join(dir, filepath.Base(filepath.Dir(e.File))+"-"+filepath.Base(e.File)+".d", "c.coord.hcl")
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, src, 0o644); err != nil {
				t.Fatal(err)
			}
			res, diags := compiler.Load([]string{path}, compiler.Options{PropertiesFiles: e.Properties})
			if diags.HasErrors() || len(res.Project.Coordinators) != 1 {
				t.Fatalf("HCL does not load:\n%s\n%s", diags.Error(), src)
			}
			if diff := cmp.Diff(want, res.Project.Coordinators[0], irOptions); diff != "" {
				t.Fatalf("IR differs (-xml +hcl):\n%s\nHCL:\n%s", diff, src)
			}
			same++
		})
	}
	t.Logf("corpus: %d coordinators plan; %d round-trip to identical IR; %d skipped (local include)", plans, same, localInclude)
}

// hasLocalInclude reports an include that the loader read from disk
// (c is submitted: include values are known).
func hasLocalInclude(c *ir.Coordinator) bool {
	for _, inc := range c.Includes {
		v := strings.TrimSpace(inc.Value)
		if inc.Known && (!strings.Contains(v, "://") || strings.HasPrefix(v, "file://")) {
			return true
		}
	}
	return false
}
