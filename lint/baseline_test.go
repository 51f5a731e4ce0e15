package lint

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/hashicorp/hcl/v2"
)

func TestBaselineSurvivesLineMoves(t *testing.T) {
	res, diags, dir := load(t, map[string]string{"a.xml": coordXML("1440", ""), "b.xml": coordXML("1440", "")})
	fs := Run(res.Project, res.Sources, diags, []*Analyzer{testDay}, nil)
	var buf bytes.Buffer
	if err := WriteBaseline(&buf, fs, dir); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), dir) {
		t.Errorf("baseline holds absolute paths:\n%s", buf.String())
	}
	// Move a.xml's finding down three lines and add a new finding in c.xml.
	moved := "<!-- one -->\n<!-- two -->\n<!-- three -->\n" + coordXML("1440", "")
	for name, text := range map[string]string{"a.xml": moved, "c.xml": coordXML("1440", "")} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := ReadBaseline(&buf, dir)
	if err != nil {
		t.Fatal(err)
	}
	res, diags = compiler.Load([]string{filepath.Join(dir, "a.xml"), filepath.Join(dir, "b.xml"), filepath.Join(dir, "c.xml")}, compiler.Options{})
	var got []string
	for _, bf := range briefs(dir, Run(res.Project, res.Sources, diags, []*Analyzer{testDay}, &Config{Baseline: b})) {
		got = append(got, bf.File+":"+itoa(bf.Line)+" "+or(bf.Suppressed, "new"))
	}
	want := "a.xml:5 external, b.xml:2 external, c.xml:2 new"
	if strings.Join(got, ", ") != want {
		t.Errorf("got %s, want %s", strings.Join(got, ", "), want)
	}
}

func TestReadBaselineErrors(t *testing.T) {
	for name, text := range map[string]string{
		"not json":      "{",
		"wrong version": `{"format_version":"2","findings":[]}`,
		"unknown field": `{"format_version":"1","findings":[],"extra":1}`,
	} {
		if _, err := ReadBaseline(strings.NewReader(text), "."); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestApplyFixesOverlap(t *testing.T) {
	src := diag.Sources{"f": []byte("0123456789")}
	edit := func(from, to int, text string) diag.Edit {
		return diag.Edit{Range: hcl.Range{Filename: "f", Start: hcl.Pos{Byte: from}, End: hcl.Pos{Byte: to}}, Text: text}
	}
	finding := func(edits ...diag.Edit) Finding {
		return Finding{Diag: &hcl.Diagnostic{Extra: &diag.Extra{Fixes: edits}}}
	}
	fs := []Finding{
		finding(edit(1, 3, "ab")),
		finding(edit(2, 4, "x")),                  // overlaps the first: skipped
		finding(edit(5, 5, "+"), edit(8, 10, "")), // insertion and deletion together
		finding(edit(5, 5, "-")),                  // same insertion point: skipped
		finding(edit(3, 3, "|")),                  // insertion where the first ends: fine
		finding(edit(9, 12, "")),                  // out of range: skipped
	}
	suppressed := finding(edit(0, 1, "S"))
	suppressed.Suppressed = true
	fs = append(fs, suppressed)
	res := ApplyFixes(fs, src)
	if got, want := string(res.Files["f"]), "0ab|34+567"; got != want {
		t.Errorf("fixed = %q, want %q", got, want)
	}
	if got, want := []int{len(res.Fixed), len(res.Skipped)}, []int{3, 3}; got[0] != want[0] || got[1] != want[1] {
		t.Errorf("fixed/skipped = %v/%v", res.Fixed, res.Skipped)
	}
}
