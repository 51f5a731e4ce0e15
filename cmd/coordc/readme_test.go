package main

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler/diag"
)

func readme(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestReadmeRuleTable checks that the README's rule table is exactly what
// `coordc rules` prints.
func TestReadmeRuleTable(t *testing.T) {
	out, stderr, code := coordc(t, "rules")
	if code != 0 {
		t.Fatalf("coordc rules: exit %d: %s", code, stderr)
	}
	if !strings.Contains(readme(t), "\n```\n"+out+"```\n") {
		t.Errorf("README.md's rule table (a code block under \"The rules\") differs from `coordc rules`; replace it with:\n%s", out)
	}
}

// TestReadmeCodeTable checks that the README's table of diagnostic codes
// lists exactly the catalog's codes, titles and Oozie messages.
func TestReadmeCodeTable(t *testing.T) {
	var b strings.Builder
	b.WriteString("| Code | Title | Oozie's message |\n| --- | --- | --- |\n")
	for _, d := range diag.Codes() {
		tmpl := ""
		if d.Template != "" {
			tmpl = "`" + d.Template + "`"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", d.Code, d.Title, tmpl)
	}
	if !strings.Contains(readme(t), "\n"+b.String()+"\n") {
		t.Errorf("README.md's table of diagnostic codes differs from the catalog (compiler/diag/codes.go); replace it with:\n%s", b.String())
	}
}

// TestExplainEveryCode runs `coordc explain` on every catalog code.
func TestExplainEveryCode(t *testing.T) {
	for _, d := range diag.Codes() {
		out, stderr, code := coordc(t, "explain", strings.ToLower(string(d.Code)))
		if code != 0 || !strings.Contains(out, d.Doc) && !strings.HasPrefix(out, "# "+string(d.Code)+" ") {
			t.Errorf("coordc explain %s: exit %d, %q %q", d.Code, code, out, stderr)
		}
	}
	if _, _, code := coordc(t, "explain", "E9999"); code != exitUsage {
		t.Errorf("coordc explain E9999: exit %d, want %d", code, exitUsage)
	}
}
