package scheduler

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/state"
	"github.com/google/go-cmp/cmp"
)

// running sets up a job with action 1 RUNNING, 2 READY and 3 WAITING.
func running(t *testing.T, e *env) string {
	job := e.submit(spec{Freq: 60, Start: now.Add(-3 * time.Hour), End: now, Timeout: "-1"})
	e.fs.touch(now.Add(-3 * time.Hour))
	e.fs.touch(now.Add(-2 * time.Hour))
	e.tick()
	e.tick()
	if diff := cmp.Diff([]string{"1:RUNNING", "2:READY", "3:WAITING"}, e.statuses(job)); diff != "" {
		t.Fatalf("setup (-want +got):\n%s", diff)
	}
	return job
}

func TestKillJob(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	job := running(t, e)
	if err := e.s.Kill(ctx, job); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"1:KILLED", "2:KILLED", "3:KILLED"}, e.statuses(job)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got := e.job(job).Status; got != state.JobKilled {
		t.Errorf("job %s", got)
	}
	if diff := cmp.Diff([]string{"kill " + WorkflowID(job+"@1", 0)}, e.runner.calls); diff != "" {
		t.Errorf("runner calls (-want +got):\n%s", diff)
	}
	if a := e.action(job, 1); a.Pending {
		t.Error("pending left set after the kill went through")
	}
	if err := e.s.Kill(ctx, job); !errors.Is(err, ErrNotEligible) {
		t.Errorf("second kill: %v", err)
	}
	e.tick() // a killed job is left alone
	if got := e.job(job).Status; got != state.JobKilled {
		t.Errorf("after a tick: %s", got)
	}
}

func TestKillActions(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	job := running(t, e)
	if err := e.s.KillActions(ctx, job, Selection{Numbers: []int{1, 3}}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"1:KILLED", "2:READY", "3:KILLED"}, e.statuses(job)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got := e.job(job).Status; got != state.JobRunningWithError {
		t.Errorf("job %s, want RUNNINGWITHERROR", got)
	}
	if err := e.s.KillActions(ctx, job, Selection{Numbers: []int{1}}); !errors.Is(err, ErrNotEligible) {
		t.Errorf("killing a killed action: %v", err)
	}
	if err := e.s.KillActions(ctx, job, Selection{Numbers: []int{9}}); err == nil || !strings.Contains(err.Error(), "no action 9") {
		t.Errorf("unknown action: %v", err)
	}
}

func TestSuspendResume(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	job := running(t, e)
	if err := e.s.Suspend(ctx, job); err != nil {
		t.Fatal(err)
	}
	j := e.job(job)
	if j.Status != state.JobSuspended || !j.SuspendedTime.Equal(now) {
		t.Errorf("job %s suspended at %v", j.Status, j.SuspendedTime)
	}
	e.fs.touch(now.Add(-time.Hour))
	e.clock.Advance(time.Hour)
	e.tick() // nothing moves while suspended
	if diff := cmp.Diff([]string{"1:SUSPENDED", "2:READY", "3:WAITING"}, e.statuses(job)); diff != "" {
		t.Errorf("suspended (-want +got):\n%s", diff)
	}
	if err := e.s.Suspend(ctx, job); !errors.Is(err, ErrNotEligible) {
		t.Errorf("suspending twice: %v", err)
	}
	if err := e.s.Resume(ctx, job); err != nil {
		t.Fatal(err)
	}
	e.tick()
	if diff := cmp.Diff([]string{"1:RUNNING", "2:READY", "3:READY"}, e.statuses(job)); diff != "" {
		t.Errorf("resumed (-want +got):\n%s", diff)
	}
	w := WorkflowID(job+"@1", 0)
	if diff := cmp.Diff([]string{"suspend " + w, "resume " + w}, e.runner.calls); diff != "" {
		t.Errorf("runner calls (-want +got):\n%s", diff)
	}
	if j := e.job(job); j.Status != state.JobRunning || !j.SuspendedTime.IsZero() {
		t.Errorf("job %s suspended time %v", j.Status, j.SuspendedTime)
	}
}

