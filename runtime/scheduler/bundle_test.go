package scheduler

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/state"
	"github.com/google/go-cmp/cmp"
)

// TestRollUp holds RollUp to Oozie's status transit, one row per rule.
func TestRollUp(t *testing.T) {
	const (
		prep  = state.JobPrep
		run   = state.JobRunning
		rwe   = state.JobRunningWithError
		susp  = state.JobSuspended
		swe   = state.JobSuspendedWithError
		pause = state.JobPaused
		pwe   = state.JobPausedWithError
		succ  = state.JobSucceeded
		kill  = state.JobKilled
		fail  = state.JobFailed
		dwe   = state.JobDoneWithError
	)
	type S = []state.JobStatus
	tests := []struct {
		name    string
		cur     state.JobStatus
		coords  S
		pending bool
		want    state.JobStatus
		ok      bool
	}{
		{"all succeeded", run, S{succ, succ}, false, succ, true},
		{"all killed", run, S{kill, kill}, false, kill, true},
		{"all failed", rwe, S{fail, fail}, false, fail, true},
		{"mixed finished", rwe, S{succ, fail}, false, dwe, true},
		{"done with error counts as finished", run, S{succ, dwe}, false, dwe, true},
		{"no coordinator left (all ignored)", run, S{}, false, succ, true},
		{"finished but pending waits", run, S{succ, succ}, true, run, true},
		{"a suspended bundle whose coordinators finished", susp, S{succ, succ}, false, succ, true},
		{"some prep", run, S{prep, run}, false, run, true},
		{"all prep keeps a running bundle running", run, S{prep, prep}, false, run, true},
		{"all prep keeps a prep bundle", prep, S{prep, prep}, false, prep, false},
		{"paused bundle stays paused", pause, S{run, pause}, false, pause, true},
		{"paused bundle with an error", pause, S{rwe, pause}, false, pwe, true},
		{"paused with error, error gone", pwe, S{run, pause}, false, pause, true},
		{"all coordinators paused", run, S{pause, pause}, false, pause, true},
		{"coordinators paused, one with error", run, S{pause, pwe}, false, pwe, true},
		{"suspended bundle stays suspended", susp, S{susp, run}, false, susp, true},
		{"suspended bundle with a failed coordinator", susp, S{susp, fail}, false, swe, true},
		{"suspended with error, error gone", swe, S{susp, succ}, false, susp, true},
		{"coordinators suspended or succeeded", run, S{susp, succ}, false, susp, true},
		{"coordinators suspended, one killed", run, S{susp, kill}, false, swe, true},
		{"coordinator suspended with error", run, S{swe, succ}, false, swe, true},
		{"suspended while pending is not bottom-up", run, S{susp, succ}, true, run, true},
		{"one suspended, one running", run, S{susp, run}, false, run, true},
		{"running", run, S{run, succ}, false, run, true},
		{"running with a killed coordinator", run, S{run, kill}, false, rwe, true},
		{"running with a running-with-error coordinator", run, S{rwe, run}, false, rwe, true},
		{"running with error recovers", rwe, S{run, run}, false, run, true},
		{"prep bundle, coordinators running", prep, S{run, run}, false, prep, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := RollUp(tt.cur, tt.coords, tt.pending)
			if got != tt.want || ok != tt.ok {
				t.Errorf("RollUp(%s, %v, pending=%v) = %s, %v; want %s, %v", tt.cur, tt.coords, tt.pending, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// bundleEnv submits a bundle of two hourly coordinators (entries "a" and
// "b", no inputs, from now for 3 hours) with the kick-off time given ("" for
// none) and returns the bundle ID and the coordinator job IDs.
func (e *env) submitBundle(kickoff string) (string, []string) {
	e.t.Helper()
	sp := spec{Freq: 60, Start: now, End: now.Add(3 * time.Hour), NoInput: true}
	coord := filepath.Join(e.dir, "coord.xml")
	if err := os.WriteFile(coord, []byte(sp.xml()), 0o600); err != nil {
		e.t.Fatal(err)
	}
	ko := ""
	if kickoff != "" {
		ko = "<controls><kick-off-time>" + kickoff + "</kick-off-time></controls>"
	}
	entry := func(name string) string {
		return fmt.Sprintf(`<coordinator name="%s"><app-path>file://%s</app-path>
  <configuration><property><name>entry</name><value>%s</value></property></configuration></coordinator>`, name, coord, name)
	}
	bundle := filepath.Join(e.dir, "bundle.xml")
	data := `<bundle-app name="pipeline" xmlns="uri:oozie:bundle:0.2">` + ko + entry("a") + entry("b") + `</bundle-app>`
	if err := os.WriteFile(bundle, []byte(data), 0o600); err != nil {
		e.t.Fatal(err)
	}
	res, diags := compiler.Load([]string{bundle}, compiler.Options{})
	if diags.HasErrors() {
		e.t.Fatalf("compile: %v", diags)
	}
	b := res.Project.Bundles[0]
	var entries []BundleEntry
	for _, bc := range compiler.EnabledCoordinators(b) {
		entries = append(entries, BundleEntry{Name: bc.Name.Value, Coordinator: bc.Coordinator, Meta: Meta{AppPath: coord}})
	}
	e.lastBundle = BundleSubmission{Bundle: b, Meta: Meta{AppPath: bundle}, Params: map[string]string{"queue": "etl"}, Entries: entries}
	id, ids, err := e.s.SubmitBundle(context.Background(), e.lastBundle)
	if err != nil {
		e.t.Fatal(err)
	}
	return id, ids
}

func (e *env) bundle(id string) state.Bundle {
	e.t.Helper()
	b, err := e.store.GetBundle(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return b
}

// bundleStatuses is "bundle: coord1 coord2".
func (e *env) bundleStatuses(id string, coords []string) string {
	e.t.Helper()
	out := string(e.bundle(id).Status) + ":"
	for _, c := range coords {
		out += " " + string(e.job(c).Status)
	}
	return out
}

// TestBundleKickOff: the bundle and its coordinators stay PREP until the
// kick-off time, the tick asks to be woken then, and the bundle's status
// follows its coordinators' to SUCCEEDED.
func TestBundleKickOff(t *testing.T) {
	e := newEnv(t)
	kick := now.Add(2 * time.Hour)
	id, coords := e.submitBundle(ft(kick))
	if id != "0000001-pipeline-B" || len(coords) != 2 {
		t.Fatalf("SubmitBundle = %s, %v", id, coords)
	}
	// Submitting again finds the same jobs.
	if id2, coords2 := e.submitBundle(ft(kick)); id2 != id || !cmp.Equal(coords, coords2) {
		t.Fatalf("second submission = %s %v, want %s %v", id2, coords2, id, coords)
	}
	for i, at := range []time.Time{now, now.Add(time.Hour), kick.Add(-time.Minute)} {
		e.clock.Set(at)
		next := e.tick()
		if next.After(kick) || next.IsZero() {
			t.Fatalf("tick %d: next = %v, want at most the kick-off %v", i, next, kick)
		}
		if got := e.bundleStatuses(id, coords); got != "PREP: PREP PREP" {
			t.Fatalf("before kick-off: %s", got)
		}
		if n := e.job(coords[0]).LastActionNumber; n != 0 {
			t.Fatalf("before kick-off: %d actions materialized", n)
		}
	}
	e.clock.Set(kick)
	e.tick()
	b := e.bundle(id)
	if b.Conf != `{"queue":"etl"}` {
		t.Errorf("bundle conf %s", b.Conf)
	}
	if b.Status != state.JobRunning || !b.Start.Equal(kick) {
		t.Fatalf("at kick-off: bundle %s started %v", b.Status, b.Start)
	}
	if got := e.bundleStatuses(id, coords); got != "RUNNING: RUNNING RUNNING" {
		t.Fatalf("at kick-off: %s", got)
	}
	// The coordinators materialize from their start once kicked off.
	if got := e.statuses(coords[0]); len(got) == 0 || got[0] != "1:RUNNING" {
		t.Fatalf("at kick-off: actions %v", got)
	}
	e.clock.Set(now.Add(4 * time.Hour))
	for range 4 {
		e.tick()
		for _, c := range coords {
			for n := 1; n <= e.job(c).LastActionNumber; n++ {
				e.runner.finish(runner.Succeeded, state.ActionID(c, n))
			}
		}
	}
	if got := e.bundleStatuses(id, coords); got != "SUCCEEDED: SUCCEEDED SUCCEEDED" {
		t.Fatalf("at the end: %s", got)
	}
	acts, err := e.store.BundleActions(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range acts {
		got = append(got, a.ID+" "+a.CoordName+" "+a.CoordID+" "+string(a.Status))
	}
	want := []string{id + "_a a " + coords[0] + " SUCCEEDED", id + "_b b " + coords[1] + " SUCCEEDED"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("bundle actions (-want +got):\n%s", diff)
	}
}

// TestBundleOperations: suspend, resume, change and kill of a bundle apply
// to its coordinators; the statuses follow Oozie's bundle state machine.
func TestBundleOperations(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	kick := now.Add(time.Hour)
	id, coords := e.submitBundle(ft(kick))
	step := func(what string, err error, want string) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if got := e.bundleStatuses(id, coords); got != want {
			t.Fatalf("after %s: %s, want %s", what, got, want)
		}
	}
	step("suspend in PREP", e.s.Suspend(ctx, id), "PREPSUSPENDED: PREPSUSPENDED PREPSUSPENDED")
	e.clock.Set(kick)
	e.tick()
	step("kick-off while suspended", nil, "PREPSUSPENDED: PREPSUSPENDED PREPSUSPENDED")
	step("resume", e.s.Resume(ctx, id), "PREP: PREP PREP")
	e.tick()
	step("tick", nil, "RUNNING: RUNNING RUNNING")
	step("suspend", e.s.Suspend(ctx, id), "SUSPENDED: SUSPENDED SUSPENDED")
	if err := e.s.Suspend(ctx, id); !errors.Is(err, ErrNotEligible) {
		t.Fatalf("second suspend: %v, want ErrNotEligible", err)
	}
	e.tick()
	step("tick while suspended", nil, "SUSPENDED: SUSPENDED SUSPENDED")
	step("resume", e.s.Resume(ctx, id), "RUNNING: RUNNING RUNNING")

	end := now.Add(2 * time.Hour)
	if err := e.s.Change(ctx, id, Change{End: &end}); err != nil {
		t.Fatal(err)
	}
	for _, c := range coords {
		if got := e.job(c).End; !got.Equal(end) {
			t.Errorf("coordinator %s ends %v after the bundle's change, want %v", c, got, end)
		}
	}
	if got := e.bundle(id).End; !got.Equal(end) {
		t.Errorf("bundle end = %v, want %v", got, end)
	}
	before := kick.Add(-2 * time.Hour)
	var ce *CommandError
	if err := e.s.Change(ctx, id, Change{End: &before}); !errors.As(err, &ce) || ce.Code != E1317 {
		t.Errorf("change of the end to before the kick-off: %v, want E1317", err)
	}
	if err := e.s.Change(ctx, id, Change{Concurrency: new(int)}); !errors.As(err, &ce) || ce.Code != E1317 {
		t.Errorf("change of the concurrency: %v, want E1317", err)
	}
	pause := kick.Add(30 * time.Minute)
	if err := e.s.Change(ctx, id, Change{PauseTime: &pause}); err != nil {
		t.Fatal(err)
	}
	e.clock.Set(pause)
	e.tick()
	step("pause time reached", nil, "PAUSED: PAUSED PAUSED")
	if err := e.s.Change(ctx, id, Change{PauseTime: &time.Time{}}); err != nil {
		t.Fatal(err)
	}
	e.tick()
	step("pause time reset", nil, "RUNNING: RUNNING RUNNING")

	e.runner.finish(runner.Failed, state.ActionID(coords[0], 1))
	e.tick()
	step("a failed action", nil, "RUNNINGWITHERROR: RUNNINGWITHERROR RUNNING")
	step("kill", e.s.Kill(ctx, id), "KILLED: KILLED KILLED")
	if err := e.s.Change(ctx, id, Change{End: &end}); !errors.As(err, &ce) || ce.Code != E1317 {
		t.Errorf("change of a KILLED bundle: %v, want E1317", err)
	}
	if err := e.s.Resume(ctx, id); !errors.Is(err, ErrNotEligible) {
		t.Errorf("resume of a KILLED bundle: %v, want ErrNotEligible", err)
	}
}

// TestBundleRerun: a bundle rerun reruns the finished actions of the named
// coordinators in the date range and leaves the others alone.
func TestBundleRerun(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	id, coords := e.submitBundle("")
	if err := e.s.RerunBundle(ctx, id, BundleRerun{}, RerunOptions{}); !errors.Is(err, ErrNotEligible) {
		t.Fatalf("rerun of a PREP bundle: %v, want ErrNotEligible", err)
	}
	e.clock.Set(now.Add(4 * time.Hour))
	for range 4 {
		e.tick()
		for _, c := range coords {
			for n := 1; n <= e.job(c).LastActionNumber; n++ {
				e.runner.finish(runner.Succeeded, state.ActionID(c, n))
			}
		}
	}
	if got := e.bundleStatuses(id, coords); got != "SUCCEEDED: SUCCEEDED SUCCEEDED" {
		t.Fatalf("before the rerun: %s", got)
	}
	sel := BundleRerun{Coordinators: []string{"b"}, Dates: []DateRange{{From: now.Add(time.Hour), To: now.Add(time.Hour)}}}
	if err := e.s.RerunBundle(ctx, id, sel, RerunOptions{NoCleanup: true}); err != nil {
		t.Fatal(err)
	}
	if got := e.bundleStatuses(id, coords); got != "RUNNING: SUCCEEDED RUNNING" {
		t.Fatalf("after the rerun: %s", got)
	}
	if a := e.action(coords[1], 2); a.Status != state.Waiting || a.Run != 1 {
		t.Errorf("rerun action: %s run %d, want WAITING run 1", a.Status, a.Run)
	}
	if a := e.action(coords[0], 2); a.Run != 0 {
		t.Errorf("coordinator a's action 2 was rerun")
	}
}

// TestBundleSubmissionCompleted: a submission interrupted after the bundle
// job and one coordinator job were stored (the other entry neither
// submitted nor linked) is completed by the next one, which keeps the
// linked coordinator job.
func TestBundleSubmissionCompleted(t *testing.T) {
	e := newEnv(t)
	id, coords := e.submitBundle("")
	for _, q := range []string{`DELETE FROM bundle_actions WHERE coord_name = 'b'`, `DELETE FROM coord_jobs WHERE id = '` + coords[1] + `'`} {
		if _, err := e.store.DB().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	id2, coords2 := e.submitBundle("")
	if id2 != id || coords2[0] != coords[0] || coords2[1] == "" {
		t.Fatalf("resubmission = %s %v, want %s [%s, a new job]", id2, coords2, id, coords[0])
	}
	if j := e.job(coords2[1]); j.BundleID != id {
		t.Errorf("the new coordinator job belongs to %q", j.BundleID)
	}
	acts, err := e.store.BundleActions(context.Background(), id)
	if err != nil || len(acts) != 2 || acts[1].CoordID != coords2[1] {
		t.Errorf("bundle actions %+v, %v", acts, err)
	}
}

// TestConcurrentBundleSubmission: six schedulers on six stores (as six
// coordc apply processes on one state) submit the same bundle at once and
// get one bundle job with the same two coordinator jobs, each linked once.
func TestConcurrentBundleSubmission(t *testing.T) {
	e := newEnv(t)
	id, coords := e.submitBundle("") // writes the files; the submissions below find them
	if _, err := e.store.DB().Exec(`DELETE FROM bundle_actions`); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"coord_jobs", "bundle_jobs"} {
		if _, err := e.store.DB().Exec(`DELETE FROM ` + table); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	got := make([]string, 6)
	for i := range got {
		st, err := state.Open(e.target)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		other := &env{t: t, dir: e.dir, clock: e.clock, runner: e.runner, fs: e.fs, store: st}
		other.s = other.scheduler()
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, cs, err := other.s.SubmitBundle(context.Background(), e.lastBundle)
			if err != nil {
				t.Error(err)
				return
			}
			got[i] = b + " " + strings.Join(cs, " ")
		}()
	}
	wg.Wait()
	want := id + " " + strings.Join(coords, " ")
	for i, g := range got {
		if g != want {
			t.Errorf("submission %d: %s, want %s", i, g, want)
		}
	}
	acts, err := e.store.BundleActions(context.Background(), id)
	if err != nil || len(acts) != 2 {
		t.Errorf("bundle actions %+v, %v", acts, err)
	}
}
