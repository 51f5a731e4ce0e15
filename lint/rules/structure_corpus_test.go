package rules

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/corpus"
	"github.com/coordc/coordc/lint"
)

// TestStructureRulesCorpus lints every definition of the shared corpus
// with its sibling job properties: no rule may crash, every finding must
// be positioned, and the findings are logged per rule (go test -v) for
// review. The known cases must be found.
func TestStructureRulesCorpus(t *testing.T) {
	entries := corpus.Entries(t)
	perRule := map[string][]string{}
	for _, e := range entries {
		res, diags := compiler.Load([]string{e.File}, compiler.Options{PropertiesFiles: e.Properties})
		for _, f := range lint.Run(res.Project, res.Sources, diags, structureRules, nil) {
			if f.Internal {
				t.Errorf("%s: %s", e.Local, f.Diag.Detail)
				continue
			}
			if f.RuleID == "" || f.Suppressed {
				continue
			}
			r := f.Diag.Subject
			if r == nil {
				t.Errorf("%s: %s finding without a position: %s", e.Local, f.RuleID, f.Diag.Summary)
				continue
			}
			perRule[f.RuleID] = append(perRule[f.RuleID], fmt.Sprintf("%s:%d:%d: %s", e.Local, r.Start.Line, r.Start.Column, f.Diag.Summary))
		}
	}
	ids := make([]string, 0, len(perRule))
	for id := range perRule {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		t.Logf("%s: %d findings\n  %s", id, len(perRule[id]), strings.Join(perRule[id], "\n  "))
	}
	// Known cases of the corpus (FEATURES.tsv tags).
	for _, e := range entries {
		if e.HasTag("cron-numeric-dow(1=SUN)") && !hasFinding(perRule["CRON002"], e.Local) {
			t.Errorf("%s: tagged cron-numeric-dow but no CRON002 finding", e.Local)
		}
	}
}

func hasFinding(findings []string, file string) bool {
	for _, f := range findings {
		if strings.HasPrefix(f, file+":") {
			return true
		}
	}
	return false
}
