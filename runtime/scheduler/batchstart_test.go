package scheduler

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/state"
)

// batchRunner is a fakeRunner that is a runner.BatchStarter; it refuses
// the requests of refuse and records its batches. It runs the scheduler's
// Then in a transaction of db, which fails after it with failAfter.
type batchRunner struct {
	*fakeRunner
	db        *sql.DB
	failAfter error
	mu        sync.Mutex
	batches   [][]runner.Request
	refuse    map[string]bool // by action ID
}

func (r *batchRunner) StartAll(ctx context.Context, reqs []runner.Request, then runner.StartThen) ([]string, []error, error) {
	r.mu.Lock()
	r.batches = append(r.batches, reqs)
	r.mu.Unlock()
	ids, errs := make([]string, len(reqs)), make([]error, len(reqs))
	for i, req := range reqs {
		if r.refuse[req.ActionID] {
			errs[i] = errors.New("refused")
			continue
		}
		ids[i], errs[i] = r.fakeRunner.Start(ctx, req)
	}
	err := runnerTx(ctx, r.db, func(tx runner.Tx) error {
		return errors.Join(then(ctx, tx, ids, errs), r.failAfter)
	})
	if err != nil {
		return nil, nil, err
	}
	return ids, errs, nil
}

// TestBatchStart checks that a runner.BatchStarter gets the ready actions
// of a tick in one call, with the requests Start would get, and that its
// results become the actions' statuses (an error fails its action only).
func TestBatchStart(t *testing.T) {
	e := newEnv(t)
	r := &batchRunner{fakeRunner: e.runner, db: e.store.DB()}
	e.s.Runner = r
	job := e.submit(spec{Freq: 10, Start: now.Add(-40 * time.Minute), End: now.Add(-time.Minute), NoInput: true, Concurrency: "-1"})
	r.refuse = map[string]bool{state.ActionID(job, 3): true}
	r.failAfter = errors.New("commit failed")
	if _, err := e.s.Tick(context.Background()); !errors.Is(err, r.failAfter) {
		t.Fatalf("tick: %v, want the runner's transaction's error", err)
	}
	// The outcomes are recorded in the runner's transaction: lost with it,
	// and recorded by the next start (a Runner's start is idempotent).
	if diff := cmp.Diff([]string{"1:SUBMITTED", "2:SUBMITTED", "3:SUBMITTED", "4:SUBMITTED"}, e.statuses(job)); diff != "" {
		t.Errorf("after a failed transaction (-want +got):\n%s", diff)
	}
	r.failAfter = nil
	r.batches = nil
	e.tick()
	e.tick()
	if diff := cmp.Diff([]string{"1:RUNNING", "2:RUNNING", "3:FAILED", "4:RUNNING"}, e.statuses(job)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if len(r.batches) != 1 || len(r.batches[0]) != 4 {
		t.Fatalf("batches: %d, want one of 4 requests", len(r.batches))
	}
	if got := e.action(job, 3).ErrorMessage; got != "refused" {
		t.Errorf("action 3's error = %q", got)
	}
	for i, req := range r.batches[0] {
		a := e.action(job, i+1)
		want, err := e.s.request(e.job(job), mustCoordinator(t, e, job), a)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, req); diff != "" {
			t.Errorf("request %d (-want +got):\n%s", i+1, diff)
		}
	}
}

func mustCoordinator(t *testing.T, e *env, job string) *ir.Coordinator {
	t.Helper()
	c, err := e.s.coordinator(context.Background(), e.job(job))
	if err != nil {
		t.Fatal(err)
	}
	return c
}
