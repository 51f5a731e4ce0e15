package state

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestBatchCommit: a batch's changes are guarded as on their own, their
// results reach the callbacks only after the commit, and one failing
// change rolls back the whole batch.
func TestBatchCommit(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	job := seedJob(t, s, "batch", 3)
	var b Batch
	var got []bool
	record := func(ok bool) { got = append(got, ok) }
	b.TransitionAction(ActionID(job, 1), []ActionStatus{Waiting}, Ready, Fields{}, record)
	b.TransitionAction(ActionID(job, 2), []ActionStatus{Ready}, Submitted, Fields{}, record) // not READY: guarded
	b.TransitionAction(ActionID(job, 3), []ActionStatus{Waiting}, TimedOut, Fields{}, record)
	if len(got) != 0 || b.Len() != 3 {
		t.Fatalf("before commit: %v, %d queued", got, b.Len())
	}
	if err := s.Commit(ctx, &b); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]bool{true, false, true}, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	if b.Len() != 0 {
		t.Errorf("%d changes left after the commit", b.Len())
	}
	counts, err := s.CountByStatus(ctx, job, Waiting, Ready, TimedOut)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[ActionStatus]int{Waiting: 1, Ready: 1, TimedOut: 1}, counts); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	events, err := s.EventsOf(ctx, ActionID(job, 3))
	if err != nil {
		t.Fatal(err)
	}
	if len(events) == 0 {
		t.Errorf("no event for the TIMEDOUT action: the batch must write it in its transaction")
	}

	called := false
	b.TransitionAction(ActionID(job, 2), []ActionStatus{Waiting}, Ready, Fields{}, func(bool) { called = true })
	boom := errors.New("boom")
	b.Add(func(context.Context, *Tx) (bool, error) { return false, boom }, nil)
	if err := s.Commit(ctx, &b); !errors.Is(err, boom) {
		t.Fatalf("commit: %v, want %v", err, boom)
	}
	if called {
		t.Errorf("a callback ran for a rolled-back batch")
	}
	if a, err := s.GetAction(ctx, ActionID(job, 2)); err != nil || a.Status != Waiting {
		t.Errorf("action 2 after a rolled-back batch: %v %v, want WAITING", a.Status, err)
	}
}

// TestClaimReadyAll claims in order up to the job's concurrency.
func TestClaimReadyAll(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	job := seedJob(t, s, "claims", 4)
	for k := 1; k <= 4; k++ {
		if ok, err := s.TransitionAction(ctx, ActionID(job, k), []ActionStatus{Waiting}, Ready, Fields{}); !ok || err != nil {
			t.Fatal(ok, err)
		}
	}
	ids := []string{ActionID(job, 4), "nope", ActionID(job, 1), ActionID(job, 2), ActionID(job, 3)}
	oks, err := s.ClaimReadyAll(ctx, job, ids, 2, "me")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]bool{true, false, true, false, false}, oks); diff != "" {
		t.Errorf("claims (-want +got):\n%s", diff)
	}
	oks, err = s.ClaimReadyAll(ctx, job, []string{ActionID(job, 2), ActionID(job, 3)}, -1, "me")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]bool{true, true}, oks); diff != "" {
		t.Errorf("unlimited claims (-want +got):\n%s", diff)
	}
	a, err := s.GetAction(ctx, ActionID(job, 4))
	if err != nil || a.Status != Submitted || !a.Pending || a.Owner != "me" {
		t.Errorf("claimed action: %+v %v", a, err)
	}
}

// TestPresentOneQuery: Present reports exactly the statuses in use.
func TestPresentOneQuery(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	job := seedJob(t, s, "present", 3)
	if ok, err := s.TransitionAction(ctx, ActionID(job, 2), []ActionStatus{Waiting}, TimedOut, Fields{}); !ok || err != nil {
		t.Fatal(ok, err)
	}
	got, err := s.Present(ctx, job)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[ActionStatus]bool{Waiting: true, TimedOut: true}, got); diff != "" {
		t.Errorf("present (-want +got):\n%s", diff)
	}
	got, err = s.Present(ctx, "no-such-job")
	if err != nil || len(got) != 0 {
		t.Errorf("present of an unknown job: %v %v", got, err)
	}
}

// TestPendingCalls reads only pending actions in the statuses, across jobs.
func TestPendingCalls(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a, b := seedJob(t, s, "a", 2), seedJob(t, s, "b", 2)
	for _, id := range []string{ActionID(b, 2), ActionID(a, 1), ActionID(a, 2)} {
		if ok, err := s.TransitionAction(ctx, id, []ActionStatus{Waiting}, Killed, Fields{Pending: Ptr(id != ActionID(a, 2))}); !ok || err != nil {
			t.Fatal(ok, err)
		}
	}
	acts, err := s.PendingCalls(ctx, Killed, Running)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range acts {
		got = append(got, x.ID)
	}
	if diff := cmp.Diff([]string{ActionID(a, 1), ActionID(b, 2)}, got); diff != "" {
		t.Errorf("pending calls (-want +got):\n%s", diff)
	}
}

