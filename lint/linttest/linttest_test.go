package linttest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/hclfront"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lint"
)

// testDay reports coordinator frequencies of 1440 minutes, with a fix when
// the frequency is the literal "1440".
var testDay = &lint.Analyzer{
	ID: "TEST001", Name: "test-day", Severity: lint.Warning,
	Doc: lint.Doc{
		Title:     "Test rule",
		Rationale: "A stand-in for a real rule.",
		Bad:       `<coordinator-app name="x" xmlns="uri:oozie:coordinator:0.4" frequency="1440" start="2024-01-01T00:00Z" end="2024-02-01T00:00Z" timezone="UTC"><action><workflow><app-path>hdfs://x/y</app-path></workflow></action></coordinator-app>`,
		Good:      `<coordinator-app name="x" xmlns="uri:oozie:coordinator:0.4" frequency="${coord:days(1)}" start="2024-01-01T00:00Z" end="2024-02-01T00:00Z" timezone="UTC"><action><workflow><app-path>hdfs://x/y</app-path></workflow></action></coordinator-app>`,
		Fixable:   true,
	},
	Run: func(p *lint.Pass) {
		for _, c := range p.Project.Coordinators {
			f := c.Frequency
			if !f.Resolved || f.Unit != ir.UnitMinute || f.N != 1440 {
				continue
			}
			if f.Text.Raw == "1440" {
				days := "${coord:days(1)}"
				if hclfront.IsHCLFile(f.Text.Range.Filename) {
					days = "coord::days(1)"
				}
				p.ReportFix(f.Text.Range, []diag.Edit{{Range: f.Text.Range, Text: days}}, "Use coord:days(1).", "Frequency is a fixed 24 hours")
				continue
			}
			p.Reportf(f.Text.Range, "Use coord:days(1).", "Frequency is a fixed 24 hours")
		}
	},
}

func TestRunFixtures(t *testing.T) {
	Run(t, testDay, "testdata/TEST001")
}

func TestCheckDoc(t *testing.T) {
	CheckDoc(t, testDay)
}

func TestProjects(t *testing.T) {
	got, err := Projects("testdata/TEST001")
	if err != nil {
		t.Fatal(err)
	}
	dir := "testdata/TEST001"
	want := []Project{
		{Name: "days.xml", Root: dir, Files: []string{filepath.Join(dir, "days.xml")}},
		{Name: "fixed-day.xml", Root: dir, Files: []string{filepath.Join(dir, "fixed-day.xml")}},
		{Name: "hcl-fixed-day", Root: filepath.Join(dir, "hcl-fixed-day"), Files: []string{filepath.Join(dir, "hcl-fixed-day/coordinator.coord.hcl")}},
		{Name: "hcl-pipeline", Root: filepath.Join(dir, "hcl-pipeline"), Files: []string{filepath.Join(dir, "hcl-pipeline/a.coord.hcl"), filepath.Join(dir, "hcl-pipeline/b.coord.hcl")}, Properties: []string{filepath.Join(dir, "hcl-pipeline/job.properties")}},
		{Name: "param.xml", Root: dir, Files: []string{filepath.Join(dir, "param.xml")}, Properties: []string{filepath.Join(dir, "param.properties")}},
		{Name: "pipeline", Root: filepath.Join(dir, "pipeline"), Files: []string{filepath.Join(dir, "pipeline/a.xml"), filepath.Join(dir, "pipeline/b.xml")}, Properties: []string{filepath.Join(dir, "pipeline/job.properties")}},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Projects (-want +got):\n%s", d)
	}
}

func TestProjectsRejectsTopLevelHCL(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.coord.hcl"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Projects(dir); err == nil || !strings.Contains(err.Error(), "subdirectory of their own") {
		t.Errorf("Projects with a top-level .coord.hcl file: err = %v, want the subdirectory rule", err)
	}
}

func TestParseWants(t *testing.T) {
	type w struct {
		Line       int
		Rule, Text string
		HasRe      bool
	}
	tests := map[string]struct {
		file, text string
		want       []w
		err        bool
	}{
		"xml same line":             {"a.xml", "<a/>\n<b/> <!-- want \"X001\" -->\n", []w{{2, "X001", "X001", false}}, false},
		"xml regexp":                {"a.xml", `<a/> <!-- want "X001: fixed \\d+ hours" -->`, []w{{1, "X001", `X001: fixed \d+ hours`, true}}, false},
		"xml two and later":         {"a.xml", "<!-- want+1 \"X001\" `X002: a|b` -->\n<a/>", []w{{2, "X001", "X001", false}, {2, "X002", "X002: a|b", true}}, false},
		"xml previous line":         {"a.xml", "<a/>\n<!-- want-1 \"X001\" -->", []w{{1, "X001", "X001", false}}, false},
		"hcl hash":                  {"a.coord.hcl", "frequency = 1440 # want \"X001\"\n", []w{{1, "X001", "X001", false}}, false},
		"hcl slashes":               {"a.coord.hcl", "x = 1 // want \"X001\"\n", []w{{1, "X001", "X001", false}}, false},
		"hcl block comment":         {"a.coord.hcl", "x = 1 /* want+1 \"X001\" */\ny = 2\n", []w{{2, "X001", "X001", false}}, false},
		"hcl url in string":         {"a.coord.hcl", "a = \"hdfs://nn/x#y\" // want \"X001\"\n", []w{{1, "X001", "X001", false}}, false},
		"hcl want in string":        {"a.coord.hcl", "a = \"# want \\\"X001\\\"\"\n", nil, false},
		"hcl plain .hcl is not HCL": {"a.hcl", "x = 1 # want \"X001\"\n", nil, false},
		"not a want":                {"a.xml", "<!-- wanted \"X001\" -->", nil, false},
		"empty":                     {"a.xml", "<!-- want  -->", nil, true},
		"unquoted":                  {"a.xml", "<!-- want X001 -->", nil, true},
		"bad regexp":                {"a.xml", `<!-- want "X001: (" -->`, nil, true},
		"outside the file":          {"a.xml", `<!-- want+3 "X001" -->`, nil, true},
		"unterminated":              {"a.xml", `<!-- want "X001 -->`, nil, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			ws, err := parseWants(tc.file, []byte(tc.text))
			if (err != nil) != tc.err {
				t.Fatalf("err = %v, want error %v", err, tc.err)
			}
			var got []w
			for _, x := range ws {
				got = append(got, w{x.line, x.rule, x.text, x.re != nil})
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}
