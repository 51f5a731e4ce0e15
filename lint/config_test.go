package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseConfig(t *testing.T) {
	src := `
include = ["jobs/**/*.xml"]
exclude = ["legacy/**"]
properties = ["job.properties"]
require_reason = false

rule "TEST001" {
  severity = "error"
}
rule "test-zone" {
  enabled = false
}
`
	cfg, diags := ParseConfig("/repo/.coordc.hcl", []byte(src), []*Analyzer{testDay, testZone})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if got, want := cfg.severity(testDay), Error; got != want {
		t.Errorf("TEST001 severity = %v, want %v", got, want)
	}
	if cfg.enabled(testZone) || !cfg.enabled(testDay) {
		t.Error("enabled flags are wrong")
	}
	if d := cmp.Diff([]string{"/repo/job.properties"}, cfg.PropertiesFiles); d != "" {
		t.Errorf("properties (-want +got):\n%s", d)
	}
	if !cfg.AllowNoReason || cfg.Dir != "/repo" {
		t.Errorf("AllowNoReason = %v, Dir = %q", cfg.AllowNoReason, cfg.Dir)
	}
	if !cfg.Excluded("/repo/legacy/a/b.xml") || cfg.Excluded("/repo/jobs/b.xml") {
		t.Error("Excluded is wrong")
	}
}

func TestParseConfigErrors(t *testing.T) {
	tests := map[string]struct{ src, want string }{
		"syntax":          {`rule "X" {`, "Unclosed configuration block"},
		"unknown setting": {`colour = "red"`, "Unsupported argument"},
		"unknown rule":    {"rule \"TEST01\" {\n}", `Unknown rule "TEST01"`},
		"bad severity":    {"rule \"TEST001\" {\n severity = \"fatal\"\n}", `Invalid severity "fatal" for rule "TEST001"`},
		"bad glob":        {`exclude = ["[a"]`, `Invalid glob "[a"`},
		"wrong type":      {`exclude = "legacy"`, "Unsuitable value type"},
		"unknown in rule": {"rule \"TEST001\" {\n level = 1\n}", "Unsupported argument"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, diags := ParseConfig("c.hcl", []byte(tc.src), []*Analyzer{testDay})
			if !diags.HasErrors() {
				t.Fatal("no error")
			}
			if diags[0].Summary != tc.want {
				t.Errorf("summary = %q, want %q", diags[0].Summary, tc.want)
			}
			if diags[0].Subject == nil {
				t.Error("error has no position")
			}
		})
	}
	_, diags := ParseConfig("c.hcl", []byte("rule \"TEST01\" {\n}"), []*Analyzer{testDay})
	if !strings.Contains(diags[0].Detail, `Did you mean "TEST001"?`) {
		t.Errorf("detail = %q", diags[0].Detail)
	}
}

func TestFindConfig(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "repo", "a", "b")
	if err := os.MkdirAll(filepath.Join(root, "repo", ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	// A config above the repository root is not used.
	if err := os.WriteFile(filepath.Join(root, ConfigFileName), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := FindConfig(deep); got != "" {
		t.Errorf("FindConfig = %q, want none (above the git root)", got)
	}
	want := filepath.Join(root, "repo", "a", ConfigFileName)
	if err := os.WriteFile(want, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := FindConfig(deep); got != want {
		t.Errorf("FindConfig = %q, want %q", got, want)
	}
}

func TestMatchGlob(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"**/*.xml", "a.xml", true},
		{"**/*.xml", "a/b/c.xml", true},
		{"**/*.xml", "a/b/c.hcl", false},
		{"legacy/**", "legacy/x/y.xml", true},
		{"legacy/**", "new/legacy/y.xml", false},
		{"a/**/b/*.xml", "a/b/x.xml", true},
		{"a/**/b/*.xml", "a/x/y/b/x.xml", true},
		{"coordinator*.xml", "coordinator-daily.xml", true},
		{"coordinator*.xml", "dir/coordinator.xml", false},
		{"[a", "[a", false},
	}
	for _, tc := range tests {
		if got := MatchGlob(tc.pattern, tc.name); got != tc.want {
			t.Errorf("MatchGlob(%q, %q) = %v, want %v", tc.pattern, tc.name, got, tc.want)
		}
	}
}
