package compiler

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/hclfront"
	"github.com/coordc/coordc/compiler/inputfile"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/java"
	"github.com/coordc/coordc/compiler/xmlfront"
	"github.com/hashicorp/hcl/v2"
)

// Options control loading.
type Options struct {
	// PropertiesFiles are Java .properties files with job properties, applied
	// in order (later files win).
	PropertiesFiles []string
	// Defines are name=value job properties from -D; they win over files.
	Defines []string
	// Strict turns undefined parameters from warnings into errors.
	Strict bool
	// VarFiles are HCL variable files (name = value), applied after -D.
	VarFiles []string
	// Vars are name=value values from -var; they win over everything.
	Vars []string
	// PropertiesFor, when set, gives the properties files of one XML
	// definition file (its own job.properties, say), replacing
	// PropertiesFiles for that file; Defines, VarFiles and Vars still apply
	// on top. It returns nil for a file that uses PropertiesFiles. HCL files
	// always use PropertiesFiles (they share one configuration per
	// directory).
	PropertiesFor func(file string) []string
	// Overlay replaces the content of files, or adds files that do not exist
	// on disk (stdin, or fixed files being linted again before they are
	// written). Keys are paths, matched on their absolute form; every file
	// the load reads (definitions, includes, bundle app-paths, properties and
	// variable files) is looked up here first. Diagnostics and Sources name
	// an overlay file as the load was asked for it.
	Overlay map[string][]byte
}

// Result is a loaded project with the bytes of every file read, for snippets.
type Result struct {
	Project *ir.Project
	Sources diag.Sources
}

// Load reads the definitions at paths (files, or directories searched for
// *.xml and *.coord.hcl files), applies job properties and runs the submit
// phase. A .coord.hcl file is compiled with the other .coord.hcl files of its
// directory (package hclfront).
func Load(paths []string, opts Options) (*Result, hcl.Diagnostics) {
	res := &Result{Project: &ir.Project{}, Sources: diag.Sources{}}
	var diags hcl.Diagnostics

	fsys := newFiles(opts.Overlay)
	params, pdiags := loadParams(opts, fsys, res.Sources)
	diags = append(diags, pdiags...)
	diags = append(diags, loadVars(params, opts, fsys, res.Sources)...)
	res.Project.Params = params

	files, fdiags := fsys.expandPaths(paths)
	diags = append(diags, fdiags...)
	l := &loader{res: res, opts: opts, params: params, files: fsys}
	var hclFiles []string
	for _, f := range files {
		if hclfront.IsHCLFile(f) {
			hclFiles = append(hclFiles, f)
			continue
		}
		diags = append(diags, l.fileProperties(f)...)
		diags = append(diags, l.loadFile(f)...)
	}
	if len(hclFiles) > 0 {
		cfgs, srcs, hdiags := hclfront.ReadConfigs(hclFiles, hclfront.Options{Values: params, Files: fsys})
		diags = append(diags, hdiags...)
		for name, data := range srcs {
			res.Sources[name] = data
		}
		for _, cfg := range cfgs {
			res.Project.Coordinators = append(res.Project.Coordinators, cfg.Coordinators...)
			res.Project.Bundles = append(res.Project.Bundles, cfg.Bundles...)
		}
	}
	for _, c := range res.Project.Coordinators {
		diags = append(diags, l.submitCoordinator(c)...)
	}
	for _, b := range res.Project.Bundles {
		diags = append(diags, l.submitBundle(b)...)
	}
	for _, df := range res.Project.DatasetFiles {
		diags = append(diags, l.submitDatasetFile(df)...)
	}
	diag.Sort(diags)
	return res, diag.Dedupe(diags)
}

type loader struct {
	res    *Result
	opts   Options
	params map[string]string
	files  *files
	// byList caches the job properties of each distinct PropertiesFor list;
	// fileParams holds them per definition file.
	byList, fileParams map[string]map[string]string
}

// fileProperties loads the job properties Options.PropertiesFor gives for
// one definition file into Project.FileParams.
func (l *loader) fileProperties(file string) hcl.Diagnostics {
	if l.opts.PropertiesFor == nil {
		return nil
	}
	list := l.opts.PropertiesFor(file)
	if list == nil {
		return nil
	}
	key := strings.Join(list, "\x00")
	if params, ok := l.byList[key]; ok {
		l.setFileParams(file, params)
		return nil
	}
	opts := l.opts
	opts.PropertiesFiles = list
	params, diags := loadParams(opts, l.files, l.res.Sources)
	diags = append(diags, loadVars(params, opts, l.files, l.res.Sources)...)
	if l.byList == nil {
		l.byList = map[string]map[string]string{}
	}
	l.byList[key] = params
	l.setFileParams(file, params)
	return diags
}

func (l *loader) setFileParams(file string, params map[string]string) {
	if l.fileParams == nil {
		l.fileParams = map[string]map[string]string{}
		l.res.Project.FileParams = l.fileParams
	}
	l.fileParams[file] = params
}

// paramsOf returns the job properties of a definition file: its own
// (Options.PropertiesFor) or the loader's.
func (l *loader) paramsOf(file string) map[string]string {
	if params, ok := l.fileParams[file]; ok {
		return params
	}
	return l.params
}

