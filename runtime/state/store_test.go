package state

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/clock/clocktest"
	"github.com/coordc/coordc/runtime/state/statetest"

	"github.com/google/go-cmp/cmp"
)

func TestCreateJobIDs(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	var got []string
	for _, name := range []string{"daily-logs", "Hourly Roll-up!", "", "日志"} {
		id, err := s.CreateJob(ctx, testJob(name))
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, id)
	}
	// A gap (a deleted job) does not reuse numbers: the sequence continues
	// from the highest one.
	if _, err := s.DB().Exec(`DELETE FROM coord_jobs WHERE id = ?`, got[1]); err != nil {
		t.Fatal(err)
	}
	id, err := s.CreateJob(ctx, testJob(strings.Repeat("very-long-name-", 10)))
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, id)
	want := []string{"0000001-daily-logs-C", "0000002-hourly-roll-up-C", "0000003-coord-C", "0000004-ri-zhi-C",
		"0000005-very-long-name-very-long-name-very-long-name-very-long-C"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("job IDs (-want +got):\n%s", diff)
	}
	j, err := s.GetJob(ctx, got[0])
	if err != nil {
		t.Fatal(err)
	}
	wantJob := testJob("daily-logs")
	wantJob.ID, wantJob.Status, wantJob.NextMatdTime, wantJob.Created, wantJob.LastModified = got[0], JobPrep, t0, t0, t0
	if diff := cmp.Diff(wantJob, j); diff != "" {
		t.Errorf("stored job (-want +got):\n%s", diff)
	}
	if _, err := s.GetJob(ctx, "0000099-x-C"); !errors.Is(err, ErrNotFound) {
		t.Errorf("GetJob(unknown) = %v, want ErrNotFound", err)
	}
}

func TestListJobs(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a := seedJob(t, s, "a", 1)
	b, err := s.CreateJob(ctx, testJob("b"))
	if err != nil {
		t.Fatal(err)
	}
	ids := func(jobs []Job, err error) []string {
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, j := range jobs {
			out = append(out, j.ID)
		}
		return out
	}
	for _, c := range []struct {
		statuses []JobStatus
		want     []string
	}{
		{nil, []string{a, b}},
		{[]JobStatus{JobPrep}, []string{b}},
		{[]JobStatus{JobRunning, JobPrep}, []string{a, b}},
		{[]JobStatus{JobKilled}, nil},
	} {
		if diff := cmp.Diff(c.want, ids(s.ListJobs(ctx, c.statuses...))); diff != "" {
			t.Errorf("ListJobs(%v) (-want +got):\n%s", c.statuses, diff)
		}
	}
}

func TestMaterialize(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	id, err := s.CreateJob(ctx, testJob("m"))
	if err != nil {
		t.Fatal(err)
	}
	next := t0.Add(2 * time.Hour)
	ok, err := s.Materialize(ctx, Materialization{JobID: id, Running: true, NextMatdTime: next, Actions: []NewAction{
		{Number: 1, Nominal: t0, Timeout: 10, ActionJSON: `{"n":1}`},
		{Number: 2, Nominal: t0.Add(time.Hour), Timeout: 10, ActionJSON: `{"n":2}`},
	}})
	if err != nil || !ok {
		t.Fatalf("Materialize = %v, %v", ok, err)
	}
	j, _ := s.GetJob(ctx, id)
	if j.Status != JobRunning || j.LastActionNumber != 2 || !j.NextMatdTime.Equal(next) || j.DoneMaterialization {
		t.Errorf("job after materialization: %+v", j)
	}
	a, err := s.GetAction(ctx, ActionID(id, 2))
	if err != nil {
		t.Fatal(err)
	}
	want := Action{ID: id + "@2", JobID: id, Number: 2, Nominal: t0.Add(time.Hour), Status: Waiting, Created: t0,
		LastModified: t0, Timeout: 10, ActionJSON: `{"n":2}`}
	if diff := cmp.Diff(want, a); diff != "" {
		t.Errorf("action (-want +got):\n%s", diff)
	}
	// A stale run (computed from last_action_number 0) is dropped.
	ok, err = s.Materialize(ctx, Materialization{JobID: id, Actions: []NewAction{{Number: 1, Nominal: t0, ActionJSON: "{}"}}})
	if ok || err != nil {
		t.Errorf("stale Materialize = %v, %v; want dropped", ok, err)
	}
	// A duplicate nominal time violates UNIQUE (job_id, nominal_time): the
	// whole run rolls back, the job is unchanged.
	_, err = s.Materialize(ctx, Materialization{JobID: id, ExpectLast: 2, Done: true, Actions: []NewAction{
		{Number: 3, Nominal: t0.Add(2 * time.Hour), ActionJSON: "{}"},
		{Number: 4, Nominal: t0, ActionJSON: "{}"},
	}})
	if err == nil {
		t.Fatal("duplicate nominal time accepted")
	}
	j, _ = s.GetJob(ctx, id)
	n, _ := s.CountByStatus(ctx, id, Waiting)
	if j.LastActionNumber != 2 || j.DoneMaterialization || n[Waiting] != 2 {
		t.Errorf("after a failed run: last=%d done=%v waiting=%d, want 2 false 2", j.LastActionNumber, j.DoneMaterialization, n[Waiting])
	}
	if _, err := s.GetAction(ctx, id+"@9"); !errors.Is(err, ErrNotFound) {
		t.Errorf("GetAction(unknown) = %v, want ErrNotFound", err)
	}
}

