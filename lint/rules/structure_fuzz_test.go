package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/cron"
	"github.com/coordc/coordc/lint"
)

// FuzzRenameDays checks that renaming day-of-week numbers never panics and
// that, whenever CRON002 would offer the renamed field as a fix, Oozie
// reads it as the same schedule.
func FuzzRenameDays(f *testing.F) {
	for _, s := range []string{"2-6", "1,7", "3#2", "6L", "1-7/2", "5-1", "*", "?", "L", "MON-5", "2-", "#", "0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dow string) {
		named, ok := renameDays(dow, quartzDays[:])
		if !ok || strings.ContainsAny(named, " \t") {
			return
		}
		e, err := cron.Parse("0 9 * * " + dow)
		if err != nil {
			return
		}
		if sameSchedule(e, "0 9 * * "+named) && strings.ContainsAny(named, "0123456789") && !strings.ContainsAny(dow, "/#") {
			t.Errorf("%q renamed to %q still has day numbers", dow, named)
		}
	})
}

// FuzzStructureRules lints arbitrary coordinator text with every structure
// rule: no rule may crash, and every finding must have a position.
func FuzzStructureRules(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "lint", "*", "*.xml"))
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil && strings.Contains(string(data), "<coordinator-app") {
			f.Add(string(data))
		}
	}
	f.Add(exampleCoord(`frequency="0 9 * * 2-6" start="2024-01-01T00:00Z" end="2025-01-01T00:00Z" timezone="UTC"`, exampleAction("x")))
	f.Fuzz(func(t *testing.T, text string) {
		path := filepath.Join(t.TempDir(), "coord.xml")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		res, diags := compiler.Load([]string{path}, compiler.Options{})
		for _, fd := range lint.Run(res.Project, res.Sources, diags, structureRules, nil) {
			if fd.Internal {
				t.Fatalf("rule crashed: %s", fd.Diag.Detail)
			}
			if fd.RuleID != "" && fd.Diag.Subject == nil {
				t.Errorf("%s finding without a position: %s", fd.RuleID, fd.Diag.Summary)
			}
		}
	})
}
