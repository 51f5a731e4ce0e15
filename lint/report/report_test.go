package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/corpus"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lint"
	"github.com/coordc/coordc/schemas"
)

var update = flag.Bool("update", false, "rewrite golden files")

var (
	testDay = &lint.Analyzer{
		ID: "TEST001", Name: "test-day", Severity: lint.Warning,
		Doc: lint.Doc{Title: "Fixed day", Rationale: "A day is not always 24 hours.", Bad: "<a/>", Good: "<b/>", Fixable: true},
		Run: func(p *lint.Pass) {
			for _, c := range p.Project.Coordinators {
				f := c.Frequency
				if f.Resolved && f.Unit == ir.UnitMinute && f.N == 1440 {
					p.ReportFix(f.Text.Range, []diag.Edit{{Range: f.Text.Range, Text: "${coord:days(1)}"}},
						"Runs drift by an hour across DST.\nUse coord:days(1).", "Frequency %q is a fixed 24 hours", f.Text.Raw)
				}
			}
		},
	}
	testZone = &lint.Analyzer{
		ID: "TEST002", Name: "test-zone", Severity: lint.Info,
		Doc: lint.Doc{Title: "Zone", Rationale: "Zones matter."},
		Run: func(p *lint.Pass) {
			for _, c := range p.Project.Coordinators {
				p.Reportf(c.Timezone.Text.Range, "", "Coordinator zone is %q", c.Timezone.Text.Raw)
			}
		},
	}
	testSup = &lint.Analyzer{ID: lint.SuppressionRuleID, Name: "unused-suppression", Severity: lint.Warning, Doc: lint.Doc{Title: "Suppression"}}
	rules   = []*lint.Analyzer{testSup, testDay, testZone}
)

// testLocator places the fixture as if the repository were at /src/coordc,
// so SARIF goldens do not depend on the machine.
var testLocator = Locator{Root: "/src/coordc", Dir: "/src/coordc/lint/report"}

// fixture lints testdata/project.
func fixture(t *testing.T) (*Report, diag.Sources) {
	t.Helper()
	t.Setenv("TZ", "America/Sao_Paulo")
	res, diags := compiler.Load([]string{"testdata/project/broken.xml", "testdata/project/daily.xml"}, compiler.Options{})
	fs := lint.Run(res.Project, res.Sources, diags, rules, nil)
	return Build(fs, 2, "test"), res.Sources
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("%s (-want +got):\n%s", name, d)
	}
}

func TestFormats(t *testing.T) {
	r, src := fixture(t)
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, format, r, Options{Sources: src, Rules: rules, Locator: testLocator}); err != nil {
				t.Fatal(err)
			}
			golden(t, "format."+format, buf.Bytes())
		})
	}
	if err := Write(&bytes.Buffer{}, "yaml", r, Options{}); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestSummary(t *testing.T) {
	r, _ := fixture(t)
	want := Summary{Errors: 1, Files: 2, Fixable: 2, Infos: 1, Suppressed: 1, Warnings: 2}
	if d := cmp.Diff(want, r.Summary); d != "" {
		t.Errorf("summary (-want +got):\n%s", d)
	}
}

func decode(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestJSONMatchesSchema(t *testing.T) {
	s := parseSchema(t, schemas.LintReportSchema())
	for _, p := range s.MatchGoType("$", reflectTypeOfReport(), s.Root, true) {
		t.Error(p)
	}
	r, _ := fixture(t)
	var buf bytes.Buffer
	if err := Write(&buf, "json", r, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, e := range s.Validate("$", s.Root, decode(t, buf.Bytes())) {
		t.Error(e)
	}
	empty := Build(nil, 0, "test")
	buf.Reset()
	Write(&buf, "json", empty, Options{})
	for _, e := range s.Validate("$", s.Root, decode(t, buf.Bytes())) {
		t.Error("empty report: ", e)
	}
	bad := decode(t, []byte(`{"diagnostics":[{"rule_id":"x","severity":"fatal","range":{"start":{}}}],"format_version":"2"}`))
	if errs := s.Validate("$", s.Root, bad); len(errs) < 6 {
		t.Errorf("the checker missed violations: %v", errs)
	}
}

func TestSARIFValidates(t *testing.T) {
	raw := corpus.ReadShared(t, "reference", "sarif", "sarif-schema-2.1.0.json")
	s := parseSchema(t, raw)
	// This copy of the schema keeps the root object in definitions/Root
	// (the root itself has no constraints), so validate against that.
	root := s.Root["definitions"].(map[string]any)["Root"].(map[string]any)
	r, _ := fixture(t)
	var buf bytes.Buffer
	if err := Write(&buf, "sarif", r, Options{Rules: rules, Locator: testLocator}); err != nil {
		t.Fatal(err)
	}
	for _, e := range s.Validate("$", root, decode(t, buf.Bytes())) {
		t.Error(e)
	}
	bad := decode(t, []byte(`{"version":"2.0","runs":[{"tool":{"driver":{}},"results":[{"level":"fatal","message":{}}]}]}`))
	if errs := s.Validate("$", root, bad); len(errs) < 3 {
		t.Errorf("the checker missed violations: %v", errs)
	}
}

func TestStepSummaryLimit(t *testing.T) {
	r := &Report{Summary: Summary{Warnings: 3000, Files: 1}}
	for range 3000 {
		r.Diagnostics = append(r.Diagnostics, Diagnostic{File: "f.xml", Severity: "warning", Message: strings.Repeat("x", 500), Range: &Range{Start: Pos{Line: 1, Column: 1}}})
	}
	var buf bytes.Buffer
	if err := WriteStepSummary(&buf, r); err != nil {
		t.Fatal(err)
	}
	if buf.Len() > 1<<20 {
		t.Errorf("step summary has %d bytes, over GitHub's 1 MiB", buf.Len())
	}
	if !strings.Contains(buf.String(), "more not shown") {
		t.Error("the summary does not say that rows were left out")
	}
}

func TestFileURI(t *testing.T) {
	tests := map[string]string{
		"jobs/daily coord.xml": "jobs/daily%20coord.xml",
		"/abs/a#b.xml":         "file:///abs/a%23b.xml",
		"täglich.xml":          "t%C3%A4glich.xml",
	}
	for in, want := range tests {
		if got := fileURI(in); got != want {
			t.Errorf("fileURI(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	r := &Report{Diagnostics: []Diagnostic{{File: "a,b:c.xml", Severity: "info", Message: "100% sure", Detail: "line1\nline2", Code: "X"}}}
	var buf bytes.Buffer
	writeGitHub(&buf, r)
	want := "::notice file=a%2Cb%3Ac.xml,title=X::100%25 sure%0A%0Aline1%0Aline2\n"
	if buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}
