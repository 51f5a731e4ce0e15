package linttest

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/lint"
)

var (
	idPattern   = regexp.MustCompile(`^[A-Z]+[0-9]{3}$`)
	namePattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// CheckDoc checks a's metadata and documentation: the ID and name forms,
// a title in sentence case without a trailing period, a rationale, and the
// examples: Doc.Bad must be reported by a (with a fix when Doc.Fixable)
// and Doc.Good must not be. others run too, as in Run.
func CheckDoc(t *testing.T, a *lint.Analyzer, others ...*lint.Analyzer) {
	t.Helper()
	if !idPattern.MatchString(a.ID) {
		t.Errorf("ID %q is not AREA + three digits", a.ID)
	}
	if !namePattern.MatchString(a.Name) {
		t.Errorf("%s: name %q is not kebab-case", a.ID, a.Name)
	}
	d := a.Doc
	if d.Title == "" || strings.HasSuffix(d.Title, ".") || strings.ToUpper(d.Title[:1]) != d.Title[:1] {
		t.Errorf("%s: title %q must be one sentence-case line without a trailing period", a.ID, d.Title)
	}
	if strings.TrimSpace(d.Rationale) == "" {
		t.Errorf("%s: the rationale is empty", a.ID)
	}
	if d.Bad == "" || d.Good == "" {
		t.Fatalf("%s: Doc.Bad and Doc.Good must both be complete example files", a.ID)
	}
	bad := lintExample(t, a, others, "bad", d.Bad)
	if len(bad) == 0 {
		t.Errorf("%s: Doc.Bad is not reported by the rule", a.ID)
	}
	if d.Fixable {
		fixes := 0
		for _, f := range bad {
			if e, ok := f.Diag.Extra.(*diag.Extra); ok && e != nil {
				fixes += len(e.Fixes)
			}
		}
		if fixes == 0 {
			t.Errorf("%s: Doc.Fixable is set but the findings on Doc.Bad carry no fix", a.ID)
		}
	}
	for _, f := range lintExample(t, a, others, "good", d.Good) {
		t.Errorf("%s: Doc.Good is reported: %s", a.ID, f.Diag.Summary)
	}
}

// lintExample lints one example file and returns a's unsuppressed findings.
func lintExample(t *testing.T, a *lint.Analyzer, others []*lint.Analyzer, name, text string) []lint.Finding {
	t.Helper()
	ext := ".xml"
	if !strings.HasPrefix(strings.TrimSpace(text), "<") {
		ext = ".coord.hcl"
	}
	// The example is read from memory, in an empty directory of its own.
	path := filepath.Join(t.TempDir(), name+ext)
	fs, _, _ := lintProject(Project{Name: name, Files: []string{path}}, a, others, map[string][]byte{path: []byte(text)})
	var out []lint.Finding
	for _, f := range fs {
		if f.Internal {
			t.Errorf("%s", f.Diag.Detail)
		}
		if f.RuleID == a.ID && !f.Suppressed {
			out = append(out, f)
		}
	}
	return out
}
