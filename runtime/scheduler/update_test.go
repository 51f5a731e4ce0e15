package scheduler

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/runner"
)

// compileXML writes a definition to a new file and compiles it, returning
// the coordinator and the Meta that Submit and Update take.
func (e *env) compileXML(xml string) (*ir.Coordinator, Meta) {
	e.t.Helper()
	path := filepath.Join(e.dir, "coord-"+strings.ReplaceAll(time.Now().Format("150405.000000000"), ".", "")+".xml")
	if err := os.WriteFile(path, []byte(xml), 0o600); err != nil {
		e.t.Fatal(err)
	}
	res, diags := compiler.Load([]string{path}, compiler.Options{})
	if diags.HasErrors() {
		e.t.Fatalf("compile: %v", diags)
	}
	return res.Project.Coordinators[0], Meta{AppPath: path, Sources: map[string][]byte{path: []byte(xml)}}
}

// TestUpdate: a property added by update reaches the actions materialized
// after it and not the earlier ones; the dry run shows the change first.
func TestUpdate(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	sp := spec{Freq: 60, Start: now.Add(-time.Hour), End: now.Add(5 * time.Hour), NoInput: true, Concurrency: "5"}
	c, meta := e.compileXML(sp.xml())
	job, err := e.s.Submit(ctx, c, meta)
	must(t, err)
	e.tick()
	before := len(e.statuses(job))
	if before == 0 || before >= 6 {
		t.Fatalf("setup: %d actions materialized", before)
	}
	newXML := strings.Replace(sp.xml(), "<property><name>nominal</name>", "<property><name>team</name><value>blue</value></property><property><name>nominal</name>", 1)
	nc, nmeta := e.compileXML(newXML)

	hash := e.job(job).DefinitionHash
	var diff bytes.Buffer
	changed, err := e.s.UpdateDiff(ctx, &diff, job, nc, 0)
	if err != nil || !changed || !strings.Contains(diff.String(), "team") {
		t.Fatalf("dry run: changed %v, err %v:\n%s", changed, err, diff.String())
	}
	if got := len(e.statuses(job)); got != before || e.job(job).DefinitionHash != hash {
		t.Fatal("the dry run changed the job")
	}

	must(t, e.s.Update(ctx, job, nc, nmeta))
	if err := e.s.Update(ctx, job, nc, nmeta); !errors.Is(err, ErrNotEligible) {
		t.Errorf("same update again: %v", err)
	}
	// Another process (a fresh Scheduler) runs the updated job.
	e.s = e.scheduler()
	for i := 0; i < 8; i++ {
		e.clock.Advance(time.Hour)
		e.tick()
		for n := 1; n <= 6; n++ {
			e.runner.finish(runner.Succeeded, job+"@"+strconv.Itoa(n))
		}
	}
	acts := e.statuses(job)
	if len(acts) != 6 {
		t.Fatalf("actions %v, want 6", acts)
	}
	for n := 1; n <= 6; n++ {
		req := e.runner.requests[WorkflowID(job+"@"+strconv.Itoa(n), 0)]
		got, want := req.Conf["team"], ""
		if n > before {
			want = "blue"
		}
		if got != want {
			t.Errorf("action %d (of %d before the update): team=%q, want %q", n, before, got, want)
		}
	}
}

// TestUpdateRefused: the schedule cannot change by update.
func TestUpdateRefused(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	sp := spec{Freq: 60, Start: now.Add(-time.Hour), End: now.Add(5 * time.Hour), NoInput: true}
	c, meta := e.compileXML(sp.xml())
	job, err := e.s.Submit(ctx, c, meta)
	must(t, err)
	for name, other := range map[string]spec{
		"start":     {Freq: 60, Start: now, End: sp.End, NoInput: true},
		"end":       {Freq: 60, Start: sp.Start, End: now.Add(6 * time.Hour), NoInput: true},
		"frequency": {Freq: 30, Start: sp.Start, End: sp.End, NoInput: true},
	} {
		nc, nmeta := e.compileXML(other.xml())
		err := e.s.Update(ctx, job, nc, nmeta)
		if !errors.Is(err, ErrNotEligible) || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: %v", name, err)
		}
		if _, err := e.s.UpdateDiff(ctx, &bytes.Buffer{}, job, nc, 0); !errors.Is(err, ErrNotEligible) {
			t.Errorf("%s dry run: %v", name, err)
		}
	}
	must(t, e.s.Kill(ctx, job))
	nc, nmeta := e.compileXML(strings.Replace(sp.xml(), "/apps/wf", "/apps/wf2", 1))
	if err := e.s.Update(ctx, job, nc, nmeta); !errors.Is(err, ErrNotEligible) {
		t.Errorf("update of a KILLED job: %v", err)
	}
}