func TestRerun(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	job := e.submit(spec{Freq: 60, Start: now.Add(-2 * time.Hour), End: now, NoInput: true, Concurrency: "-1"})
	e.tick()
	e.tick()
	e.runner.finish(runner.Succeeded, job+"@1")
	e.runner.finish(runner.Failed, job+"@2")
	e.tick()
	if got := e.job(job).Status; got != state.JobDoneWithError {
		t.Fatalf("job %s", got)
	}
	e.fs.paths["/out/202405011000"] = true
	dates, err := ParseDates("2024-05-01T10:00Z::2024-05-01T11:00Z")
	if err != nil {
		t.Fatal(err)
	}
	if err := e.s.Rerun(ctx, job, Selection{Dates: dates}, RerunOptions{}); err != nil {
		t.Fatal(err)
	}
	a := e.action(job, 2)
	if a.Status != state.Waiting || a.Run != 1 || a.ExternalID != "" || a.ErrorMessage != "" || !a.RerunTime.Equal(now) {
		t.Errorf("rerun action: %+v", a)
	}
	if diff := cmp.Diff([]string{"/out/202405011000", "/out/202405011100"}, e.fs.deleted); diff != "" {
		t.Errorf("deleted (-want +got):\n%s", diff)
	}
	if got := e.job(job).Status; got != state.JobRunning {
		t.Errorf("job after rerun %s, want RUNNING", got)
	}
	e.tick()
	e.runner.finish(runner.Succeeded, job+"@1", job+"@2")
	e.tick()
	if got := e.job(job).Status; got != state.JobSucceeded {
		t.Errorf("job %s, want SUCCEEDED", got)
	}
	if n := e.runner.starts[WorkflowID(job+"@2", 1)]; n != 1 {
		t.Errorf("run 1 of action 2 started %d times", n)
	}
	e.fs.deleted = nil
	if err := e.s.Rerun(ctx, job, Selection{Numbers: []int{1}}, RerunOptions{NoCleanup: true, Refresh: true}); err != nil {
		t.Fatal(err)
	}
	if len(e.fs.deleted) != 0 {
		t.Errorf("nocleanup deleted %v", e.fs.deleted)
	}
	if err := e.s.Rerun(ctx, job, Selection{Numbers: []int{1}}, RerunOptions{}); !errors.Is(err, ErrNotEligible) {
		t.Errorf("rerun of a WAITING action: %v", err)
	}
	if err := e.s.Kill(ctx, job); err != nil {
		t.Fatal(err)
	}
	if err := e.s.Rerun(ctx, job, Selection{Numbers: []int{2}}, RerunOptions{}); !errors.Is(err, ErrNotEligible) {
		t.Errorf("rerun in a KILLED job: %v", err)
	}
}

// TestCrashBetweenSubmitAndStart: a process died after READY → SUBMITTED
// (and maybe after the runner created the workflow); a new process starts
// it exactly once and records the external ID.
func TestCrashBetweenSubmitAndStart(t *testing.T) {
	for _, started := range []bool{false, true} {
		e := newEnv(t)
		job := e.submit(spec{Freq: 60, Start: now.Add(-time.Hour), End: now, NoInput: true, Concurrency: "0"})
		e.tick()
		id := job + "@1"
		if ok, err := e.store.TransitionAction(context.Background(), id, []state.ActionStatus{state.Ready}, state.Submitted, state.Fields{Pending: state.Ptr(true)}); !ok || err != nil {
			t.Fatal(ok, err)
		}
		if started {
			e.runner.Start(context.Background(), runner.Request{ActionID: id})
		}
		restarted := e.scheduler() // no memory of the first process
		if _, err := restarted.Tick(context.Background()); err != nil {
			t.Fatal(err)
		}
		a := e.action(job, 1)
		if a.Status != state.Running || a.ExternalID != WorkflowID(id, 0) || a.Pending {
			t.Errorf("started=%v: %s %q pending=%v", started, a.Status, a.ExternalID, a.Pending)
		}
		if n := e.runner.starts[WorkflowID(id, 0)]; n != 1 {
			t.Errorf("started=%v: workflow created %d times", started, n)
		}
	}
}

