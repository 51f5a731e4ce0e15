package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/hclfront"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lint"
	"github.com/coordc/coordc/lint/rules"
	"github.com/hashicorp/hcl/v2"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// analysis is one load and lint of a document with the unsaved text of
// every open document.
type analysis struct {
	path     string
	version  int32
	project  *ir.Project
	sources  diag.Sources
	findings []lint.Finding
	// excluded: .coordc.hcl excludes the file, so nothing is reported.
	excluded bool
	texts    map[string]*text
}

// analyze loads the document at path as `coordc lint PATH` would, reading
// the files in overlay from memory, and lints it with the .coordc.hcl found
// upwards from its directory.
// A panic (a bug in coordc) becomes one error on the document instead of
// ending the server.
func analyze(path string, overlay map[string][]byte) (a *analysis) {
	defer func() {
		if r := recover(); r != nil {
			d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: fmt.Sprintf("coordc internal error: %v", r), Detail: "Please report it with this file."}
			a = &analysis{path: path, texts: map[string]*text{}, sources: diag.Sources{path: overlay[path]}, findings: []lint.Finding{{Diag: d, Severity: lint.Error, Internal: true}}}
		}
	}()
	a = &analysis{path: path, texts: map[string]*text{}}
	analyzers := rules.All()
	cfg := &lint.Config{}
	var cfgDiags hcl.Diagnostics
	if file := lint.FindConfig(filepath.Dir(path)); file != "" {
		c, diags := lint.LoadConfig(file, analyzers)
		cfgDiags = diags
		if !diags.HasErrors() {
			cfg = c
		}
	}
	a.excluded = cfg.Excluded(path)
	paths := []string{path}
	// A workflow definition is checked as `coordc lint` checks it
	// (lint.WorkflowDiagnostics), from the editor's text; it is not loaded
	// as a coordinator.
	workflow := !isHCL(path) && lint.IsWorkflow(path, overlay[path])
	if workflow {
		paths = nil
	}
	res, diags := compiler.Load(paths, compiler.Options{PropertiesFiles: cfg.PropertiesFiles, Overlay: overlay})
	a.project, a.sources = res.Project, res.Sources
	if _, ok := a.sources[path]; !ok {
		if data, ok := overlay[path]; ok {
			a.sources[path] = data
		}
	}
	if workflow {
		data, ok := a.sources[path]
		if !ok {
			if b, err := os.ReadFile(path); err == nil {
				data, ok = b, true
				a.sources[path] = b
			}
		}
		if ok {
			diags = append(diags, lint.WorkflowDiagnostics(path, data)...)
		}
	}
	a.findings = lint.Run(res.Project, res.Sources, diags, analyzers, cfg)
	for _, d := range cfgDiags {
		// An invalid .coordc.hcl is reported on the document: coordc lint
		// would refuse to run.
		a.findings = append(a.findings, lint.Finding{Diag: d, Code: string(compiler.CodeUsage), Severity: lint.Error})
	}
	return a
}

// read reports whether the analysis read the file at path.
func (a *analysis) read(path string) bool {
	_, ok := a.sources[path]
	return ok
}

// textOf returns the text of a file the analysis read.
func (a *analysis) textOf(name string) *text {
	if t, ok := a.texts[name]; ok {
		return t
	}
	data, ok := a.sources[name]
	if !ok {
		return nil
	}
	t := newText(data)
	a.texts[name] = t
	return t
}

// diagnostics are the unsuppressed findings in the document, as LSP
// diagnostics. Findings without a position (an unreadable properties file)
// are put on the first character.
func (a *analysis) diagnostics() []protocol.Diagnostic {
	out := []protocol.Diagnostic{}
	if a.excluded {
		return out
	}
	t := a.textOf(a.path)
	if t == nil {
		t = newText(nil)
	}
	for i := range a.findings {
		f := &a.findings[i]
		if f.Suppressed {
			continue
		}
		var rng protocol.Range
		if s := f.Diag.Subject; s != nil {
			if !samePath(s.Filename, a.path) {
				continue
			}
			rng = t.lspRange(*s)
		}
		out = append(out, toDiagnostic(f, rng))
	}
	return out
}

func toDiagnostic(f *lint.Finding, rng protocol.Range) protocol.Diagnostic {
	sev := protocol.DiagnosticSeverityInformation
	switch f.Severity {
	case lint.Error:
		sev = protocol.DiagnosticSeverityError
	case lint.Warning:
		sev = protocol.DiagnosticSeverityWarning
	}
	source := "coordc"
	msg := f.Diag.Summary
	if f.RuleName != "" {
		msg += " [" + f.RuleID + " " + f.RuleName + "]"
	}
	if f.Diag.Detail != "" {
		msg += "\n" + f.Diag.Detail
	}
	d := protocol.Diagnostic{Range: rng, Severity: &sev, Source: &source, Message: msg}
	if code := findingCode(f); code != "" {
		d.Code = &protocol.IntegerOrString{Value: code}
	}
	return d
}

// findingCode is the rule ID of a finding, else its loader code.
func findingCode(f *lint.Finding) string {
	if f.RuleID != "" {
		return f.RuleID
	}
	return f.Code
}

func samePath(a, b string) bool {
	if a == b {
		return true
	}
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}

// isHCL reports whether path is a .coord.hcl file.
func isHCL(path string) bool { return hclfront.IsHCLFile(path) }

// location converts a range of any file the analysis read.
func (a *analysis) location(r hcl.Range) (protocol.Location, bool) {
	t := a.textOf(r.Filename)
	if t == nil || r.Filename == "" {
		return protocol.Location{}, false
	}
	return protocol.Location{URI: pathToURI(r.Filename), Range: t.lspRange(r)}, true
}

// isDatasetsFile reports whether the document is a standalone <datasets>
// file.
func (a *analysis) isDatasetsFile() bool {
	if a.project == nil {
		return false
	}
	for _, df := range a.project.DatasetFiles {
		if samePath(df.File, a.path) {
			return true
		}
	}
	return false
}

// analyzeDir loads every definition of path's directory (not its
// subdirectories) with the open documents, without linting: enough to find
// the coordinators that include a datasets file.
func analyzeDir(path string, overlay map[string][]byte) *analysis {
	dir := filepath.Dir(path)
	seen := map[string]bool{}
	var paths []string
	add := func(p string) {
		if !seen[p] && (hclfront.IsHCLFile(p) || strings.EqualFold(filepath.Ext(p), ".xml")) {
			seen[p] = true
			paths = append(paths, p)
		}
	}
	add(path)
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			p := filepath.Join(dir, e.Name())
			if !e.IsDir() && !compiler.IsWorkflowApp(p) {
				add(p)
			}
		}
	}
	for p := range overlay {
		if filepath.Dir(p) == dir {
			add(p)
		}
	}
	sort.Strings(paths)
	res, _ := compiler.Load(paths, compiler.Options{Overlay: overlay})
	return &analysis{path: path, project: res.Project, sources: res.Sources, texts: map[string]*text{}}
}
