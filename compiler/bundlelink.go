package compiler

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/hclfront"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/java"
	"github.com/coordc/coordc/compiler/xmlfront"
)

// linkBundleCoordinator loads the coordinator a bundle entry names, when its
// app-path is local: a coordinator file, or a directory holding
// coordinator.xml (Oozie's convention). The coordinator sees the bundle's job
// properties overridden by the entry's <configuration>, as Oozie submits it.
func (l *loader) linkBundleCoordinator(s *scope, b *ir.Bundle, bc *ir.BundleCoordinator) {
	if bc.AppPath == nil || !bc.AppPath.Known {
		return
	}
	uri := java.Trim(bc.AppPath.Value)
	path, local := l.files.localPath(uri, b.File)
	if !local {
		d := diag.NotChecked(bc.AppPath.Range, "Coordinator at %q was not loaded", uri)
		d.Detail = "coordc loads bundle coordinators from the local file system (file:// URIs, and paths that exist locally; Oozie reads a path without a scheme from HDFS), so this one was not checked or planned."
		s.diags = append(s.diags, d)
		return
	}
	c := l.readBundleCoordinator(s, bc, uri, path)
	if c == nil {
		return
	}
	if c.Version == "0.1" {
		s.errorf(bc.AppPath.Range, diag.E1319, "Oozie refuses to submit coordinators of schema 0.1 from a bundle; change the coordinator's namespace to uri:oozie:coordinator:0.2 or later.",
			"bundle app can not submit coordinator namespace %s, please use 0.2 or later", strings.TrimSpace(c.Namespace))
	}
	conf := make(map[string]string, len(s.params)+len(bc.Configuration))
	for k, v := range s.params {
		conf[k] = v
	}
	for _, p := range bc.Configuration {
		if p.Name != nil && p.Name.Known && p.Value != nil && p.Value.Known {
			conf[p.Name.Value] = java.Trim(p.Value.Value)
		}
	}
	sub := &loader{res: l.res, opts: l.opts, params: conf, files: l.files}
	s.diags = append(s.diags, sub.submitCoordinator(c)...)
	bc.Coordinator = c
}

// readBundleCoordinator reads the one coordinator at a bundle entry's
// app-path: an XML file, a .coord.hcl file, or a directory holding
// coordinator.xml or .coord.hcl files.
func (l *loader) readBundleCoordinator(s *scope, bc *ir.BundleCoordinator, uri, path string) *ir.Coordinator {
	var hcls []string
	if st, err := l.files.Stat(path); err == nil && st.IsDir() {
		xml := filepath.Join(path, "coordinator.xml")
		if _, err := l.files.Stat(xml); err != nil {
			hcls, _ = l.files.Glob(filepath.Join(path, "*"+hclfront.Extension))
		}
		path = xml
	} else if hclfront.IsHCLFile(path) {
		hcls = []string{path}
	}
	var coords []*ir.Coordinator
	if len(hcls) > 0 {
		cfgs, srcs, diags := hclfront.ReadConfigs(hcls, hclfront.Options{Values: s.params, Files: l.files})
		s.diags = append(s.diags, diags...)
		for name, data := range srcs {
			l.res.Sources[name] = data
		}
		for _, cfg := range cfgs {
			coords = append(coords, cfg.Coordinators...)
		}
	} else {
		data, err := l.files.ReadFile(path)
		if err != nil {
			s.errorf(bc.AppPath.Range, diag.E0505, err.Error()+". The app-path names the coordinator's directory (holding coordinator.xml or .coord.hcl files) or its file.", "Cannot read the coordinator at %q", uri)
			return nil
		}
		l.res.Sources[path] = data
		f, diags := xmlfront.Parse(path, data)
		s.diags = append(s.diags, diags...)
		if f == nil {
			return nil
		}
		if f.Kind == xmlfront.KindCoordinator {
			coords = append(coords, f.Coordinator)
		}
	}
	if len(coords) != 1 {
		s.errorf(bc.AppPath.Range, diag.E0701, fmt.Sprintf("A bundle entry runs one coordinator, and %q defines %d. Point the app-path at a single coordinator-app.", uri, len(coords)),
			"%q is not a single coordinator", uri)
		return nil
	}
	return coords[0]
}