// TestRecoverPendingKill: a process died after marking an action KILLED
// but before the runner killed its workflow; the next process kills it.
func TestRecoverPendingKill(t *testing.T) {
	e := newEnv(t)
	job := running(t, e)
	w := WorkflowID(job+"@1", 0)
	if _, err := e.store.DB().Exec(`UPDATE coord_actions SET status = 'KILLED', pending = 1 WHERE id = ?`, job+"@1"); err != nil {
		t.Fatal(err)
	}
	restarted := e.scheduler()
	if _, err := restarted.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"kill " + w}, e.runner.calls); diff != "" {
		t.Errorf("runner calls (-want +got):\n%s", diff)
	}
	if e.action(job, 1).Pending {
		t.Error("pending not cleared")
	}
}

// TestRestartLoadsDefinition: a new process loads the job's definition from
// the database (the files stored at submission), so a definition file
// changed or deleted afterwards does not strand the job; a stored
// definition that does not match the job's hash is refused.
func TestRestartLoadsDefinition(t *testing.T) {
	e := newEnv(t)
	// Concurrency 0: nothing starts, so each tick materializes one
	// catch-up window (one action) and no more.
	c, path := e.compile(spec{Freq: 60, Start: now.Add(-2 * time.Hour), End: now, NoInput: true, Concurrency: "0"})
	job, err := e.s.Submit(context.Background(), c, Meta{AppPath: path})
	if err != nil {
		t.Fatal(err)
	}
	restarted := e.scheduler()
	if _, err := restarted.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := e.job(job).LastActionNumber; got != 1 {
		t.Errorf("restarted scheduler materialized %d actions, want 1", got)
	}
	if err := os.WriteFile(path, []byte(spec{Freq: 30, Start: now.Add(-2 * time.Hour), End: now, NoInput: true}.xml()), 0o600); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(time.Hour)
	if _, err := e.scheduler().Tick(context.Background()); err != nil {
		t.Fatalf("changed file: %v", err)
	}
	if got := e.job(job).LastActionNumber; got != 2 {
		t.Errorf("after the file changed: %d actions, want 2 (hourly, as submitted)", got)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if _, err := e.scheduler().Tick(context.Background()); err != nil {
		t.Fatalf("deleted file: %v", err)
	}
	if _, err := e.store.DB().Exec(`UPDATE coord_jobs SET definition = ? WHERE id = ?`, `{"`+path+`":"<x/>"}`, job); err != nil {
		t.Fatal(err)
	}
	_, err = e.scheduler().Tick(context.Background())
	if err == nil || !strings.Contains(err.Error(), "does not have the job's definition hash") {
		t.Errorf("tampered stored definition: %v", err)
	}
}

// TestLegacyJobLoadsFile: a job submitted before definitions were stored
// is loaded from its file, and refused once the file changed.
func TestLegacyJobLoadsFile(t *testing.T) {
	e := newEnv(t)
	// Concurrency 0: nothing starts, so each tick materializes one
	// catch-up window (one action) and no more.
	c, path := e.compile(spec{Freq: 60, Start: now.Add(-2 * time.Hour), End: now, NoInput: true, Concurrency: "0"})
	job, err := e.s.Submit(context.Background(), c, Meta{AppPath: path})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.DB().Exec(`UPDATE coord_jobs SET definition = NULL WHERE id = ?`, job); err != nil {
		t.Fatal(err)
	}
	if _, err := e.scheduler().Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(spec{Freq: 30, Start: now.Add(-2 * time.Hour), End: now, NoInput: true}.xml()), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = e.scheduler().Tick(context.Background())
	if err == nil || !strings.Contains(err.Error(), "changed since the job was submitted") {
		t.Errorf("changed definition: %v", err)
	}
}
