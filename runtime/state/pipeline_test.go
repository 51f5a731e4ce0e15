package state

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/state/statetest"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// pipelineCase is a mix of changes a tick may group: transitions with and
// without events, guarded misses, a field update of the current status
// (read first one by one), of another job, of an action in a status
// forced without its SLA start, and of an unknown action.
func pipelineCase(jobA, jobB string) []actionTransition {
	return []actionTransition{
		{id: ActionID(jobA, 1), from: []ActionStatus{Waiting}, to: Ready, set: Fields{RunConf: Ptr(`{"a":1}`)}},
		{id: ActionID(jobA, 2), from: []ActionStatus{Waiting}, to: Waiting, set: Fields{MissingDependencies: Ptr("hdfs://x/_SUCCESS")}},
		{id: ActionID(jobA, 3), from: []ActionStatus{Waiting}, to: TimedOut, set: Fields{}},
		{id: ActionID(jobA, 1), from: []ActionStatus{Ready}, to: Submitted, set: Fields{Pending: Ptr(true), Owner: Ptr("me")}},
		{id: ActionID(jobA, 2), from: []ActionStatus{Ready}, to: Submitted, set: Fields{}}, // guarded: WAITING
		{id: ActionID(jobA, 1), from: []ActionStatus{Submitted}, to: Running, set: Fields{ExternalID: Ptr("wf-1"), Pending: Ptr(false)}},
		{id: ActionID(jobB, 1), from: []ActionStatus{Waiting}, to: Failed, set: Fields{ErrorCode: Ptr("EL_ERROR"), ErrorMessage: Ptr("bad <EL> & more")}},
		{id: ActionID(jobA, 1), from: []ActionStatus{Running}, to: Running, set: Fields{ExternalStatus: Ptr("RUNNING")}},
		{id: ActionID(jobA, 1), from: []ActionStatus{Running}, to: Succeeded, set: Fields{ExternalStatus: Ptr("SUCCEEDED")}},
		{id: ActionID(jobB, 2), from: []ActionStatus{Running, Suspended}, to: Killed, set: Fields{}}, // guarded: WAITING
		{id: ActionID(jobB, 3), from: []ActionStatus{Waiting}, to: Ready, set: Fields{}},
		{id: "no-such-job@1", from: []ActionStatus{Waiting}, to: Killed, set: Fields{}},
		// RUNNING (forced) and kept: its SLA summary must not record a start
		{id: ActionID(jobB, 4), from: []ActionStatus{Running, Suspended}, to: Running, set: Fields{ExternalStatus: Ptr("RUNNING")}},
		{id: ActionID(jobB, 1), from: []ActionStatus{Failed}, to: Failed, set: Fields{ErrorMessage: Ptr("again")}},
	}
}

// TestPipelineSameAsOneByOne: a batch committed at once (pipelined on
// PostgreSQL: in its own transaction when it holds only transitions that
// pipelines make, in Store.Tx otherwise) leaves the same actions, events,
// SLA summaries and results as the same changes made one by one in one
// transaction.
func TestPipelineSameAsOneByOne(t *testing.T) {
	ctx := context.Background()
	type outcome struct {
		OKs     []bool
		Actions []Action
		Events  []Event
		SLAs    []SLA
	}
	const (
		oneByOne = iota
		batched
		batchedWithJobChange // a change that is not a transition, among them
	)
	run := func(mode int) outcome {
		s := openTest(t)
		jobA, jobB := seedJob(t, s, "pipe-a", 4), seedJob(t, s, "pipe-b", 4)
		force(t, s, ActionID(jobB, 4), Running)
		for _, job := range []string{jobA, jobB} {
			for k := 1; k <= 4; k++ {
				reg := SLA{ID: ActionID(job, k), ParentID: job, AppName: job, AppType: AppCoordAction, Nominal: t0,
					ExpectedEnd: t0.Add(time.Hour), ExpectedDuration: -1, AlertEvents: "END_MISS", Config: "{}", JobStatus: "WAITING"}
				if err := s.Tx(ctx, func(tx *Tx) error { _, err := tx.RegisterSLA(ctx, reg); return err }); err != nil {
					t.Fatal(err)
				}
			}
		}
		changes := pipelineCase(jobA, jobB)
		oks := make([]bool, len(changes))
		suspend := func(ctx context.Context, tx *Tx) (bool, error) {
			return tx.TransitionJob(ctx, jobB, []JobStatus{JobRunning}, JobSuspended, JobFields{})
		}
		var err error
		if mode == oneByOne {
			err = s.Tx(ctx, func(tx *Tx) error {
				for i, c := range changes {
					var err error
					if oks[i], err = tx.TransitionAction(ctx, c.id, c.from, c.to, c.set); err != nil {
						return err
					}
					if i == 4 {
						if _, err := suspend(ctx, tx); err != nil {
							return err
						}
					}
				}
				return nil
			})
		} else {
			var b Batch
			for i, c := range changes {
				b.TransitionAction(c.id, c.from, c.to, c.set, func(ok bool) { oks[i] = ok })
				if i == 4 && mode == batchedWithJobChange {
					b.Add(suspend, nil)
				}
			}
			err = s.Commit(ctx, &b)
		}
		if err != nil {
			t.Fatalf("mode %d: %v", mode, err)
		}
		out := outcome{OKs: oks}
		for _, job := range []string{jobA, jobB} {
			acts, err := s.ActionsByStatus(ctx, job, ActionStatuses, OldestFirst, 0)
			if err != nil {
				t.Fatal(err)
			}
			out.Actions = append(out.Actions, acts...)
			for _, a := range acts {
				evs, err := s.EventsOf(ctx, a.ID)
				if err != nil {
					t.Fatal(err)
				}
				out.Events = append(out.Events, evs...)
				sla, err := s.GetSLA(ctx, a.ID)
				if err != nil {
					t.Fatal(err)
				}
				out.SLAs = append(out.SLAs, sla)
			}
		}
		return out
	}
	want := run(oneByOne)
	if got := run(batchedWithJobChange); !cmp.Equal(want, got, cmpopts.IgnoreFields(Event{}, "ID")) {
		t.Errorf("batch with a job change vs one by one (-one by one +batch):\n%s", cmp.Diff(want, got, cmpopts.IgnoreFields(Event{}, "ID")))
	}
	if len(want.Events) != 4 { // TIMEDOUT, RUNNING, FAILED, SUCCEEDED
		t.Errorf("%d events, want 4", len(want.Events))
	}
	// Only transitions: on PostgreSQL the batch is a transaction of the
	// pipelines' own.
	got := run(batched)
	if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(Event{}, "ID")); diff != "" {
		t.Errorf("batch of transitions vs one by one (-one by one +batch):\n%s", diff)
	}
}

