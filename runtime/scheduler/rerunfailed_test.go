package scheduler

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/state"
)

// rerunningRunner is a fakeRunner that reruns ended workflows in place.
type rerunningRunner struct {
	*fakeRunner
	reruns map[string][]map[string]string // the conf of each rerun, by workflow ID
}

func (r *rerunningRunner) Rerun(_ context.Context, id string, conf map[string]string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	st, ok := r.status[id]
	if !ok || !st.Terminal() {
		return errors.New("E0805: Workflow job not completed")
	}
	r.status[id] = runner.Running
	r.reruns[id] = append(r.reruns[id], conf)
	return nil
}

// TestRerunFailed: `rerun --failed` (Oozie's -rerun -failed) sends the
// selected ended actions back to WAITING with their workflow job kept;
// their start reruns that job in place with oozie.wf.rerun.failnodes=true
// (no new workflow), once even when a process dies after the rerun and
// before recording it; an action that never had a workflow starts one; a
// runner that cannot rerun in place is refused.
func TestRerunFailed(t *testing.T) {
	e := newEnv(t)
	rr := &rerunningRunner{fakeRunner: e.runner, reruns: map[string][]map[string]string{}}
	e.s.Runner = rr
	ctx := context.Background()
	job := e.submit(spec{Freq: 60, Start: now.Add(-3 * time.Hour), End: now, NoInput: true, Concurrency: "-1"})
	e.tick()
	e.tick()
	e.runner.finish(runner.Succeeded, job+"@1")
	e.runner.finish(runner.Failed, job+"@2")
	e.force(job, 3, state.Failed, "") // failed before a workflow existed
	e.tick()
	wf2 := WorkflowID(job+"@2", 0)
	if err := e.s.Rerun(ctx, job, Selection{Numbers: []int{2, 3}}, RerunOptions{Failed: true, NoCleanup: true}); err != nil {
		t.Fatal(err)
	}
	a := e.action(job, 2)
	if a.Status != state.Waiting || a.ExternalID != wf2 || a.Run != 0 || !a.RerunTime.Equal(now) || a.ErrorMessage != "" {
		t.Errorf("action 2 after rerun --failed: %+v", a)
	}
	e.tick()
	e.tick()
	a = e.action(job, 2)
	if a.Status != state.Running || a.ExternalID != wf2 {
		t.Errorf("action 2 started: %s %q, want RUNNING %s", a.Status, a.ExternalID, wf2)
	}
	if got := rr.reruns[wf2]; len(got) != 1 || got[0][failNodesProperty] != "true" || got[0]["nominal"] == "" {
		t.Errorf("reruns of %s: %v, want one with %s=true and the action's configuration", wf2, got, failNodesProperty)
	}
	if n := e.runner.starts[WorkflowID(job+"@2", 1)]; n != 0 {
		t.Errorf("a new workflow was started for action 2")
	}
	if a3 := e.action(job, 3); a3.Status != state.Running || a3.ExternalID != WorkflowID(job+"@3", 1) {
		t.Errorf("action 3 (no workflow before): %s %q, want a new workflow", a3.Status, a3.ExternalID)
	}
	e.runner.finish(runner.Succeeded, job+"@2", job+"@3")
	e.tick()
	if got := e.action(job, 2).Status; got != state.Succeeded {
		t.Errorf("action 2 after its rerun succeeded: %s", got)
	}

	// A process that died after the runner reran the workflow and before
	// recording RUNNING: the next start follows the running rerun.
	if err := e.s.Rerun(ctx, job, Selection{Numbers: []int{2}}, RerunOptions{Failed: true, NoCleanup: true}); err != nil {
		t.Fatal(err)
	}
	e.tick()                              // WAITING → READY → SUBMITTED → RUNNING, one rerun
	e.force(job, 2, state.Submitted, wf2) // as if the crash came before RUNNING was recorded
	restarted := e.scheduler()
	restarted.Runner = rr
	if _, err := restarted.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if a := e.action(job, 2); a.Status != state.Running || a.ExternalID != wf2 {
		t.Errorf("after the crash: %s %q", a.Status, a.ExternalID)
	}
	if n := len(rr.reruns[wf2]); n != 2 {
		t.Errorf("%s rerun %d times, want 2 (one per rerun --failed)", wf2, n)
	}

	plain := newEnv(t)
	pj := plain.submit(spec{Freq: 60, Start: now.Add(-time.Hour), End: now, NoInput: true})
	plain.tick()
	plain.runner.finish(runner.Failed, pj+"@1")
	plain.tick()
	if err := plain.s.Rerun(ctx, pj, Selection{Numbers: []int{1}}, RerunOptions{Failed: true}); !errors.Is(err, ErrNotEligible) {
		t.Errorf("rerun --failed with a runner that cannot rerun in place: %v", err)
	}
}
