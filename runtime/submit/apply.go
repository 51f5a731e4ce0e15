package submit

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/inputfile"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/java"
	"github.com/coordc/coordc/compiler/wfapp"
	"github.com/coordc/coordc/runtime/hdfsstore"
	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/settings"
	"github.com/coordc/coordc/runtime/storage"
	"github.com/coordc/coordc/runtime/webhdfs"
	"github.com/hashicorp/hcl/v2"
)

// Problem is an error of a submission itself (a definition changed under
// an unfinished job, a bundle that cannot be submitted …), as opposed to
// an error reading the state; its text is Err's.
type Problem struct{ Err error }

func (p *Problem) Error() string { return p.Err.Error() }
func (p *Problem) Unwrap() error { return p.Err }

// Target is one coordinator a submission runs (`coordc apply`, or a
// submission to a coordc server).
type Target struct {
	Coord *ir.Coordinator // app-path resolved (ResolveAppPath)
	File  string          // the definition file, absolute
	Hash  string          // scheduler.DefinitionHash of File and properties
	// Sources are the files the project was compiled from, stored with
	// the job (scheduler.Meta.Sources).
	Sources map[string][]byte
	// Bundle is the bundle whose entry the coordinator is (nil for a
	// coordinator applied on its own), Entry that entry, BundleParams the
	// bundle's job properties.
	Bundle       *ir.Bundle
	Entry        *ir.BundleCoordinator
	BundleParams map[string]string
}

// Name is the coordinator's name.
func (t Target) Name() string { return t.Coord.Name.Value }

// Targets lists the coordinators of a compiled project that a submission
// submits: every coordinator, and the enabled bundle entries whose
// coordinator was loaded from the local file system, each once per
// definition file, name and properties. Their workflow definitions are
// checked too, so an unsupported action type is a positioned error now
// rather than a failed action later.
func Targets(ctx context.Context, res *compiler.Result, rt *settings.Runtime) ([]Target, hcl.Diagnostics) {
	type member struct {
		bundle *ir.Bundle
		entry  *ir.BundleCoordinator
	}
	var coords []*ir.Coordinator
	var of []member
	for _, c := range res.Project.Coordinators {
		coords, of = append(coords, c), append(of, member{})
	}
	for _, b := range res.Project.Bundles {
		for _, bc := range compiler.EnabledCoordinators(b) {
			coords, of = append(coords, bc.Coordinator), append(of, member{b, bc})
		}
	}
	var out []Target
	var diags hcl.Diagnostics
	seen := map[string]bool{}
	checked := map[string]bool{}
	for i, c := range coords {
		if c.Name == nil || !c.Name.Known {
			diags = append(diags, diag.Errorf(c.DeclRange, diag.E1004, "Coordinator name is not known"))
			continue
		}
		file, err := filepath.Abs(c.File)
		if err != nil {
			diags = append(diags, diag.Errorf(c.DeclRange, compiler.CodeUsage, "Cannot resolve the path of %q", c.File))
			continue
		}
		hash, err := scheduler.DefinitionHash(file, c.Params)
		if err != nil {
			diags = append(diags, diag.Errorf(c.DeclRange, compiler.CodeUsage, "Cannot read %q", c.File))
			continue
		}
		key := file + "\x00" + c.Name.Value + "\x00" + hash
		if seen[key] {
			continue
		}
		seen[key] = true
		rc, err := ResolveAppPath(c, file)
		if err != nil {
			diags = append(diags, diag.Errorf(c.DeclRange, compiler.CodeUsage, "%v", err))
			continue
		}
		if rc.Action != nil && rc.Action.AppPath != nil && rc.Action.AppPath.Known && !checked[rc.Action.AppPath.Value] {
			checked[rc.Action.AppPath.Value] = true
			diags = append(diags, checkWorkflow(ctx, rt, rc.Action.AppPath, res.Sources)...)
		}
		t := Target{Coord: rc, File: file, Hash: hash, Sources: AbsSources(res.Sources), Bundle: of[i].bundle, Entry: of[i].entry}
		if t.Bundle != nil {
			t.BundleParams = res.Project.Params
			if p, ok := res.Project.FileParams[t.Bundle.File]; ok {
				t.BundleParams = p
			}
		}
		out = append(out, t)
	}
	if len(out) == 0 && !diags.HasErrors() {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Nothing to apply",
			Detail: "The definitions hold no coordinator, and no enabled bundle coordinator could be loaded from the local file system. Apply a coordinator-app file, or a bundle whose app-paths are local."})
	}
	return out, diags
}

