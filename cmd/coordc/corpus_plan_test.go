package main

import (
	"io"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/corpus"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/lower/plan"
	"github.com/coordc/coordc/schemas"
)

// corpusPlanCount caps the actions planned per corpus coordinator: some run
// every 5 minutes until 2099, and the first thousands exercise every code
// path that the rest would.
const corpusPlanCount = 5000

// invalidAtMaterialization are corpus files (Oozie's own test fixtures for
// these errors) that Oozie accepts at submit but fails when it materializes
// or checks inputs; coordc's plan must fail them too, with a position.
var invalidAtMaterialization = map[string]string{
	"apache__oozie/core__src__test__resources__coord-invalid-el-function.xml":            "formatTime pattern 'DAY' has the illegal letter A",
	"apache__oozie/core__src__test__resources__coord-invalid-output-instance.xml":        "latest() in a data-out (E1006)",
	"apache__oozie/core__src__test__resources__coord-multiple-input-instance4.xml":       "latest() in a data-out (E1006)",
	"apache__oozie/core__src__test__resources__coord-multiple-input-start-instance2.xml": "latest() in a data-out (E1006)",
	"apache__oozie/core__src__test__resources__coord-multiple-output-instance4.xml":      "a data-out instance that is not a datetime",
}

// TestCorpusPlans plans every corpus coordinator whose parameters are all
// known (with the job.properties files that sat beside it): each must plan
// without an error. It prints how many did.
func TestCorpusPlans(t *testing.T) {
	entries := corpus.Entries(t)
	var coords, complete, planned, failed, actions int
	for _, e := range entries {
		if e.Root != "coordinator-app" {
			continue
		}
		coords++
		res, diags := compiler.Load([]string{e.File}, compiler.Options{PropertiesFiles: e.Properties})
		if diags.HasErrors() || len(res.Project.Coordinators) != 1 || plan.Plannable(res.Project.Coordinators[0]) != nil {
			continue
		}
		complete++
		opts := plan.Options{Format: plan.FormatJSON, TZDataVersion: schemas.TZDataVersion(), Count: corpusPlanCount}
		jobs, jdiags := plan.Jobs(res.Project, opts)
		if jdiags.HasErrors() {
			t.Errorf("%s: %s", e.Local, jdiags.Error())
			continue
		}
		sum, pdiags := plan.Write(io.Discard, jobs, opts)
		if reason, ok := invalidAtMaterialization[e.Local]; ok {
			if !pdiags.HasErrors() {
				t.Errorf("%s: planned, but Oozie fails it at materialization: %s", e.Local, reason)
			}
			for _, d := range pdiags {
				if d.Subject == nil || d.Subject.Start.Line < 1 {
					t.Errorf("%s: error without a position: %s", e.Local, d.Summary)
				}
			}
			failed++
			continue
		}
		if pdiags.HasErrors() {
			var b strings.Builder
			diag.WriteText(&b, pdiags, res.Sources)
			t.Errorf("%s: plan failed:\n%s", e.Local, b.String())
			continue
		}
		planned++
		actions += sum.Actions
	}
	t.Logf("corpus: %d coordinators, %d with every value known: %d planned (%d actions, at most %d each), %d rejected at materialization as Oozie does",
		coords, complete, planned, actions, corpusPlanCount, failed)
	if complete == 0 || planned+failed != complete || failed != len(invalidAtMaterialization) {
		t.Errorf("planned %d and rejected %d of %d complete coordinators", planned, failed, complete)
	}
}