// TestBatchSLASummaries: a batch reads once which of its actions have an
// SLA summary; the others skip the summary's update, and those that have
// one are updated as a change on its own updates them.
func TestBatchSLASummaries(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	job := seedJob(t, s, "slabatch", 4)
	for _, i := range []int{2, 4} {
		reg := SLA{ID: ActionID(job, i), ParentID: job, AppName: "slabatch", AppType: AppCoordAction, Nominal: t0,
			ExpectedEnd: t0.Add(time.Hour), ExpectedDuration: -1, AlertEvents: "END_MISS", Config: "{}", JobStatus: "WAITING"}
		if err := s.Tx(ctx, func(tx *Tx) error { _, err := tx.RegisterSLA(ctx, reg); return err }); err != nil {
			t.Fatal(err)
		}
	}
	var ops []batchOp
	for i := 1; i <= 4; i++ {
		ops = append(ops, batchOp{action: &actionTransition{id: ActionID(job, i)}})
	}
	var slaless map[string]bool
	if err := s.Tx(ctx, func(tx *Tx) error {
		err := tx.noteSLALess(ctx, ops)
		slaless = tx.slaless
		return err
	}); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{ActionID(job, 1): true, ActionID(job, 3): true}
	if s.backend == PostgreSQL {
		want = nil // the change's own statement updates the summary
	}
	if diff := cmp.Diff(want, slaless); diff != "" {
		t.Errorf("actions without a summary (-want +got):\n%s", diff)
	}

	for _, step := range [][2]ActionStatus{{Waiting, Ready}, {Ready, Submitted}, {Submitted, Running}} {
		var b Batch
		for i := 1; i <= 4; i++ {
			b.TransitionAction(ActionID(job, i), []ActionStatus{step[0]}, step[1], Fields{}, nil)
		}
		if err := s.Commit(ctx, &b); err != nil {
			t.Fatal(err)
		}
	}
	for _, i := range []int{2, 4} {
		got, err := s.GetSLA(ctx, ActionID(job, i))
		if err != nil || got.JobStatus != string(Running) || got.ActualStart != t0 {
			t.Errorf("summary of action %d: status %q, actual start %v, %v; want RUNNING since %v", i, got.JobStatus, got.ActualStart, err, t0)
		}
	}
	counts, err := s.CountByStatus(ctx, job, Running)
	if err != nil || counts[Running] != 4 {
		t.Errorf("running: %v %v, want 4", counts, err)
	}
}

// TestCountByStatus: one statement counts every status asked for, a
// status without actions counting 0, and nothing else.
func TestCountByStatus(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	job := seedJob(t, s, "counts", 4)
	var b Batch
	b.TransitionAction(ActionID(job, 1), []ActionStatus{Waiting}, Ready, Fields{}, nil)
	b.TransitionAction(ActionID(job, 2), []ActionStatus{Waiting}, Ready, Fields{}, nil)
	if err := s.Commit(ctx, &b); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		statuses []ActionStatus
		want     map[ActionStatus]int
	}{
		{nil, map[ActionStatus]int{}},
		{[]ActionStatus{Ready}, map[ActionStatus]int{Ready: 2}},
		{[]ActionStatus{Waiting, Ready, Running}, map[ActionStatus]int{Waiting: 2, Ready: 2, Running: 0}},
		{[]ActionStatus{Succeeded, Killed}, map[ActionStatus]int{Succeeded: 0, Killed: 0}},
	} {
		got, err := s.CountByStatus(ctx, job, tc.statuses...)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("CountByStatus(%v) (-want +got):\n%s", tc.statuses, diff)
		}
	}
}

// TestTxApply: a batch applied in a transaction changes what the
// transaction reads at once, and its callbacks run only once the
// transaction is committed, never when it is rolled back.
func TestTxApply(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	job := seedJob(t, s, "apply", 2)
	for _, commit := range []bool{false, true} {
		var b Batch
		called := false
		b.TransitionAction(ActionID(job, 1), []ActionStatus{Waiting}, Ready, Fields{}, func(ok bool) { called = ok })
		boom := errors.New("boom")
		err := s.Tx(ctx, func(tx *Tx) error {
			if err := tx.Apply(ctx, &b); err != nil {
				return err
			}
			if b.Len() != 0 {
				t.Errorf("%d changes left after Apply", b.Len())
			}
			if called {
				t.Error("a callback ran before the commit")
			}
			if a, err := tx.GetAction(ctx, ActionID(job, 1)); err != nil || a.Status != Ready {
				t.Errorf("in the transaction: %v %v, want READY", a.Status, err)
			}
			if !commit {
				return boom
			}
			return nil
		})
		want := Waiting
		if commit {
			want = Ready
		}
		if a, _ := s.GetAction(ctx, ActionID(job, 1)); a.Status != want || called != commit || (err != nil) == commit {
			t.Errorf("commit %v: action %s, callback %v, error %v", commit, a.Status, called, err)
		}
	}
}
