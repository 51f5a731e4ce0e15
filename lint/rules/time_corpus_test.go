package rules

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/corpus"
	"github.com/coordc/coordc/lint"
	"github.com/hashicorp/hcl/v2"
)

// TestTimeRulesCorpus lints every corpus definition with its sibling job
// properties using the time rules: no rule may crash, and the known cases
// must be found. With COORDC_CORPUS_FINDINGS=1 it prints every finding, per
// rule, for review.
func TestTimeRulesCorpus(t *testing.T) {
	entries := corpus.Entries(t)
	byRule := map[string][]string{}
	found := map[string]bool{}
	for _, e := range entries {
		res, diags := compiler.Load([]string{e.File}, compiler.Options{PropertiesFiles: e.Properties})
		for _, f := range lint.Run(res.Project, res.Sources, diags, timeRules, nil) {
			if f.Internal {
				t.Errorf("%s: %s\n%s", e.Local, f.Diag.Summary, f.Diag.Detail)
				continue
			}
			if f.RuleID == "" {
				continue
			}
			r := f.Diag.Subject
			byRule[f.RuleID] = append(byRule[f.RuleID], fmt.Sprintf("%s:%d:%d: %s\n      %s", e.Local, r.Start.Line, r.Start.Column, f.Diag.Summary, f.Diag.Detail))
			found[f.RuleID+" "+e.Local] = true
		}
	}
	ids := make([]string, 0, len(byRule))
	for id := range byRule {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var counts []string
	for _, id := range ids {
		counts = append(counts, fmt.Sprintf("%s %d", id, len(byRule[id])))
		if os.Getenv("COORDC_CORPUS_FINDINGS") != "" {
			t.Logf("%s (%d findings):\n  %s", id, len(byRule[id]), strings.Join(byRule[id], "\n  "))
		}
	}
	t.Logf("%d definitions; findings per rule: %s", len(entries), strings.Join(counts, ", "))
	for _, known := range []string{
		"DST001 Cloudwick-Team7__DailyDataLoad/oozie__coordinator.xml",                        // frequency="1440" in America/Los_Angeles
		"TZ002 BandiM__hadooptools/oozie__oozie-coordinator.xml",                              // American/Chicago
		"TZ001 gouravtech__oozie/coordinator.xml",                                             // IST
		"TIME001 HaNeul-Kim__oozie_notification/src__main__resources__oozie__coordinator.xml", // +0900 offset form
	} {
		if !found[known] {
			t.Errorf("known case not found: %s", known)
		}
	}
}

// BenchmarkTimeRulesCorpus runs each time rule over the whole corpus,
// loaded once, without the runner (loading is the compiler's cost, and
// suppressions and fingerprints the framework's).
func BenchmarkTimeRulesCorpus(b *testing.B) {
	type loaded struct {
		res   *compiler.Result
		diags hcl.Diagnostics
	}
	var all []loaded
	for _, e := range corpus.Entries(b) {
		res, diags := compiler.Load([]string{e.File}, compiler.Options{PropertiesFiles: e.Properties})
		all = append(all, loaded{res, diags})
	}
	for _, a := range timeRules {
		b.Run(a.ID, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				for _, l := range all {
					a.Run(lint.NewPass(a, l.res.Project, l.res.Sources, l.diags, func(*hcl.Diagnostic) {}))
				}
			}
		})
	}
}
