package scheduler

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/state"
)

// settleRunner is a fakeRunner that is a runner.Settler: Settle reports
// the results of report (by external ID) among the IDs it gets, or fails
// with err; it records the IDs of its calls and of the Checks. It runs the
// scheduler's Then in a transaction of db, which fails after it with
// failAfter.
type settleRunner struct {
	*fakeRunner
	db        *sql.DB
	report    map[string]runner.Result
	err       error
	failAfter error
	mu        sync.Mutex
	settle    [][]string
	checks    []string
}

func (r *settleRunner) Settle(ctx context.Context, ids []string, then runner.SettleThen) (map[string]runner.Result, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.settle = append(r.settle, slices.Clone(ids))
	if r.err != nil {
		return nil, r.err
	}
	ended := map[string]runner.Result{}
	for _, id := range ids {
		if res, ok := r.report[id]; ok {
			ended[id] = res
		}
	}
	err := runnerTx(ctx, r.db, func(tx runner.Tx) error {
		return errors.Join(then(ctx, tx, ended), r.failAfter)
	})
	if err != nil {
		return nil, err
	}
	return ended, nil
}

func (r *settleRunner) Check(ctx context.Context, id string) (runner.Result, error) {
	r.mu.Lock()
	r.checks = append(r.checks, id)
	r.mu.Unlock()
	return r.fakeRunner.Check(ctx, id)
}

// TestSettleReported checks that the scheduler takes the Result Settle
// reports for a workflow as Check's, without checking it (here a FAILED
// the fake's Check would not report), and checks the workflows Settle does
// not report; that it checks all when Settle fails; and that it checks a
// lone due action without Settle.
func TestSettleReported(t *testing.T) {
	reported := runner.Result{Status: runner.Failed, ErrorCode: "E0729", ErrorMessage: "reported"}
	for _, tc := range []struct {
		name    string
		actions int   // the job's actions, all running
		err     error // Settle's
		// failAfter fails Settle's transaction after the scheduler's Then
		// ran in it.
		failAfter error
		// settled and checked are the actions (by number) given to Settle
		// and checked.
		settled, checked []int
		want             []string
	}{
		{name: "reported", actions: 3, settled: []int{1, 2, 3}, checked: []int{2, 3},
			want: []string{"1:FAILED", "2:SUCCEEDED", "3:RUNNING"}},
		{name: "settle fails", actions: 3, err: errors.New("no database"), settled: []int{1, 2, 3}, checked: []int{1, 2, 3},
			want: []string{"1:RUNNING", "2:SUCCEEDED", "3:RUNNING"}},
		{name: "settle's transaction fails", actions: 3, failAfter: errors.New("commit failed"), settled: []int{1, 2, 3}, checked: []int{1, 2, 3},
			want: []string{"1:RUNNING", "2:SUCCEEDED", "3:RUNNING"}},
		{name: "one due action", actions: 1, checked: []int{1}, want: []string{"1:RUNNING"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			r := &settleRunner{fakeRunner: e.runner, db: e.store.DB()}
			e.s.Runner = r
			job := e.submit(spec{Freq: 10, Start: now.Add(-time.Duration(tc.actions) * 10 * time.Minute), End: now.Add(-time.Minute),
				NoInput: true, Concurrency: "-1"})
			e.tick()
			e.tick()
			ext := func(ns []int) []string {
				var out []string
				for _, n := range ns {
					out = append(out, e.action(job, n).ExternalID)
				}
				return out
			}
			r.report = map[string]runner.Result{e.action(job, 1).ExternalID: reported}
			r.err, r.failAfter = tc.err, tc.failAfter
			r.settle, r.checks = nil, nil
			if tc.actions > 1 {
				e.runner.finish(runner.Succeeded, state.ActionID(job, 2))
			}
			e.tick()
			var wantSettle [][]string
			if tc.settled != nil {
				wantSettle = [][]string{ext(tc.settled)}
			}
			if d := cmp.Diff(wantSettle, r.settle); d != "" {
				t.Errorf("Settle calls (-want +got):\n%s", d)
			}
			if d := cmp.Diff(ext(tc.checked), r.checks); d != "" {
				t.Errorf("Checks (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tc.want, e.statuses(job)); d != "" {
				t.Errorf("statuses (-want +got):\n%s", d)
			}
			a := e.action(job, 1)
			if a.Status == state.Failed {
				got := runner.Result{Status: runner.Status(a.ExternalStatus), ErrorCode: a.ErrorCode, ErrorMessage: a.ErrorMessage}
				if d := cmp.Diff(reported, got); d != "" {
					t.Errorf("action 1 (-want +got):\n%s", d)
				}
			}
		})
	}
}
