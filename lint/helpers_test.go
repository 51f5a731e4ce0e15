package lint

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/hashicorp/hcl/v2"
)

// testDay reports every coordinator frequency of exactly 1440 minutes, with
// a fix to ${coord:days(1)}: a stand-in for a real rule.
var testDay = &Analyzer{
	ID: "TEST001", Name: "test-day", Severity: Warning,
	Run: func(p *Pass) {
		for _, c := range p.Project.Coordinators {
			f := c.Frequency
			if f.Resolved && f.Unit == ir.UnitMinute && f.N == 1440 {
				p.ReportFix(f.Text.Range, []diag.Edit{{Range: f.Text.Range, Text: "${coord:days(1)}"}},
					"A fixed day drifts. Use coord:days(1).", "Frequency %q is a fixed 24 hours", f.Text.Raw)
			}
		}
	},
}

// testZone reports every coordinator timezone as info.
var testZone = &Analyzer{
	ID: "TEST002", Name: "test-zone", Severity: Info,
	Run: func(p *Pass) {
		for _, c := range p.Project.Coordinators {
			if c.Timezone.Text != nil {
				p.Reportf(c.Timezone.Text.Range, "Detail.", "Zone %q", c.Timezone.Text.Raw)
			}
		}
	},
}

// testPanic crashes.
var testPanic = &Analyzer{ID: "TEST003", Name: "test-panic", Severity: Error, Run: func(*Pass) { panic("boom") }}

// testSup is the framework rule, as lint/rules registers it.
var testSup = &Analyzer{ID: SuppressionRuleID, Name: "unused-suppression", Severity: Warning}

// coordXML builds a coordinator with the given frequency and an extra line
// of XML inside it.
func coordXML(freq, inner string) string {
	return `<coordinator-app name="x" xmlns="uri:oozie:coordinator:0.4"
    frequency="` + freq + `" start="2024-01-01T00:00Z" end="2024-02-01T00:00Z"
    timezone="America/Los_Angeles">
` + inner + `  <action><workflow><app-path>hdfs://x/y</app-path></workflow></action>
</coordinator-app>
`
}

// load writes files into a temp dir and loads them.
func load(t *testing.T, files map[string]string) (*compiler.Result, hcl.Diagnostics, string) {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	res, diags := compiler.Load(paths, compiler.Options{})
	return res, diags, dir
}

// brief is a comparable summary of a finding.
type brief struct {
	File       string
	Line, Col  int
	Rule, Code string
	Severity   string
	Summary    string
	Suppressed string // suppression kind, "" when not suppressed
}

func briefs(dir string, fs []Finding) []brief {
	var out []brief
	for _, f := range fs {
		b := brief{Rule: f.RuleID, Code: f.Code, Severity: f.Severity.String(), Summary: f.Diag.Summary}
		if r := f.Diag.Subject; r != nil {
			b.File, _ = filepath.Rel(dir, r.Filename)
			b.Line, b.Col = r.Start.Line, r.Start.Column
		}
		if f.Suppressed {
			b.Suppressed = string(f.Suppression.Kind)
		}
		out = append(out, b)
	}
	return out
}
