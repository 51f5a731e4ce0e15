package scheduler

import (
	"context"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/state"
)

// TestRerunRacesTheFinishingTick: a rerun committed while a tick is
// finishing the job — after the tick read that every action is finished,
// before it wrote SUCCEEDED — must leave the job RUNNING with the rerun
// action to run, never a SUCCEEDED job with a WAITING action that nothing
// will ever start. (The window is forced with beforeTransitWrite; the
// rerun comes from another scheduler, as `coordc rerun` does.)
func TestRerunRacesTheFinishingTick(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	job := e.submit(spec{Freq: 60, Start: now.Add(-2 * time.Hour), End: now, NoInput: true, Concurrency: "-1"})
	e.tick()
	e.tick()
	e.runner.finish(runner.Succeeded, job+"@1")
	e.tick()
	if got := e.statuses(job); len(got) != 2 || got[0] != "1:SUCCEEDED" || got[1] != "2:RUNNING" {
		t.Fatalf("setup: %v", got)
	}
	ops := e.scheduler()
	fired := false
	beforeTransitWrite = func() {
		if fired || e.action(job, 2).Status != state.Succeeded {
			return
		}
		fired = true
		if err := ops.Rerun(ctx, job, Selection{Numbers: []int{1}}, RerunOptions{NoCleanup: true}); err != nil {
			t.Errorf("rerun: %v", err)
		}
	}
	t.Cleanup(func() { beforeTransitWrite = nil })
	e.runner.finish(runner.Succeeded, job+"@2")
	e.tick()
	if !fired {
		t.Fatal("the tick never decided to finish the job")
	}
	beforeTransitWrite = nil
	if j, a := e.job(job), e.action(job, 1); j.Status != state.JobRunning || a.Status != state.Waiting || a.Run != 1 {
		t.Fatalf("after the race: job %s, action 1 %s run %d; want RUNNING, WAITING run 1", j.Status, a.Status, a.Run)
	}
	// The rerun runs and the job finishes again.
	e.tick()
	e.runner.finish(runner.Succeeded, job+"@1")
	e.tick()
	e.tick()
	if j, a := e.job(job), e.action(job, 1); j.Status != state.JobSucceeded || a.Status != state.Succeeded {
		t.Errorf("at the end: job %s, action 1 %s", j.Status, a.Status)
	}
}