// checkWorkflow compiles the workflow.xml of a resolved app-path as the
// workflow engine does, adding its text to src for the snippets. The
// file is read through the runtime storage, so hdfs:// app-paths work when
// WebHDFS is configured.
func checkWorkflow(ctx context.Context, rt *settings.Runtime, appPath *ir.Text, src diag.Sources) hcl.Diagnostics {
	path := hdfsstore.Join(appPath.Value, "workflow.xml")
	var data []byte
	var err error
	if hdfsstore.IsHDFS(appPath.Value) {
		if rt == nil || rt.Storage.HDFS() == nil {
			d := diag.Errorf(appPath.Range, diag.E0710, "Workflow app-path %q is on HDFS, and no WebHDFS endpoint is configured", appPath.Value)
			d.Detail = "Give the NameNode's HTTP address with --webhdfs URL, COORDC_WEBHDFS, or a runtime block in .coordc.hcl."
			return hcl.Diagnostics{d}
		}
		data, err = readWaiting(ctx, func() ([]byte, error) { return rt.Storage.ReadFile(ctx, path) })
	} else {
		var dir string
		if dir, err = storage.LocalPath(appPath.Value); err == nil {
			path = filepath.Join(dir, "workflow.xml")
			data, err = inputfile.Read(path, 0)
		}
	}
	if err != nil {
		d := diag.Errorf(appPath.Range, diag.E0710, "Cannot read the workflow definition %q", path)
		d.Detail = fmt.Sprintf("The app-path names the directory holding workflow.xml (%v). Create it or correct the app-path.", err)
		return hcl.Diagnostics{d}
	}
	src[path] = data
	_, diags := wfapp.Compile(path, data)
	return diags
}

// SubmitTargets submits the targets that have no job yet and returns the
// job IDs of all of them, in order, and the IDs of the bundle jobs among
// them. A target whose job exists (same file, name and definition hash,
// whatever its status) is not submitted again, so apply is idempotent. An
// unfinished job of the same file and name with another hash means the
// definition or its properties changed: nothing is submitted and the error
// names the jobs to kill first; errors of the submission itself
// are *Problem, others are errors reading the state. The entries of a bundle are submitted as one
// bundle job (scheduler.SubmitBundle); a bundle job submitted before keeps
// its coordinator jobs, whatever `coordc update` did to them since.
func SubmitTargets(ctx context.Context, s *scheduler.Scheduler, targets []Target) (ids, bundleIDs []string, err error) {
	jobs, err := s.Store.ListJobs(ctx)
	if err != nil {
		return nil, nil, err
	}
	groups, order := bundleGroups(targets)
	submitted := map[*ir.Bundle]bool{}
	for _, b := range order {
		id, err := s.FindBundle(ctx, bundleSubmission(b, targets, groups[b]))
		if err != nil {
			return nil, nil, &Problem{err}
		}
		submitted[b] = id != ""
	}
	wanted := map[string]bool{}
	for _, t := range targets {
		wanted[t.File+"\x00"+t.Name()+"\x00"+t.Hash] = true
	}
	ids = make([]string, len(targets))
	var conflicts []string
	for i, t := range targets {
		if t.Bundle != nil && submitted[t.Bundle] {
			continue
		}
		for _, j := range jobs {
			if j.AppPath != t.File || j.AppName != t.Name() {
				continue
			}
			switch {
			case j.DefinitionHash == t.Hash && t.Bundle == nil:
				ids[i] = j.ID
			case j.DefinitionHash != t.Hash && !j.Status.Terminal() && !wanted[j.AppPath+"\x00"+j.AppName+"\x00"+j.DefinitionHash]:
				conflicts = append(conflicts, fmt.Sprintf("coordinator %q in %s changed since job %s (%s) was submitted; run it in that job with `coordc update %s %s` (--dry-run shows the changes first), or stop that job with `coordc kill %s` and apply again",
					t.Name(), t.File, j.ID, j.Status, j.ID, t.File, j.ID))
			}
		}
	}
	if len(conflicts) > 0 {
		return nil, nil, &Problem{fmt.Errorf("%s", strings.Join(dedupe(conflicts), "\n"))}
	}
	for i, t := range targets {
		if t.Bundle != nil {
			continue
		}
		if ids[i] != "" {
			s.Logger.Info("job already submitted", "job", ids[i], "name", t.Name())
			continue
		}
		id, err := s.Submit(ctx, t.Coord, scheduler.Meta{AppPath: t.File, Sources: t.Sources})
		if err != nil {
			return nil, nil, &Problem{err}
		}
		ids[i] = id
	}
	for _, b := range order {
		g := groups[b]
		id, cids, err := s.SubmitBundle(ctx, bundleSubmission(b, targets, g))
		if err != nil {
			return nil, nil, &Problem{err}
		}
		for k, i := range g.targets {
			ids[i] = cids[k]
		}
		bundleIDs = append(bundleIDs, id)
	}
	return ids, bundleIDs, nil
}

