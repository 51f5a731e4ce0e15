package scheduler

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/state"
)

// rerunRunner is the fake runner with workflow reruns: a rerun makes the
// workflow RUNNING again, unless err is set.
type rerunRunner struct {
	*fakeRunner
	err   error
	confs []map[string]string
}

func (r *rerunRunner) Rerun(_ context.Context, id string, conf map[string]string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil {
		return r.err
	}
	r.confs = append(r.confs, conf)
	r.status[id] = runner.Running
	return nil
}

// TestRerunWorkflow: an ended action's workflow rerun brings the action
// and its finished job back to RUNNING until the workflow ends again; the
// runner's refusal changes nothing; a workflow found RUNNING again under an
// ended action (a crash between the two steps) is completed.
func TestRerunWorkflow(t *testing.T) {
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
	wf2 := e.action(job, 2).ExternalID
	if err := e.s.RerunWorkflow(ctx, wf2, nil); err == nil || !errors.Is(err, ErrNotEligible) {
		t.Errorf("a runner without reruns: %v", err)
	}
	rr := &rerunRunner{fakeRunner: e.runner}
	e.s.Runner = rr

	rr.err = errors.New("E0401: Missing configuration property")
	if err := e.s.RerunWorkflow(ctx, wf2, nil); err == nil || !strings.Contains(err.Error(), "E0401") {
		t.Errorf("refused rerun: %v", err)
	}
	if a := e.action(job, 2); a.Status != state.Failed {
		t.Errorf("after a refused rerun the action is %s", a.Status)
	}
	for _, bad := range []string{job + "@2-W5", job + "@9-W0", "nonsense"} {
		if err := e.s.RerunWorkflow(ctx, bad, nil); err == nil {
			t.Errorf("RerunWorkflow(%s) succeeded", bad)
		}
	}

	rr.err = nil
	if err := e.s.RerunWorkflow(ctx, wf2, map[string]string{"oozie.wf.rerun.failnodes": "true"}); err != nil {
		t.Fatal(err)
	}
	if a, j := e.action(job, 2), e.job(job); a.Status != state.Running || a.ExternalID != wf2 || a.ErrorMessage != "" || j.Status != state.JobRunning {
		t.Errorf("after the rerun: action %s %q %q, job %s", a.Status, a.ExternalID, a.ErrorMessage, j.Status)
	}
	if err := e.s.RerunWorkflow(ctx, wf2, nil); !errors.Is(err, ErrNotEligible) {
		t.Errorf("rerun of a running action: %v", err)
	}
	e.runner.finish(runner.Succeeded, job+"@2")
	e.tick()
	if a, j := e.action(job, 2), e.job(job); a.Status != state.Succeeded || j.Status != state.JobSucceeded {
		t.Errorf("after the workflow ended again: action %s, job %s", a.Status, j.Status)
	}

	// A crash after the workflow was rerun, before the action moved.
	rr.status[wf2] = runner.Running
	rr.err = errors.New("E0805: Workflow job not completed, status [RUNNING]")
	if err := e.s.RerunWorkflow(ctx, wf2, nil); err != nil {
		t.Fatalf("completing a half-done rerun: %v", err)
	}
	if a := e.action(job, 2); a.Status != state.Running {
		t.Errorf("after completing: %s", a.Status)
	}
	e.runner.finish(runner.Succeeded, job+"@2")
	e.tick()

}
