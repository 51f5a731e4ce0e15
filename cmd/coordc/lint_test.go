package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	lintDay   = "../../testdata/lint/_cli/day.xml"
	lintClean = "../../testdata/lint/_cli/clean.xml"
)

// copyFixture copies a lint fixture into a temp dir and returns its path.
func copyFixture(t *testing.T, src string) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLintExitCodes(t *testing.T) {
	t.Setenv("TZ", "Asia/Kathmandu")
	badCfg := filepath.Join(t.TempDir(), ".coordc.hcl")
	os.WriteFile(badCfg, []byte(`rule "DST01" {}`), 0o644)
	offCfg := filepath.Join(t.TempDir(), ".coordc.hcl")
	os.WriteFile(offCfg, []byte("rule \"DST001\" {\n  enabled = false\n}\n"), 0o644)
	tests := map[string]struct {
		args []string
		want int
	}{
		"clean":                {[]string{"lint", lintClean}, exitOK},
		"finding":              {[]string{"lint", lintDay}, exitProblems},
		"fail-level error":     {[]string{"lint", "--fail-level", "error", lintDay}, exitOK},
		"fail-level never":     {[]string{"lint", "--fail-level", "never", lintDay}, exitOK},
		"bad fail-level":       {[]string{"lint", "--fail-level", "fatal", lintDay}, exitUsage},
		"bad format":           {[]string{"lint", "-f", "yaml", lintDay}, exitUsage},
		"missing file":         {[]string{"lint", "nope.xml"}, exitUsage},
		"missing config":       {[]string{"lint", "--config", "nope.hcl", lintDay}, exitUsage},
		"invalid config":       {[]string{"lint", "--config", badCfg, lintDay}, exitUsage},
		"rule disabled":        {[]string{"lint", "--config", offCfg, lintDay}, exitOK},
		"missing baseline":     {[]string{"lint", "--baseline", "nope.json", lintDay}, exitUsage},
		"explain":              {[]string{"explain", "DST001"}, exitOK},
		"explain by name":      {[]string{"explain", "unused-suppression"}, exitOK},
		"explain unknown":      {[]string{"explain", "DST999"}, exitUsage},
		"explain without rule": {[]string{"explain"}, exitUsage},
		"rules":                {[]string{"rules"}, exitOK},
		"fix on stdin":         {[]string{"lint", "--fix", "-"}, exitUsage},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			stdout, stderr, code := coordc(t, tc.args...)
			if code != tc.want {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.want, stdout, stderr)
			}
		})
	}
}

func TestLintFormats(t *testing.T) {
	for _, format := range []string{"text", "compact", "json", "sarif", "github", "markdown"} {
		t.Run(format, func(t *testing.T) {
			stdout, stderr, code := coordc(t, "lint", "-f", format, lintDay, lintClean)
			if code != exitProblems {
				t.Fatalf("exit %d, stderr:\n%s", code, stderr)
			}
			if !strings.Contains(stdout, "DST001") {
				t.Errorf("output lacks DST001:\n%s", stdout)
			}
			if format == "json" || format == "sarif" {
				var v any
				if err := json.Unmarshal([]byte(stdout), &v); err != nil {
					t.Errorf("not JSON: %v", err)
				}
			}
		})
	}
}

func TestLintGitHubStepSummary(t *testing.T) {
	summary := filepath.Join(t.TempDir(), "summary.md")
	t.Setenv("GITHUB_STEP_SUMMARY", summary)
	stdout, _, _ := coordc(t, "lint", "-f", "github", lintDay)
	if !strings.HasPrefix(stdout, "::warning file=") {
		t.Errorf("annotations:\n%s", stdout)
	}
	data, err := os.ReadFile(summary)
	if err != nil || !strings.Contains(string(data), "| DST001 fixed-day-frequency |") {
		t.Errorf("step summary (%v):\n%s", err, data)
	}
}

