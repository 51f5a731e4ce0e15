package scheduler

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/state"
)

// preparingRunner is a fakeRunner that is a runner.Preparer: it records
// the requests prepared, and its Start is slow enough for Prepare to run
// ahead.
type preparingRunner struct {
	*fakeRunner
	mu       sync.Mutex
	prepared map[string]runner.Request // by workflow ID
	inFlight int
}

func (r *preparingRunner) Prepare(_ context.Context, req runner.Request) {
	r.mu.Lock()
	r.inFlight++
	r.prepared[WorkflowID(req.ActionID, req.Run)] = req
	r.mu.Unlock()
	time.Sleep(time.Millisecond)
	r.mu.Lock()
	r.inFlight--
	r.mu.Unlock()
}

func (r *preparingRunner) Start(ctx context.Context, req runner.Request) (string, error) {
	time.Sleep(50 * time.Millisecond)
	return r.fakeRunner.Start(ctx, req)
}

// TestPrepareAhead checks that a runner.Preparer is asked to prepare the
// later actions of a start batch with the very requests Start then gets,
// never the action being started, and that no Prepare outlives the tick.
func TestPrepareAhead(t *testing.T) {
	e := newEnv(t)
	r := &preparingRunner{fakeRunner: e.runner, prepared: map[string]runner.Request{}}
	e.s.Runner = r
	job := e.submit(spec{Freq: 10, Start: now.Add(-40 * time.Minute), End: now.Add(-time.Minute), NoInput: true, Concurrency: "-1"})
	e.tick()
	e.tick()
	if diff := cmp.Diff([]string{"1:RUNNING", "2:RUNNING", "3:RUNNING", "4:RUNNING"}, e.statuses(job)); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.inFlight != 0 {
		t.Errorf("%d Prepare calls still running after the tick", r.inFlight)
	}
	if len(r.prepared) == 0 {
		t.Fatal("no action was prepared")
	}
	first := WorkflowID(state.ActionID(job, 1), 0)
	if _, ok := r.prepared[first]; ok {
		t.Errorf("the first action, started at once, was prepared too")
	}
	for id, req := range r.prepared {
		if diff := cmp.Diff(r.requests[id], req); diff != "" {
			t.Errorf("%s: prepared request differs from the started one (-started +prepared):\n%s", id, diff)
		}
	}
}
