package rules

import (
	"testing"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/corpus"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lint"
	"github.com/hashicorp/hcl/v2"
)

// BenchmarkStructureRulesCorpus measures the structure rules alone over
// the whole corpus, loaded once (one file per project, with its
// properties): the lint cost on top of compiling.
func BenchmarkStructureRulesCorpus(b *testing.B) {
	type loaded struct {
		p     *ir.Project
		src   diag.Sources
		diags hcl.Diagnostics
	}
	var all []loaded
	for _, e := range corpus.Entries(b) {
		res, diags := compiler.Load([]string{e.File}, compiler.Options{PropertiesFiles: e.Properties})
		all = append(all, loaded{res.Project, res.Sources, diags})
	}
	b.ResetTimer()
	for b.Loop() {
		for _, l := range all {
			lint.Run(l.p, l.src, l.diags, structureRules, nil)
		}
	}
}