func TestLintStdin(t *testing.T) {
	data, err := os.ReadFile(lintDay)
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := run([]string{"coordc", "lint", "-f", "compact", "--stdin-filename", "jobs/daily.xml", "-"}, bytes.NewReader(data), &out, &errb)
	if code != exitProblems {
		t.Fatalf("exit %d, stderr:\n%s", code, errb.String())
	}
	if !strings.HasPrefix(out.String(), "jobs/daily.xml:2:16: warning: ") {
		t.Errorf("stdin findings are not reported under --stdin-filename:\n%s", out.String())
	}
}

func TestLintFixAndDiff(t *testing.T) {
	p := copyFixture(t, lintDay)
	before, _ := os.ReadFile(p)
	stdout, _, code := coordc(t, "lint", "--diff", p)
	if code != exitProblems || !strings.Contains(stdout, `+    frequency="${coord:days(1)}"`) {
		t.Errorf("--diff: exit %d\n%s", code, stdout)
	}
	if after, _ := os.ReadFile(p); !bytes.Equal(before, after) {
		t.Error("--diff changed the file")
	}
	stdout, stderr, code := coordc(t, "lint", "--fix", p)
	if code != exitOK {
		t.Errorf("--fix: exit %d, want 0 (the re-linted file is clean)\n%s%s", code, stdout, stderr)
	}
	after, _ := os.ReadFile(p)
	if want := strings.Replace(string(before), `"1440"`, `"${coord:days(1)}"`, 1); string(after) != want {
		t.Errorf("fixed file:\n%s\nwant:\n%s", after, want)
	}
}

func TestLintBaseline(t *testing.T) {
	p := copyFixture(t, lintDay)
	base := filepath.Join(filepath.Dir(p), "baseline.json")
	if _, stderr, code := coordc(t, "lint", "--write-baseline", base, p); code != exitOK {
		t.Fatalf("--write-baseline: exit %d\n%s", code, stderr)
	}
	// Moving the finding down two lines keeps it in the baseline.
	data, _ := os.ReadFile(p)
	os.WriteFile(p, append([]byte("<!-- a -->\n<!-- b -->\n"), data...), 0o644)
	stdout, stderr, code := coordc(t, "lint", "--baseline", base, p)
	if code != exitOK || !strings.Contains(stdout, "1 suppressed") {
		t.Errorf("--baseline: exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestLintConfigDiscoveryAndExclude(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	os.MkdirAll(filepath.Join(dir, "jobs", "legacy"), 0o755)
	day, _ := os.ReadFile(lintDay)
	clean, _ := os.ReadFile(lintClean)
	os.WriteFile(filepath.Join(dir, "jobs", "legacy", "old.xml"), day, 0o644)
	os.WriteFile(filepath.Join(dir, "jobs", "new.xml"), clean, 0o644)
	os.WriteFile(filepath.Join(dir, ".coordc.hcl"), []byte(`exclude = ["jobs/legacy/**"]`+"\n"), 0o644)
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	if err := os.Chdir(filepath.Join(dir, "jobs")); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := coordc(t, "lint")
	if code != exitOK || !strings.Contains(stdout, "in 1 file") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestExplainPrintsDoc(t *testing.T) {
	stdout, _, _ := coordc(t, "explain", "sup001")
	for _, want := range []string{"# SUP001 unused-suppression", "## Bad", "## Good", "```xml"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("explain output lacks %q:\n%s", want, stdout)
		}
	}
}

func TestLintAllExcluded(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	day, _ := os.ReadFile(lintDay)
	os.WriteFile(filepath.Join(dir, "old.xml"), day, 0o644)
	cfg := filepath.Join(dir, ".coordc.hcl")
	os.WriteFile(cfg, []byte(`exclude = ["old.xml"]`+"\n"), 0o644)
	stdout, stderr, code := coordc(t, "lint", "--config", cfg, filepath.Join(dir, "old.xml"))
	if code != exitOK || stdout != "" {
		t.Errorf("exit %d, want 0 and no output\n%s%s", code, stdout, stderr)
	}
}
