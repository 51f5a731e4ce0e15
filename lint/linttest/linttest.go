package linttest

import (
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/lint"
)

// Update is the -update flag: rewrite <file>.golden from the fixes instead
// of comparing. Test packages that use linttest get it; they must not
// define their own -update.
var Update = flag.Bool("update", false, "rewrite lint fixture .golden files")

// Run lints every fixture project in dir with a and compares the findings
// of a with the want comments; see the package documentation for the
// layout. others are analyzers that run too (a framework rule such as
// SUP001 needs findings to work on); only a's findings are compared.
func Run(t *testing.T, a *lint.Analyzer, dir string, others ...*lint.Analyzer) {
	t.Helper()
	projects, err := Projects(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(projects) == 0 {
		t.Fatalf("no fixtures in %s", dir)
	}
	for _, p := range projects {
		t.Run(p.Name, func(t *testing.T) {
			checkProject(t, a, p, others)
		})
	}
}

// Project is one fixture project: definition files linted together, with
// their job properties.
type Project struct {
	Name       string
	Files      []string // *.xml and *.hcl files
	Properties []string // *.properties files
}

// Projects lists the fixture projects of dir: each top-level definition
// file alone (with <base>.properties when present), and each subdirectory
// (names starting with "." or "_" skipped) as one project of all its files.
func Projects(dir string) ([]Project, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []Project
	for _, e := range entries {
		name := e.Name()
		path := filepath.Join(dir, name)
		if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
			continue
		}
		if e.IsDir() {
			p := Project{Name: name}
			err := filepath.WalkDir(path, func(f string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				switch {
				case isDefinition(f):
					p.Files = append(p.Files, f)
				case strings.HasSuffix(f, ".properties"):
					p.Properties = append(p.Properties, f)
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
			if len(p.Files) > 0 {
				out = append(out, p)
			}
			continue
		}
		if !isDefinition(name) {
			continue
		}
		p := Project{Name: name, Files: []string{path}}
		props := strings.TrimSuffix(path, filepath.Ext(path)) + ".properties"
		if _, err := os.Stat(props); err == nil {
			p.Properties = []string{props}
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func isDefinition(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".xml" || ext == ".hcl"
}

// lintProject loads and lints one project with a and others.
func lintProject(p Project, a *lint.Analyzer, others []*lint.Analyzer) ([]lint.Finding, map[string][]byte) {
	res, diags := compiler.Load(p.Files, compiler.Options{PropertiesFiles: p.Properties})
	fs := lint.Run(res.Project, res.Sources, diags, append([]*lint.Analyzer{a}, others...), nil)
	return fs, res.Sources
}

func checkProject(t *testing.T, a *lint.Analyzer, p Project, others []*lint.Analyzer) {
	t.Helper()
	fs, src := lintProject(p, a, others)
	var wants []*want
	for _, f := range p.Files {
		ws, err := parseWants(f, src[f])
		if err != nil {
			t.Fatal(err)
		}
		wants = append(wants, ws...)
	}
	for _, w := range wants {
		if w.rule != a.ID {
			t.Errorf("%s:%d: want names %q, but this test runs %s", w.file, w.line, w.rule, a.ID)
		}
	}
	var mine []lint.Finding
	for _, f := range fs {
		if f.Internal {
			t.Errorf("%s", f.Diag.Detail)
		}
		if f.RuleID != a.ID || f.Suppressed {
			continue
		}
		mine = append(mine, f)
		if !claim(wants, f) {
			r := f.Diag.Subject
			if r == nil {
				t.Errorf("unexpected %s finding without a position: %s", a.ID, f.Diag.Summary)
				continue
			}
			t.Errorf("%s:%d:%d: unexpected %s finding: %s", r.Filename, r.Start.Line, r.Start.Column, a.ID, f.Diag.Summary)
		}
	}
	for _, w := range wants {
		if !w.met {
			t.Errorf("%s:%d: no finding matched want %q", w.file, w.line, w.text)
		}
	}
	checkGoldens(t, p, mine, src)
}

// claim marks the first unmet want matching f and reports whether there
// was one.
func claim(wants []*want, f lint.Finding) bool {
	r := f.Diag.Subject
	if r == nil {
		return false
	}
	for _, w := range wants {
		if !w.met && w.file == r.Filename && w.line == r.Start.Line && w.rule == f.RuleID && (w.re == nil || w.re.MatchString(f.Diag.Summary)) {
			w.met = true
			return true
		}
	}
	return false
}

// checkGoldens applies the fixes of the findings and compares each fixture
// file that has fixes, or a .golden file, with <file>.golden.
func checkGoldens(t *testing.T, p Project, fs []lint.Finding, src map[string][]byte) {
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
}