func (l *loader) loadFile(path string) hcl.Diagnostics {
	if st, err := l.files.Stat(path); err == nil && st.Size() > xmlfront.MaxFileSize {
		d := diag.Errorf(hcl.Range{Filename: path, Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: 1}}, diag.E0700,
			"File is larger than %d MiB", xmlfront.MaxFileSize>>20)
		d.Detail = fmt.Sprintf("The file has %d bytes and was not read. Oozie definitions are small; check that this is the right file.", st.Size())
		return hcl.Diagnostics{d}
	}
	data, err := l.files.ReadFile(path)
	if err != nil {
		return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot read definition file", Detail: err.Error()}}
	}
	l.res.Sources[path] = data
	f, diags := xmlfront.Parse(path, data)
	if f == nil {
		return diags
	}
	switch f.Kind {
	case xmlfront.KindCoordinator:
		l.res.Project.Coordinators = append(l.res.Project.Coordinators, f.Coordinator)
	case xmlfront.KindBundle:
		l.res.Project.Bundles = append(l.res.Project.Bundles, f.Bundle)
	case xmlfront.KindDatasets:
		l.res.Project.DatasetFiles = append(l.res.Project.DatasetFiles, f.Datasets)
	}
	return diags
}

// loadVars applies -var-file files and then -var values to params.
func loadVars(params map[string]string, opts Options, fsys *files, src diag.Sources) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, f := range opts.VarFiles {
		data, err := fsys.ReadFile(f)
		if err != nil {
			diags = append(diags, usageError(fmt.Sprintf("Cannot read variables file %q", f), err.Error()))
			continue
		}
		src[f] = data
		vals, d := hclfront.ParseVarFile(f, data)
		diags = append(diags, d...)
		for k, v := range vals {
			params[k] = java.Trim(v)
		}
	}
	for _, kv := range opts.Vars {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(k) == "" {
			diags = append(diags, usageError(fmt.Sprintf("Invalid -var value %q", kv), "Give -var NAME=VALUE."))
			continue
		}
		params[strings.TrimSpace(k)] = java.Trim(v)
	}
	return diags
}

// expandPaths turns files and directories into a sorted list of definition
// files. Directories are searched recursively for *.xml files, skipping
// hidden directories.
func (f *files) expandPaths(paths []string) ([]string, hcl.Diagnostics) {
	var out []string
	var diags hcl.Diagnostics
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, p := range paths {
		st, err := f.Stat(p)
		if err != nil {
			diags = append(diags, usageError(fmt.Sprintf("Cannot read %q", p), err.Error()))
			continue
		}
		if !st.IsDir() {
			add(p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && path != p && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			switch {
			case d.IsDir():
			case !inputfile.IsRegularEntry(path, d): // a named pipe or device would block or never end
			case hclfront.IsHCLFile(path):
				found = append(found, path)
			case strings.EqualFold(filepath.Ext(path), ".xml") && !f.isWorkflowApp(path):
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			diags = append(diags, usageError(fmt.Sprintf("Cannot read directory %q", p), err.Error()))
		}
		if len(found) == 0 && err == nil {
			diags = append(diags, usageError(fmt.Sprintf("No definitions found in %q", p), "coordc looks for *.xml files (coordinators, bundles and dataset files) and *.coord.hcl files in a directory and its subdirectories."))
		}
		sort.Strings(found)
		for _, f := range found {
			add(f)
		}
	}
	return out, diags
}

// XMLKind is what an XML file is, as its root element says.
type XMLKind int

// XML kinds.
const (
	// XMLUnreadable: no root element could be read (malformed, empty or not
	// XML); loading it reports why.
	XMLUnreadable XMLKind = iota
	XMLCoordinator
	XMLBundle
	XMLDatasets
	XMLWorkflow
	// XMLOther is another XML vocabulary: a Maven pom.xml, a Hadoop
	// *-site.xml, log4j.xml, Ivy, HTML…
	XMLOther
)

// SniffXML reads the root element of an XML document (the first 64 KiB):
// an Oozie root (coordinator-app, bundle-app, datasets, workflow-app) gives
// its kind; any other root in an Oozie namespace (uri:oozie:…) is
// XMLUnreadable, so that the loader reports the misspelt root; anything
// else is XMLOther.
func SniffXML(r io.Reader) XMLKind {
	dec := xml.NewDecoder(io.LimitReader(r, 64<<10))
	dec.Strict = false
	for {
		tok, err := dec.RawToken()
		if err != nil {
			return XMLUnreadable
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "coordinator-app":
			return XMLCoordinator
		case "bundle-app":
			return XMLBundle
		case "datasets":
			return XMLDatasets
		case "workflow-app":
			return XMLWorkflow
		}
		for _, a := range se.Attr {
			if (a.Name.Space == "" && a.Name.Local == "xmlns" || a.Name.Space == "xmlns") && strings.HasPrefix(strings.TrimSpace(a.Value), "uri:oozie:") {
				return XMLUnreadable
			}
		}
		return XMLOther
	}
}

// SniffXMLFile is SniffXML of a file; a file that cannot be opened is
// XMLUnreadable.
func SniffXMLFile(path string) XMLKind {
	f, err := os.Open(path)
	if err != nil {
		return XMLUnreadable
	}
	defer f.Close()
	return SniffXML(f)
}

// IsWorkflowApp reports whether an XML file is an Oozie workflow definition
// (root element <workflow-app>). Workflows live beside coordinators;
// directory loads (here and in coordc lint) skip them, while a file named
// on the command line is always loaded.
func IsWorkflowApp(path string) bool { return newFiles(nil).isWorkflowApp(path) }

func (f *files) isWorkflowApp(path string) bool {
	r, done, err := f.open(path)
	if err != nil {
		return false
	}
	defer done()
	return SniffXML(r) == XMLWorkflow
}

// IsWorkflowSource is IsWorkflowApp for contents in memory (an editor's
// buffer).
func IsWorkflowSource(data []byte) bool { return SniffXML(bytes.NewReader(data)) == XMLWorkflow }

// CodeUsage marks diagnostics about the invocation rather than the
// definitions (a missing file, a malformed -D): the CLI exits 3 for them.
const CodeUsage = diag.CodeUsage

func usageError(summary, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Extra: &diag.Extra{Code: CodeUsage}}
}
