package hclgen

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/ir"
)

// SharedFile is the file Files writes variables and shared datasets to.
const SharedFile = "shared.coord.hcl"

// Coordinator returns one coordinator as a .coord.hcl file: its formal
// parameters as variable blocks, then the coordinator block with its own
// datasets. c is front-end IR (xmlfront or hclfront output): includes are
// kept as include, not inlined. Values that HCL cannot express are
// reported as errors; the text is still returned.
func Coordinator(c *ir.Coordinator) ([]byte, hcl.Diagnostics) {
	w := newWriter(c.File, c.Comments, paramNames(c.Parameters), c.DeclRange)
	w.variables(c.Parameters)
	w.coordinator(c, nil)
	return w.bytes(), w.diags
}

// Bundle returns one bundle as a .coord.hcl file.
func Bundle(b *ir.Bundle) ([]byte, hcl.Diagnostics) {
	w := newWriter(b.File, b.Comments, paramNames(b.Parameters), b.DeclRange)
	w.variables(b.Parameters)
	w.bundle(b)
	return w.bytes(), w.diags
}

// Files returns the .coord.hcl files of one configuration made of several
// definitions: SharedFile holds the variables of all of them and the
// datasets that every coordinator defines identically (at least two
// coordinators), and each definition gets LABEL.coord.hcl. One definition
// alone gives one file, as Coordinator or Bundle.
func Files(coords []*ir.Coordinator, bundles []*ir.Bundle) (map[string][]byte, hcl.Diagnostics) {
	out := map[string][]byte{}
	var diags hcl.Diagnostics
	switch {
	case len(coords)+len(bundles) == 0:
		return out, nil
	case len(coords) == 1 && len(bundles) == 0:
		data, d := Coordinator(coords[0])
		out[fileName(coords[0].Name, "coordinator")] = data
		return out, d
	case len(coords) == 0 && len(bundles) == 1:
		data, d := Bundle(bundles[0])
		out[fileName(bundles[0].Name, "bundle")] = data
		return out, d
	}
	var params []*ir.Parameter
	for _, c := range coords {
		params = append(params, c.Parameters...)
	}
	for _, b := range bundles {
		params = append(params, b.Parameters...)
	}
	params, diags = mergeParams(params)
	vars := paramNames(params)
	shared := sharedDatasets(coords)
	w := newWriter("", nil, vars, hcl.Range{})
	w.variables(params)
	skip := map[*ir.Dataset]bool{}
	for _, ds := range shared {
		w.dataset(ds)
	}
	for _, c := range coords {
		for _, ds := range c.Datasets {
			for _, s := range shared {
				if sameDataset(ds, s) {
					skip[ds] = true
				}
			}
		}
	}
	out[SharedFile] = w.bytes()
	diags = append(diags, w.diags...)
	for _, c := range coords {
		cw := newWriter(c.File, c.Comments, vars, c.DeclRange)
		cw.coordinator(c, skip)
		out[uniqueName(out, fileName(c.Name, "coordinator"))] = cw.bytes()
		diags = append(diags, cw.diags...)
	}
	for _, b := range bundles {
		bw := newWriter(b.File, b.Comments, vars, b.DeclRange)
		bw.bundle(b)
		out[uniqueName(out, fileName(b.Name, "bundle"))] = bw.bytes()
		diags = append(diags, bw.diags...)
	}
	return out, diags
}

func paramNames(ps []*ir.Parameter) map[string]bool {
	m := map[string]bool{}
	for _, p := range ps {
		m[p.Name] = true
	}
	return m
}

// mergeParams keeps one parameter per name; two definitions that give one
// name different defaults cannot share a variable.
func mergeParams(ps []*ir.Parameter) ([]*ir.Parameter, hcl.Diagnostics) {
	var out []*ir.Parameter
	var diags hcl.Diagnostics
	seen := map[string]*ir.Parameter{}
	for _, p := range ps {
		prev := seen[p.Name]
		if prev == nil {
			seen[p.Name] = p
			out = append(out, p)
			continue
		}
		if rawOf(prev.Default) != rawOf(p.Default) || (prev.Default == nil) != (p.Default == nil) {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: fmt.Sprintf("Parameter %q has different defaults", p.Name),
				Detail:  "In HCL the variables of a configuration are shared by all its definitions, so one name has one default. Give the parameter the same default everywhere, or rename it.",
				Subject: p.NameRange.Ptr()})
		}
	}
	return out, diags
}

func rawOf(t *ir.Text) string {
	if t == nil {
		return ""
	}
	return t.Raw
}