// TestPipelineFailedStatement: a statement that fails in a pipeline fails
// the commit with the error the same change returns on its own, rolls back
// the changes before it and runs no callback; the store goes on working.
func TestPipelineFailedStatement(t *testing.T) {
	if !statetest.Postgres() {
		t.Skip("SQLite does not enforce VARCHAR lengths; the pipeline is PostgreSQL's")
	}
	ctx := context.Background()
	tooLong := Fields{ErrorCode: Ptr(strings.Repeat("E", 100))} // error_code is VARCHAR(64)
	for _, tc := range []struct {
		name   string
		failTo ActionStatus // action 2 fails to move from WAITING to failTo
		batch  func(b *Batch, job string, done func(bool))
	}{
		{"transitions with events", Failed, func(b *Batch, job string, done func(bool)) {
			b.TransitionAction(ActionID(job, 1), []ActionStatus{Waiting}, Ready, Fields{}, done)
			b.TransitionAction(ActionID(job, 3), []ActionStatus{Waiting}, TimedOut, Fields{}, done)
			b.TransitionAction(ActionID(job, 2), []ActionStatus{Waiting}, Failed, tooLong, done)
			b.TransitionAction(ActionID(job, 3), []ActionStatus{TimedOut}, Ignored, Fields{}, done)
		}},
		{"transitions without events", Ready, func(b *Batch, job string, done func(bool)) {
			b.TransitionAction(ActionID(job, 1), []ActionStatus{Waiting}, Ready, Fields{}, done)
			b.TransitionAction(ActionID(job, 2), []ActionStatus{Waiting}, Ready, tooLong, done)
			b.TransitionAction(ActionID(job, 3), []ActionStatus{Waiting}, Ready, Fields{}, done)
		}},
		{"in a transaction with other changes", Failed, func(b *Batch, job string, done func(bool)) {
			b.Add(func(context.Context, *Tx) (bool, error) { return true, nil }, done)
			b.TransitionAction(ActionID(job, 3), []ActionStatus{Waiting}, TimedOut, Fields{}, done)
			b.TransitionAction(ActionID(job, 2), []ActionStatus{Waiting}, Failed, tooLong, done)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openTest(t)
			job := seedJob(t, s, "pipe-fail", 3)
			var want error
			s.Tx(ctx, func(tx *Tx) error {
				_, want = tx.TransitionAction(ctx, ActionID(job, 2), []ActionStatus{Waiting}, tc.failTo, tooLong)
				return want
			})
			if want == nil {
				t.Fatal("a 100-character error code was stored in VARCHAR(64)")
			}
			called := false
			var b Batch
			tc.batch(&b, job, func(bool) { called = true })
			err := s.Commit(ctx, &b)
			if err == nil || err.Error() != want.Error() {
				t.Fatalf("commit: %v\nwant the error of the change on its own: %v", err, want)
			}
			if called {
				t.Errorf("a callback ran for a failed batch")
			}
			counts, err := s.CountByStatus(ctx, job, Waiting)
			if err != nil || counts[Waiting] != 3 {
				t.Errorf("after a failed batch: %v WAITING (%v), want 3", counts[Waiting], err)
			}
			if evs, err := s.EventsOf(ctx, ActionID(job, 3)); err != nil || len(evs) != 0 {
				t.Errorf("events of a rolled-back change: %v %v", evs, err)
			}
			for range 2 * postgresConns { // every connection of the pool is usable
				if ok, err := s.TransitionAction(ctx, ActionID(job, 1), []ActionStatus{Waiting}, Waiting, Fields{}); !ok || err != nil {
					t.Fatalf("after a failed batch: %v %v", ok, err)
				}
			}
		})
	}
}

// TestPipelineDisallowedTransition: a transition the state machine does
// not allow fails the commit with the same error in a batch as on its own.
func TestPipelineDisallowedTransition(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	job := seedJob(t, s, "pipe-bad", 2)
	_, want := s.TransitionAction(ctx, ActionID(job, 2), []ActionStatus{Waiting}, Succeeded, Fields{})
	if want == nil {
		t.Fatal("WAITING → SUCCEEDED was allowed")
	}
	var b Batch
	b.TransitionAction(ActionID(job, 1), []ActionStatus{Waiting}, Ready, Fields{}, nil)
	b.TransitionAction(ActionID(job, 2), []ActionStatus{Waiting}, Succeeded, Fields{}, nil)
	if err := s.Commit(ctx, &b); err == nil || err.Error() != want.Error() {
		t.Fatalf("commit: %v, want %v", err, want)
	}
	if a, err := s.GetAction(ctx, ActionID(job, 1)); err != nil || a.Status != Waiting {
		t.Errorf("action 1 after a failed batch: %v %v, want WAITING", a.Status, err)
	}
}
