package compiler

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
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
	uri := trimJava(bc.AppPath.Value)
	path, local := localPath(uri, b.File)
	if !local {
		d := diag.NotChecked(bc.AppPath.Range, "Coordinator at %q was not loaded", uri)
		d.Detail = "coordc loads bundle coordinators from the local file system (relative paths and file:// URIs), so this one was not checked or planned."
		s.diags = append(s.diags, d)
		return
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		path = filepath.Join(path, "coordinator.xml")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		s.errorf(bc.AppPath.Range, "E0505", err.Error()+". The app-path names the coordinator's directory (holding coordinator.xml) or its file.", "Cannot read the coordinator at %q", uri)
		return
	}
	l.res.Sources[path] = data
	f, diags := xmlfront.Parse(path, data)
	s.diags = append(s.diags, diags...)
	if f == nil {
		return
	}
	if f.Kind != xmlfront.KindCoordinator {
		s.errorf(bc.AppPath.Range, "E0701", "A bundle runs coordinators: the app-path must lead to a <coordinator-app>.", "%q is not a coordinator", uri)
		return
	}
	c := f.Coordinator
	if c.Version == "0.1" {
		s.errorf(bc.AppPath.Range, "E1319", "Oozie refuses to submit coordinators of schema 0.1 from a bundle; change the coordinator's namespace to uri:oozie:coordinator:0.2 or later.",
			"bundle app can not submit coordinator namespace %s, please use 0.2 or later", strings.TrimSpace(c.Namespace))
	}
	conf := make(map[string]string, len(s.params)+len(bc.Configuration))
	for k, v := range s.params {
		conf[k] = v
	}
	for _, p := range bc.Configuration {
		if p.Name != nil && p.Name.Known && p.Value != nil && p.Value.Known {
			conf[p.Name.Value] = trimJava(p.Value.Value)
		}
	}
	sub := &loader{res: l.res, opts: l.opts, params: conf}
	s.diags = append(s.diags, sub.submitCoordinator(c)...)
	bc.Coordinator = c
}
