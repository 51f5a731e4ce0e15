package linttest

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/coordc/coordc/compiler/hclfront"
	"github.com/coordc/coordc/lint"
)

// checkGoldens applies the fixes of the findings and compares each fixture
// file that has fixes, or a .golden file, with <file>.golden. It returns
// the fixed files.
func checkGoldens(t *testing.T, p Project, fs []lint.Finding, src map[string][]byte) lint.FixResult {
	t.Helper()
	fixed := lint.ApplyFixes(fs, src)
	for _, i := range fixed.Skipped {
		t.Errorf("fix of %s finding %q was not applied: it overlaps another fix or leaves the file", fs[i].RuleID, fs[i].Diag.Summary)
	}
	for _, f := range p.Files {
		golden := f + ".golden"
		got, changed := fixed.Files[f]
		if !changed {
			got = src[f]
		}
		if changed && hclfront.IsHCLFile(f) && isFormatted(src[f]) && !isFormatted(got) {
			t.Errorf("%s: the file is formatted but the fixes unformat it (coordc fmt -check would fail):\n%s", f, got)
		}
		if *Update {
			if changed {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			} else if err := os.Remove(golden); err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		switch {
		case os.IsNotExist(err) && changed:
			t.Errorf("%s: the fixes change the file but there is no %s (run go test with -update to write it)", f, filepath.Base(golden))
		case os.IsNotExist(err):
		case err != nil:
			t.Fatal(err)
		default:
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s after fixes (-want +got):\n%s", f, diff)
			}
		}
	}
	return fixed
}

// isFormatted reports whether an HCL file is as coordc fmt writes it.
func isFormatted(data []byte) bool {
	return bytes.Equal(hclwrite.Format(data), data)
}

// checkRelint loads and lints the project again with the fixed files in
// memory (compiler.Options.Overlay) and checks that every applied fix removed
// its finding and added none: a reports exactly the findings whose fixes
// were not applied, compared by summary, and loading reports no more than
// loadErrors errors, as many as the originals did.
func checkRelint(t *testing.T, a *lint.Analyzer, p Project, others []*lint.Analyzer, fs []lint.Finding, fixed lint.FixResult, src map[string][]byte, loadErrors int) {
	t.Helper()
	if len(fixed.Fixed) == 0 || *Update {
		return
	}
	applied := map[int]bool{}
	for _, i := range fixed.Fixed {
		applied[i] = true
	}
	var want []string
	for i, f := range fs {
		if !applied[i] {
			want = append(want, f.Diag.Summary)
		}
	}
	after, _, now := lintProject(p, a, others, fixed.Files)
	var got []string
	for _, f := range after {
		if f.RuleID == a.ID && !f.Suppressed {
			got = append(got, f.Diag.Summary)
		}
	}
	sort.Strings(want)
	sort.Strings(got)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("%s findings after applying the fixes (-want +got):\n%s", a.ID, d)
	}
	if n := errorCount(now); n > loadErrors {
		t.Errorf("the fixed files load with %d errors, the originals with %d:\n%v", n, loadErrors, now.Errs())
	}
}

func errorCount(ds hcl.Diagnostics) int {
	n := 0
	for _, d := range ds {
		if d.Severity == hcl.DiagError {
			n++
		}
	}
	return n
}
