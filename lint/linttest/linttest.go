package linttest

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/hclfront"
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
	Root       string   // the fixture directory the paths are in
	Files      []string // *.xml and *.coord.hcl files
	Properties []string // *.properties files
}

// Projects lists the fixture projects of dir: each top-level XML file
// alone (with <base>.properties when present), and each subdirectory
// (names starting with "." or "_" skipped) as one project of all its files.
// A top-level .coord.hcl file is an error: coordc compiles all .coord.hcl
// files of a directory as one configuration, so each HCL fixture needs a
// subdirectory of its own.
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
			p := Project{Name: name, Root: path}
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
		if hclfront.IsHCLFile(name) {
			return nil, fmt.Errorf("%s: HCL fixtures must each be in a subdirectory of their own (hcl-NAME/), because all %s files of a directory form one configuration", path, hclfront.Extension)
		}
		if !isDefinition(name) {
			continue
		}
		p := Project{Name: name, Root: dir, Files: []string{path}}
		props := strings.TrimSuffix(path, filepath.Ext(path)) + ".properties"
		if _, err := os.Stat(props); err == nil {
			p.Properties = []string{props}
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// isDefinition reports whether coordc loads name as a definition file.
func isDefinition(name string) bool {
	return strings.EqualFold(filepath.Ext(name), ".xml") || hclfront.IsHCLFile(name)
}

// lintProject loads and lints one project with a and others.
func lintProject(p Project, a *lint.Analyzer, others []*lint.Analyzer, overlay map[string][]byte) ([]lint.Finding, map[string][]byte, hcl.Diagnostics) {
	res, diags := compiler.Load(p.Files, compiler.Options{PropertiesFiles: p.Properties, Overlay: overlay})
	fs := lint.Run(res.Project, res.Sources, diags, append([]*lint.Analyzer{a}, others...), nil)
	return fs, res.Sources, diags
}

func checkProject(t *testing.T, a *lint.Analyzer, p Project, others []*lint.Analyzer) {
	t.Helper()
	fs, src, diags := lintProject(p, a, others, nil)
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
	fixed := checkGoldens(t, p, mine, src)
	checkRelint(t, a, p, others, mine, fixed, src, errorCount(diags))
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
