package scheduler

import (
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/state"
	"github.com/google/go-cmp/cmp"
)

// TestCatchUpToSuccess runs a job whose nominal times are all in the past
// to SUCCEEDED, one action at a time (concurrency 1, FIFO).
func TestCatchUpToSuccess(t *testing.T) {
	e := newEnv(t)
	job := e.submit(spec{Freq: 60, Start: now.Add(-3 * time.Hour), End: now.Add(-30 * time.Minute), NoInput: true})
	if got := e.job(job).Status; got != state.JobPrep {
		t.Fatalf("after submit: %s", got)
	}
	for round := 0; round < 10 && e.job(job).Status != state.JobSucceeded; round++ {
		e.tick()
		e.runner.finish(runner.Succeeded, state.ActionID(job, 1), state.ActionID(job, 2), state.ActionID(job, 3))
	}
	if diff := cmp.Diff([]string{"1:SUCCEEDED", "2:SUCCEEDED", "3:SUCCEEDED"}, e.statuses(job)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	j := e.job(job)
	if j.Status != state.JobSucceeded || !j.DoneMaterialization || j.LastActionNumber != 3 {
		t.Errorf("job %s done=%v last=%d", j.Status, j.DoneMaterialization, j.LastActionNumber)
	}
	for id, n := range e.runner.starts {
		if n != 1 {
			t.Errorf("%s started %d times", id, n)
		}
	}
	req := e.runner.requests[WorkflowID(state.ActionID(job, 2), 0)]
	if req.AppPath != "/apps/wf" || req.Conf["nominal"] != "2024-05-01T10:00Z" || req.Conf["actual"] != "2024-05-01T12:00Z" {
		t.Errorf("request %+v", req)
	}
	if next := e.tick(); !next.IsZero() {
		t.Errorf("next after the job finished = %v, want zero", next)
	}
}
