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
// (read first, so it ends a pipeline), an allowed transition of another
// job, and a change that is not a transition.
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
	}
}

// TestPipelineSameAsOneByOne: a batch committed at once (pipelined on
// PostgreSQL) leaves the same actions, events and results as the same
// changes made one by one in one transaction.
func TestPipelineSameAsOneByOne(t *testing.T) {
	ctx := context.Background()
	type outcome struct {
		OKs     []bool
		Actions []Action
		Events  []Event
		SLAs    []SLA
	}
	run := func(batched bool) outcome {
		s := openTest(t)
		jobA, jobB := seedJob(t, s, "pipe-a", 3), seedJob(t, s, "pipe-b", 3)
		for _, job := range []string{jobA, jobB} {
			for k := 1; k <= 3; k++ {
				reg := SLA{ID: ActionID(job, k), ParentID: job, AppName: job, AppType: AppCoordAction, Nominal: t0,
					ExpectedEnd: t0.Add(time.Hour), ExpectedDuration: -1, AlertEvents: "END_MISS", Config: "{}", JobStatus: "WAITING"}
				if err := s.Tx(ctx, func(tx *Tx) error { _, err := tx.RegisterSLA(ctx, reg); return err }); err != nil {
					t.Fatal(err)
				}
			}
		}
		changes := pipelineCase(jobA, jobB)
		oks := make([]bool, len(changes))
		var b Batch
		for i, c := range changes {
			if batched {
				b.TransitionAction(c.id, c.from, c.to, c.set, func(ok bool) { oks[i] = ok })
			}
			if i == 4 { // a change that is not a transition, between two
				b.Add(func(ctx context.Context, tx *Tx) (bool, error) {
					return tx.TransitionJob(ctx, jobB, []JobStatus{JobRunning}, JobSuspended, JobFields{})
				}, nil)
			}
		}
		var err error
		if batched {
			err = s.Commit(ctx, &b)
		} else {
			err = s.Tx(ctx, func(tx *Tx) error {
				for i, c := range changes {
					var err error
					if oks[i], err = tx.TransitionAction(ctx, c.id, c.from, c.to, c.set); err != nil {
						return err
					}
					if i == 4 {
						if _, err := tx.TransitionJob(ctx, jobB, []JobStatus{JobRunning}, JobSuspended, JobFields{}); err != nil {
							return err
						}
					}
				}
				return nil
			})
		}
		if err != nil {
			t.Fatalf("batched %v: %v", batched, err)
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
		if j, err := s.GetJob(ctx, jobB); err != nil || j.Status != JobSuspended {
			t.Errorf("batched %v: job %s: %v %v, want SUSPENDED", batched, jobB, j.Status, err)
		}
		return out
	}
	want, got := run(false), run(true)
	if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(Event{}, "ID")); diff != "" {
		t.Errorf("batch vs one by one (-one by one +batch):\n%s", diff)
	}
	if len(got.Events) != 4 { // TIMEDOUT, RUNNING, FAILED, SUCCEEDED
		t.Errorf("%d events, want 4", len(got.Events))
	}
}

// TestPipelineFailedStatement: a statement that fails in a pipeline fails
// the commit with the error the same change returns on its own, rolls back
// the changes before it and runs no callback.
func TestPipelineFailedStatement(t *testing.T) {
	if !statetest.Postgres() {
		t.Skip("SQLite does not enforce VARCHAR lengths; the pipeline is PostgreSQL's")
	}
	s := openTest(t)
	ctx := context.Background()
	job := seedJob(t, s, "pipe-fail", 3)
	tooLong := Fields{ErrorCode: Ptr(strings.Repeat("E", 100))} // error_code is VARCHAR(64)
	_, want := s.TransitionAction(ctx, ActionID(job, 2), []ActionStatus{Waiting}, Failed, tooLong)
	if want == nil {
		t.Fatal("a 100-character error code was stored in VARCHAR(64)")
	}
	called := false
	var b Batch
	b.TransitionAction(ActionID(job, 1), []ActionStatus{Waiting}, Ready, Fields{}, func(bool) { called = true })
	b.TransitionAction(ActionID(job, 3), []ActionStatus{Waiting}, TimedOut, Fields{}, func(bool) { called = true })
	b.TransitionAction(ActionID(job, 2), []ActionStatus{Waiting}, Failed, tooLong, func(bool) { called = true })
	b.TransitionAction(ActionID(job, 3), []ActionStatus{TimedOut}, Ignored, Fields{}, func(bool) { called = true })
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