func TestActionQueries(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	job := seedJob(t, s, "q", 6)
	for n, st := range map[int]ActionStatus{2: Ready, 4: Ready, 5: Ready, 6: Succeeded} {
		force(t, s, ActionID(job, n), st)
	}
	numbers := func(acts []Action, err error) []int {
		if err != nil {
			t.Fatal(err)
		}
		var out []int
		for _, a := range acts {
			out = append(out, a.Number)
		}
		return out
	}
	for _, c := range []struct {
		name string
		got  []int
		want []int
	}{
		{"ready FIFO", numbers(s.ActionsByStatus(ctx, job, []ActionStatus{Ready}, OldestFirst, 0)), []int{2, 4, 5}},
		{"ready LIFO limit 2", numbers(s.ActionsByStatus(ctx, job, []ActionStatus{Ready}, NewestFirst, 2)), []int{5, 4}},
		{"waiting or succeeded", numbers(s.ActionsByStatus(ctx, job, []ActionStatus{Waiting, Succeeded}, OldestFirst, 0)), []int{1, 3, 6}},
		{"none", numbers(s.ActionsByStatus(ctx, job, nil, OldestFirst, 0)), nil},
		{"by number", numbers(s.ActionsByNumber(ctx, job, []int{5, 1, 42})), []int{1, 5}},
		{"in range", numbers(s.ActionsInRange(ctx, job, t0.Add(time.Hour), t0.Add(3*time.Hour))), []int{2, 3, 4}},
	} {
		if diff := cmp.Diff(c.want, c.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
	counts, err := s.CountByStatus(ctx, job, Waiting, Ready, Running)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[ActionStatus]int{Waiting: 2, Ready: 3, Running: 0}, counts); diff != "" {
		t.Errorf("CountByStatus (-want +got):\n%s", diff)
	}
	present, err := s.Present(ctx, job)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[ActionStatus]bool{Waiting: true, Ready: true, Succeeded: true}, present); diff != "" {
		t.Errorf("Present (-want +got):\n%s", diff)
	}
}

func TestTransitionFields(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	job := seedJob(t, s, "f", 1)
	id := ActionID(job, 1)
	later := t0.Add(time.Hour)
	s2 := s.WithClock(clocktest.New(later))
	force(t, s, id, Submitted)
	ok, err := s2.TransitionAction(ctx, id, []ActionStatus{Submitted}, Running, Fields{ExternalID: Ptr("wf-1"),
		ExternalStatus: Ptr("RUNNING"), Pending: Ptr(true), Run: Ptr(3), RerunTime: Ptr(later), RunConf: Ptr(`{"a":"b"}`),
		MissingDependencies: Ptr("/x"), ErrorCode: Ptr("E1"), ActionJSON: Ptr(`{"z":1}`)})
	if err != nil || !ok {
		t.Fatalf("transition = %v %v", ok, err)
	}
	got, _ := s.GetAction(ctx, id)
	want := Action{ID: id, JobID: job, Number: 1, Nominal: t0, Status: Running, Created: t0, LastModified: later,
		RerunTime: later, Timeout: 120, Run: 3, ActionJSON: `{"z":1}`, MissingDependencies: "/x", RunConf: `{"a":"b"}`,
		ExternalID: "wf-1", ExternalStatus: "RUNNING", ErrorCode: "E1", Pending: true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// "" clears a text column; a same-status transition updates fields only.
	if ok, err := s.TransitionAction(ctx, id, []ActionStatus{Running}, Running, Fields{ErrorCode: Ptr(""), Pending: Ptr(false)}); !ok || err != nil {
		t.Fatalf("field update = %v %v", ok, err)
	}
	got, _ = s.GetAction(ctx, id)
	if got.ErrorCode != "" || got.Pending {
		t.Errorf("after clearing: code %q pending %v", got.ErrorCode, got.Pending)
	}
}

// TestConcurrentTransitions: two stores on one file (as two processes) race
// for the same actions; each action moves exactly once.
func TestConcurrentTransitions(t *testing.T) {
	path := statetest.Target(t, "coordc.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	job := seedJob(t, a, "race", 50)
	ctx := context.Background()
	var mu sync.Mutex
	wins := map[string]int{}
	var wg sync.WaitGroup
	for _, s := range []*Store{a, b, a, b} {
		wg.Add(1)
		go func(s *Store) {
			defer wg.Done()
			for n := 1; n <= 50; n++ {
				id := ActionID(job, n)
				ok, err := s.TransitionAction(ctx, id, []ActionStatus{Waiting}, Ready, Fields{})
				if err != nil {
					t.Error(err)
					return
				}
				if ok {
					mu.Lock()
					wins[id]++
					mu.Unlock()
				}
			}
		}(s)
	}
	wg.Wait()
	if len(wins) != 50 {
		t.Errorf("%d actions moved, want 50", len(wins))
	}
	for id, n := range wins {
		if n != 1 {
			t.Errorf("%s moved %d times", id, n)
		}
	}
}
