package compiler

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/inputfile"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/java"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/compiler/xmlfront"
	"github.com/hashicorp/hcl/v2"
)

// maxIncludeDepth bounds recursive <include> chains.
const maxIncludeDepth = 16

// mergeDatasets builds the coordinator's dataset list as Oozie does
// (CoordSubmitXCommand.includeDataSets): included datasets first, where a
// name defined twice across included files is an error, then the embedded
// ones, each silently replacing an earlier dataset of the same name.
func (l *loader) mergeDatasets(s *scope, c *ir.Coordinator) {
	var included []*ir.Dataset
	for _, inc := range c.Includes {
		included = append(included, l.include(s, c.File, inc, 0, map[string]bool{})...)
	}
	byName := map[string]*ir.Dataset{}
	var out []*ir.Dataset
	for _, ds := range included {
		if prev, dup := byName[ds.Name]; dup {
			s.errorf(ds.NameRange, diag.E0803, fmt.Sprintf("%q is also defined at %s. Oozie rejects a dataset name defined twice across included files; rename or remove one.", ds.Name, posString(prev.NameRange)),
				"Duplicate Dataset %s", ds.Name)
			continue
		}
		byName[ds.Name] = ds
		out = append(out, ds)
	}
	for _, ds := range c.Datasets {
		if prev, dup := byName[ds.Name]; dup {
			if prev.File == ds.File {
				s.warnf(ds.NameRange, "", fmt.Sprintf("Dataset %q is also defined at %s. Oozie keeps the later definition without a word (its spec says submission should fail); remove one of them.", ds.Name, posString(prev.NameRange)),
					"Dataset %q is defined twice", ds.Name)
			}
			for i, p := range out {
				if p == prev {
					out = append(out[:i], out[i+1:]...)
					break
				}
			}
		}
		byName[ds.Name] = ds
		out = append(out, ds)
	}
	c.Datasets = out
}

// include reads one <include>d datasets file (and its own includes).
func (l *loader) include(s *scope, from string, inc *ir.Text, depth int, visiting map[string]bool) []*ir.Dataset {
	v, ok := s.eval(inc, groupNoFuncs, "an <include>", nil)
	if !ok {
		return nil
	}
	v = java.Trim(v)
	path, local := l.files.localPath(v, from)
	if !local {
		d := diag.NotChecked(inc.Range, "Included datasets file %q was not read", v)
		d.Detail = "coordc reads includes from the local file system (file:// URIs, and paths that exist locally; Oozie reads a path without a scheme from HDFS); datasets from this file are unknown, so events that use them were not checked."
		s.diags = append(s.diags, d)
		return nil
	}
	if depth >= maxIncludeDepth || visiting[path] {
		s.errorf(inc.Range, diag.E0803, "Included datasets files include each other in a cycle (or too deeply); break the cycle.", "Include cycle through %q", v)
		return nil
	}
	data, err := l.files.ReadFile(path)
	if err != nil {
		s.errorf(inc.Range, diag.E0803, err.Error(), "Cannot read included datasets file %q", v)
		return nil
	}
	l.res.Sources[path] = data
	f, diags := xmlfront.Parse(path, data)
	s.diags = append(s.diags, diags...)
	if f == nil {
		return nil
	}
	if f.Kind != xmlfront.KindDatasets {
		s.errorf(inc.Range, diag.E0803, "An <include> must name a file whose root element is <datasets>.", "Included file %q is not a datasets file", v)
		return nil
	}
	visiting[path] = true
	defer delete(visiting, path)
	var out []*ir.Dataset
	for _, nested := range f.Datasets.Includes {
		out = append(out, l.include(s, path, nested, depth+1, visiting)...)
	}
	return append(out, f.Datasets.Datasets...)
}

// localPath resolves an include or app-path URI against the referring file.
// A file: URI is local when it names an absolute path of this machine
// (inputfile.FileURIPath); file://host/p is not local. Oozie resolves a path without a scheme against the
// cluster's default file system (HDFS), so coordc reads such a path locally
// only when it exists there (a checkout that keeps its definitions side by
// side); otherwise, like any other scheme, it is not local.
func (f *files) localPath(uri, from string) (string, bool) {
	if inputfile.IsFileURI(uri) {
		p, err := inputfile.FileURIPath(uri)
		return p, err == nil
	}
	if strings.Contains(uri, "://") {
		return "", false
	}
	path := uri
	if !filepath.IsAbs(path) {
		path = filepath.Join(filepath.Dir(from), uri)
	}
	if _, err := f.Stat(path); err != nil {
		return "", false
	}
	return path, true
}

// evalDataset evaluates one dataset's attributes (SEMANTICS.md §2).
func (s *scope) evalDataset(ds *ir.Dataset) {
	if ds.Async {
		s.errorf(ds.DeclRange, diag.E0803, "Oozie parses <async-dataset> but fails at materialization; use <dataset>.", "Asynchronous Dataset is not supported yet")
		return
	}
	q := fmt.Sprintf("dataset %q", ds.Name)
	ds.Frequency = s.evalFrequency(ds.Frequency.Text, "the frequency of "+q, false)
	if f := ds.Frequency; f.Resolved && f.N <= 0 {
		s.errorf(f.Text.Range, diag.E1003, "A dataset frequency is a positive number of minutes or units.", "Dataset frequency %d is not greater than zero", f.N)
	}
	ds.InitialInstance = s.evalInstant(ds.InitialInstance.Text, "the initial-instance of "+q, groupInitial)
	if in := ds.InitialInstance; in.Resolved && in.Time.Before(epoch) {
		s.errorf(in.Text.Range, diag.E1021, "Oozie does not accept dataset instances before 1970-01-01T00:00Z; move the initial-instance to 1970 or later.",
			"Initial instance %s is before 1970", oozietime.FormatDateTime(in.Time))
	}
	ds.Timezone = s.evalZone(ds.Timezone.Text, "the timezone of "+q)
	s.eval(ds.URITemplate, groupNoFuncs, "the uri-template of "+q, nil)
	if ds.URITemplate != nil && ds.URITemplate.Known {
		ds.URITemplate.Value = java.Trim(ds.URITemplate.Value)
	}
	if ds.DoneFlag != nil {
		if v, ok := s.eval(ds.DoneFlag, groupNoFuncs, "the done-flag of "+q, nil); ok {
			ds.DoneFlag.Value = java.Trim(v)
		}
	}
}

func posString(r hcl.Range) string {
	return fmt.Sprintf("%s:%d:%d", r.Filename, r.Start.Line, r.Start.Column)
}