// bundleGroup is the targets of one bundle and their entries.
type bundleGroup struct {
	targets []int // indexes into the targets
	entries []scheduler.BundleEntry
}

// bundleGroups groups the bundle targets by bundle, bundles in the order
// of their first target.
func bundleGroups(targets []Target) (map[*ir.Bundle]*bundleGroup, []*ir.Bundle) {
	groups := map[*ir.Bundle]*bundleGroup{}
	var order []*ir.Bundle
	for i, t := range targets {
		if t.Bundle == nil {
			continue
		}
		g := groups[t.Bundle]
		if g == nil {
			g = &bundleGroup{}
			groups[t.Bundle] = g
			order = append(order, t.Bundle)
		}
		g.targets = append(g.targets, i)
		g.entries = append(g.entries, scheduler.BundleEntry{Name: t.Entry.Name.Value, Critical: flagTrue(t.Entry.Critical),
			Coordinator: t.Coord, Meta: scheduler.Meta{AppPath: t.File, Sources: t.Sources}})
	}
	return groups, order
}

// bundleSubmission is the submission of bundle b: its definition file,
// its job properties and its entries (g).
func bundleSubmission(b *ir.Bundle, targets []Target, g *bundleGroup) scheduler.BundleSubmission {
	file, err := filepath.Abs(b.File)
	if err != nil {
		file = b.File
	}
	first := targets[g.targets[0]]
	return scheduler.BundleSubmission{Bundle: b, Meta: scheduler.Meta{AppPath: file, Sources: first.Sources},
		Params: first.BundleParams, Entries: g.entries}
}

// flagTrue reads a bundle entry flag as Oozie does (Boolean.parseBoolean).
func flagTrue(t *ir.Text) bool {
	return t != nil && t.Known && java.ParseBoolean(java.Trim(t.Value))
}

// dedupe drops repeated lines, keeping the first of each.
func dedupe(lines []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range lines {
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}

// readWaiting calls read until it succeeds or fails with anything but an
// unreachable cluster, waiting between tries (1 s, doubling up to 30 s)
// until ctx ends: a NameNode that is down when apply starts is waited for,
// a refusal fails at once. rt.Outages logs the outage and its end.
func readWaiting(ctx context.Context, read func() ([]byte, error)) ([]byte, error) {
	wait := time.Second
	for {
		data, err := read()
		if !webhdfs.IsUnreachable(err) {
			return data, err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, err
		case <-t.C:
		}
		wait = min(2*wait, 30*time.Second)
	}
}

// Result is what Apply made: the job IDs, or the compiler's diagnostics
// (with the sources, for the text rendering).
type Result struct {
	IDs     []string
	Diags   hcl.Diagnostics
	Sources diag.Sources
}

// Apply is a coordc server's submission: the definitions at appPath (a
// coordinator or bundle file, or a directory of definitions) compiled
// strictly with props as -D values, checked and submitted exactly as
// `coordc apply` does, a bundle's ID first in IDs (as Oozie answers a
// bundle submission). Diags errors are the user's definitions; an error is
// a submission that cannot be made (*Problem) or a state that cannot be
// read.
func Apply(ctx context.Context, rt *settings.Runtime, s *scheduler.Scheduler, appPath string, props map[string]string) (Result, error) {
	names := make([]string, 0, len(props))
	for k := range props {
		names = append(names, k)
	}
	sort.Strings(names)
	opts := compiler.Options{Strict: true}
	for _, k := range names {
		opts.Defines = append(opts.Defines, k+"="+props[k])
	}
	res, diags := compiler.Load([]string{appPath}, opts)
	out := Result{Diags: diags, Sources: res.Sources}
	if diags.HasErrors() {
		return out, nil
	}
	targets, tdiags := Targets(ctx, res, rt)
	out.Diags = append(out.Diags, tdiags...)
	if out.Diags.HasErrors() {
		return out, nil
	}
	ids, bundleIDs, err := SubmitTargets(ctx, s, targets)
	if err != nil {
		return out, err
	}
	out.IDs = append(bundleIDs, ids...)
	return out, nil
}