// sharedDatasets are the datasets every coordinator defines identically.
func sharedDatasets(coords []*ir.Coordinator) []*ir.Dataset {
	if len(coords) < 2 {
		return nil
	}
	var out []*ir.Dataset
	for _, ds := range coords[0].Datasets {
		everywhere := true
		for _, c := range coords[1:] {
			found := false
			for _, o := range c.Datasets {
				found = found || sameDataset(ds, o)
			}
			everywhere = everywhere && found
		}
		if everywhere {
			out = append(out, ds)
		}
	}
	return out
}

func sameDataset(a, b *ir.Dataset) bool {
	return a.Name == b.Name && a.Async == b.Async &&
		rawOf(a.Frequency.Text) == rawOf(b.Frequency.Text) &&
		rawOf(a.InitialInstance.Text) == rawOf(b.InitialInstance.Text) &&
		rawOf(a.Timezone.Text) == rawOf(b.Timezone.Text) &&
		rawOf(a.URITemplate) == rawOf(b.URITemplate) &&
		rawOf(a.DoneFlag) == rawOf(b.DoneFlag) && (a.DoneFlag == nil) == (b.DoneFlag == nil)
}

var unsafeFileChars = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[^A-Za-z0-9._-]+`) })

// fileName is LABEL.coord.hcl for a definition name.
func fileName(name *ir.Text, fallback string) string {
	label, named := nameLabel(name, fallback)
	if named {
		label = fallback
	}
	label = strings.Trim(unsafeFileChars().ReplaceAllString(label, "-"), "-.")
	if label == "" {
		label = fallback
	}
	return label + ".coord.hcl"
}

func uniqueName(taken map[string][]byte, name string) string {
	base := strings.TrimSuffix(name, ".coord.hcl")
	for i := 2; ; i++ {
		if _, ok := taken[name]; !ok {
			return name
		}
		name = fmt.Sprintf("%s-%d.coord.hcl", base, i)
	}
}

// variables writes one variable block per parameter name. A name given
// twice (which Oozie tolerates) becomes one variable with the first default
// and description, as the submit phase reads them; that is reported.
func (w *writer) variables(ps []*ir.Parameter) {
	for _, p := range DedupeParams(ps) {
		w.open(p.Range, "variable", p.Name)
		if p.Default != nil {
			w.raw("default", quote(p.Default.Raw), p.Default.Range)
		}
		if p.Description != "" {
			w.raw("description", quote(p.Description), p.Range)
		}
		w.close(p.Range)
	}
}

// DedupeParams merges parameters of one name: the first default and the
// first description win, as the submit phase applies defaults.
func DedupeParams(ps []*ir.Parameter) []*ir.Parameter {
	var out []*ir.Parameter
	index := map[string]int{}
	for _, p := range ps {
		i, dup := index[p.Name]
		if !dup {
			index[p.Name] = len(out)
			cp := *p
			out = append(out, &cp)
			continue
		}
		if out[i].Default == nil {
			out[i].Default = p.Default
		}
		if out[i].Description == "" {
			out[i].Description = p.Description
		}
	}
	return out
}

// bundle writes a bundle block.
func (w *writer) bundle(b *ir.Bundle) {
	label, named := nameLabel(b.Name, "bundle")
	w.open(b.DeclRange, "bundle", label)
	if named {
		w.attr("name", b.Name)
	}
	if b.KickOffTime != nil {
		w.attr("kick_off_time", b.KickOffTime.Text)
	}
	for _, bc := range b.Coordinators {
		label, named := nameLabel(bc.Name, "coordinator")
		w.open(bc.DeclRange, "coordinator", label)
		if named {
			w.attr("name", bc.Name)
		}
		w.attr("app_path", bc.AppPath)
		w.attr("critical", bc.Critical)
		w.attr("enabled", bc.Enabled)
		w.configuration(bc.Configuration, bc.DeclRange)
		w.close(bc.Range)
	}
	w.close(b.Range)
}

// Datasets returns a standalone datasets file as top-level dataset blocks.
// Its includes have no HCL form (a configuration's datasets are all in
// scope); they are reported.
func Datasets(df *ir.DatasetFile) ([]byte, hcl.Diagnostics) {
	w := newWriter(df.File, df.Comments, nil, df.DeclRange)
	for _, inc := range df.Includes {
		w.errorf(inc.Range, "Include in a datasets file cannot be written in HCL",
			"Top-level datasets of a configuration are all in scope, so a datasets file has no includes in HCL. Convert the included file too and put it in the same directory.")
	}
	for _, ds := range df.Datasets {
		w.dataset(ds)
	}
	return w.bytes(), w.diags
}
