package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/corpus"
	"github.com/coordc/coordc/lint"
	"github.com/coordc/coordc/lint/rules"
)

// lintEntries lints every corpus definition with its sibling properties,
// in this one process, and returns the findings.
func lintEntries(tb testing.TB, entries []*corpus.Entry) []lint.Finding {
	var all []lint.Finding
	analyzers := rules.All()
	for _, e := range entries {
		res, diags := compiler.Load([]string{e.File}, compiler.Options{PropertiesFiles: e.Properties})
		all = append(all, lint.Run(res.Project, res.Sources, diags, analyzers, nil)...)
	}
	return all
}

// TestLintCorpus lints the whole shared corpus (no crash, no internal
// error) and logs the findings per rule; run with -v to read them.
func TestLintCorpus(t *testing.T) {
	entries := corpus.Entries(t)
	fs := lintEntries(t, entries)
	byRule := map[string][]string{}
	for _, f := range fs {
		if f.Internal {
			t.Errorf("internal error: %s\n%s", f.Diag.Summary, f.Diag.Detail)
		}
		if f.RuleID == "" || f.Suppressed {
			continue
		}
		loc := ""
		if r := f.Diag.Subject; r != nil {
			dir, _ := corpus.Dir()
			rel, _ := filepath.Rel(dir, r.Filename)
			loc = fmt.Sprintf("%s:%d:%d", rel, r.Start.Line, r.Start.Column)
		}
		byRule[f.RuleID] = append(byRule[f.RuleID], loc+": "+f.Diag.Summary)
	}
	ids := make([]string, 0, len(byRule))
	for id := range byRule {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b strings.Builder
	fmt.Fprintf(&b, "%d corpus files, %d findings\n", len(entries), len(fs))
	for _, id := range ids {
		fmt.Fprintf(&b, "%s: %d\n", id, len(byRule[id]))
		for _, line := range byRule[id] {
			fmt.Fprintf(&b, "    %s\n", line)
		}
	}
	t.Log(b.String())
}

// BenchmarkLintCorpus lints every corpus file with its properties (one
// load and one lint.Run per file) in one process.
func BenchmarkLintCorpus(b *testing.B) {
	entries := corpus.Entries(b)
	for b.Loop() {
		lintEntries(b, entries)
	}
}

// BenchmarkLintCorpusOneProject lints the whole corpus as one project,
// as `coordc lint DIR` does (loading included).
func BenchmarkLintCorpusOneProject(b *testing.B) {
	entries := corpus.Entries(b)
	var files []string
	for _, e := range entries {
		files = append(files, e.File)
	}
	analyzers := rules.All()
	for b.Loop() {
		res, diags := compiler.Load(files, compiler.Options{})
		lint.Run(res.Project, res.Sources, diags, analyzers, nil)
	}
}

// TestLintBinaryStartup measures `coordc lint FILE` as a separate process,
// start-up included (the pre-commit case). It builds the binary, so it
// runs only with COORDC_MEASURE=1; it logs the median of 20 runs.
func TestLintBinaryStartup(t *testing.T) {
	if os.Getenv("COORDC_MEASURE") == "" {
		t.Skip("set COORDC_MEASURE=1 to build the binary and time single-file runs")
	}
	bin := filepath.Join(t.TempDir(), "coordc")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	var times []time.Duration
	for range 20 {
		start := time.Now()
		exec.Command(bin, "lint", "-f", "compact", lintDay).Run()
		times = append(times, time.Since(start))
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	t.Logf("coordc lint %s: min %v, median %v, max %v", lintDay, times[0], times[len(times)/2], times[len(times)-1])
}
