package scheduler

import (
	"context"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/state"
)

// slowRerunner is rerunRunner with during run while the workflow is being
// rerun, before the action moves.
type slowRerunner struct {
	*rerunRunner
	during func()
}

func (r *slowRerunner) Rerun(ctx context.Context, id string, conf map[string]string) error {
	if r.during != nil {
		r.during()
	}
	return r.rerunRunner.Rerun(ctx, id, conf)
}

// TestRerunWorkflowRacesTheFinishingTick: a tick that finishes the job
// (its last action ends) while a workflow of an earlier action is being
// rerun must not leave a finished job with the RUNNING action nothing
// follows: RerunWorkflow reads the job's status again under the job's
// lock, in the transaction that moves the action.
func TestRerunWorkflowRacesTheFinishingTick(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	job := e.submit(spec{Freq: 60, Start: now.Add(-2 * time.Hour), End: now, NoInput: true, Concurrency: "-1"})
	e.tick()
	e.tick()
	e.runner.finish(runner.Failed, job+"@1")
	e.tick()
	if got := e.statuses(job); len(got) != 2 || got[0] != "1:FAILED" || got[1] != "2:RUNNING" {
		t.Fatalf("setup: %v", got)
	}
	ops := e.scheduler()
	fired := false
	ops.Runner = &slowRerunner{rerunRunner: &rerunRunner{fakeRunner: e.runner}, during: func() {
		fired = true
		e.runner.finish(runner.Succeeded, job+"@2")
		e.tick()
		if j := e.job(job); j.Status != state.JobDoneWithError {
			t.Errorf("the tick during the rerun left the job %s, want DONEWITHERROR", j.Status)
		}
	}}
	if err := ops.RerunWorkflow(ctx, e.action(job, 1).ExternalID, map[string]string{"oozie.wf.rerun.failnodes": "true"}); err != nil {
		t.Fatal(err)
	}
	if !fired {
		t.Fatal("the rerun never ran")
	}
	if j, a := e.job(job), e.action(job, 1); j.Status != state.JobRunning || a.Status != state.Running {
		t.Fatalf("after the race: job %s, action 1 %s; want RUNNING, RUNNING", j.Status, a.Status)
	}
	e.runner.finish(runner.Succeeded, job+"@1")
	e.tick()
	if j, a := e.job(job), e.action(job, 1); j.Status != state.JobSucceeded || a.Status != state.Succeeded {
		t.Errorf("at the end: job %s, action 1 %s", j.Status, a.Status)
	}
}
