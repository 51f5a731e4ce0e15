package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/lint"
	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
)

// sarifFields decodes the fields of a SARIF log that code scanning relies
// on.
type sarifFields struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Version string `json:"version"`
				Rules   []struct {
					ID      string `json:"id"`
					HelpURI string `json:"helpUri"`
					Help    struct {
						Text     string `json:"text"`
						Markdown string `json:"markdown"`
					} `json:"help"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		OriginalURIBaseIDs map[string]struct {
			URI string `json:"uri"`
		} `json:"originalUriBaseIds"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex *int   `json:"ruleIndex"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation sarifArtifact `json:"artifactLocation"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

func sarifOf(t *testing.T, r *Report, loc Locator) sarifFields {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, "sarif", r, Options{Rules: rules, Locator: loc}); err != nil {
		t.Fatal(err)
	}
	var f sarifFields
	if err := json.Unmarshal(buf.Bytes(), &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(f.Runs))
	}
	return f
}

// TestSARIFRuleForEveryResult checks that every result, tool diagnostics
// included (with a code, and without one), names a rule listed in the
// driver at its ruleIndex, with help text and a helpUri, and that the
// driver carries the version.
func TestSARIFRuleForEveryResult(t *testing.T) {
	r, _ := fixture(t)
	noCode := lint.Finding{Diag: &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read definition file"}, Severity: lint.Error}
	r.Diagnostics = append(r.Diagnostics, Build([]lint.Finding{noCode}, 1, "v1.2.3").Diagnostics...)
	r.Tool.Version = "v1.2.3"
	run := sarifOf(t, r, testLocator).Runs[0]
	if run.Tool.Driver.Version != "v1.2.3" {
		t.Errorf("driver.version = %q, want the report's version", run.Tool.Driver.Version)
	}
	rulesByID := map[string]int{}
	for i, rule := range run.Tool.Driver.Rules {
		rulesByID[rule.ID] = i
		if rule.HelpURI != "https://github.com/coordc/coordc/blob/v1.2.3/README.md#the-rules" &&
			rule.HelpURI != "https://github.com/coordc/coordc/blob/v1.2.3/README.md#diagnostic-codes" {
			t.Errorf("rule %s: helpUri %q", rule.ID, rule.HelpURI)
		}
		if rule.Help.Markdown == "" {
			t.Errorf("rule %s has no help text", rule.ID)
		}
	}
	var ids []string
	for _, res := range run.Results {
		ids = append(ids, res.RuleID)
		if res.RuleIndex == nil || *res.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[*res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s: ruleIndex %v does not point at its rule", res.RuleID, res.RuleIndex)
		}
		if _, ok := rulesByID[res.RuleID]; !ok {
			t.Errorf("result %s: no rule in tool.driver.rules", res.RuleID)
		}
	}
	want := []string{"TEST002", "SUP001", "E1003", "TEST001", "TEST002", string(diag.CodeTool)}
	if d := cmp.Diff(want, ids); d != "" {
		t.Errorf("ruleIds (-want +got):\n%s", d)
	}
	if doc := run.Tool.Driver.Rules[rulesByID["E1003"]].Help.Text; doc == "" {
		t.Error("E1003 has no help text")
	}
}

// TestSARIFLocations checks that URIs are relative to the repository root
// whatever the working directory, with the root in originalUriBaseIds, and
// that files outside the repository are absolute file URIs.
func TestSARIFLocations(t *testing.T) {
	r := &Report{Tool: Tool{Name: "coordc", Version: "test"}, Diagnostics: []Diagnostic{
		{CheckID: "E0700", Code: "E0700", Severity: "error", File: "jobs/a b.xml"},
		{CheckID: "E0700", Code: "E0700", Severity: "error", File: "/elsewhere/c.xml"},
	}}
	for _, tt := range []struct {
		loc  Locator
		name string
	}{
		{Locator{Root: "/repo", Dir: "/repo/oozie"}, "oozie/jobs/a b.xml"},
		{Locator{Root: "/repo/", Dir: "/repo/oozie/"}, "oozie/jobs/a b.xml"},
	} {
		run := sarifOf(t, r, tt.loc).Runs[0]
		if got := run.OriginalURIBaseIDs["SRCROOT"].URI; got != "file:///repo/" {
			t.Errorf("originalUriBaseIds.SRCROOT = %q, want file:///repo/", got)
		}
		got := []sarifArtifact{run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation, run.Results[1].Locations[0].PhysicalLocation.ArtifactLocation}
		want := []sarifArtifact{{URI: "oozie/jobs/a%20b.xml", URIBaseID: "SRCROOT"}, {URI: "file:///elsewhere/c.xml"}}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("artifact locations (-want +got):\n%s", d)
		}
	}
	// The same file seen from the root and from a subdirectory.
	fromRoot := sarifOf(t, &Report{Diagnostics: []Diagnostic{{CheckID: "X", File: "oozie/jobs/a.xml"}}}, Locator{Root: "/repo", Dir: "/repo"})
	fromSub := sarifOf(t, &Report{Diagnostics: []Diagnostic{{CheckID: "X", File: "jobs/a.xml"}}}, Locator{Root: "/repo", Dir: "/repo/oozie"})
	a := fromRoot.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation
	b := fromSub.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation
	if a != b || a.URI != "oozie/jobs/a.xml" {
		t.Errorf("from the root: %+v; from a subdirectory: %+v; want both oozie/jobs/a.xml under SRCROOT", a, b)
	}
}

func TestHelpURI(t *testing.T) {
	for version, want := range map[string]string{
		"v0.3.1":                             "https://github.com/coordc/coordc/blob/v0.3.1/README.md#x",
		"(devel)":                            "https://github.com/coordc/coordc/blob/main/README.md#x",
		"v0.0.0-20261204101010-abcdef123456": "https://github.com/coordc/coordc/blob/main/README.md#x",
		"v0.3.1+dirty":                       "https://github.com/coordc/coordc/blob/main/README.md#x",
	} {
		if got := HelpURI(version, "x"); got != want {
			t.Errorf("HelpURI(%q) = %q, want %q", version, got, want)
		}
	}
}
