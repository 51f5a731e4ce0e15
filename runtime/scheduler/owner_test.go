package scheduler

import (
	"context"
	"fmt"
	"os/exec"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/state"
	"github.com/google/go-cmp/cmp"
)

// TestOwnershipAndAdoption: a started action belongs to the scheduler that
// started it; another scheduler leaves it alone while the owner's
// heartbeat is fresh, and adopts it once the lease ran out: after one
// lease on the owner's host, after two from another host.
func TestOwnershipAndAdoption(t *testing.T) {
	e := newEnv(t)
	job := e.submit(spec{Freq: 60, Start: now.Add(-time.Hour), End: now.Add(-30 * time.Minute), NoInput: true})
	ctx := context.Background()
	named := func(id string) *Scheduler {
		s := e.scheduler()
		s.ID, s.Lease = id, time.Minute
		return s
	}
	a, sameHost, otherHost := named("h1:10:1"), named("h1:11:2"), named("h2:10:3")
	if _, err := a.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if got := e.action(job, 1); got.Status != state.Running || got.Owner != "h1:10:1" {
		t.Fatalf("after a's tick: %s owned by %q", got.Status, got.Owner)
	}
	e.runner.finish(runner.Succeeded, state.ActionID(job, 1))
	for _, s := range []*Scheduler{sameHost, otherHost} {
		if _, err := s.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff([]string{"1:RUNNING"}, e.statuses(job)); diff != "" {
		t.Fatalf("while a is alive, others checked its action (-want +got):\n%s", diff)
	}
	e.clock.Advance(90 * time.Second) // a is silent: one lease, not two
	if _, err := otherHost.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if got := e.action(job, 1); got.Status != state.Running || got.Owner != "h1:10:1" {
		t.Fatalf("another host adopted before two leases: %s owned by %q", got.Status, got.Owner)
	}
	if _, err := sameHost.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if got := e.action(job, 1); got.Status != state.Succeeded || got.Owner != "h1:11:2" {
		t.Errorf("after the lease: %s owned by %q, want SUCCEEDED adopted by h1:11:2", got.Status, got.Owner)
	}
}

// TestAdoptionFromAnotherHost: with no scheduler left on the dead owner's
// host, one on another host adopts after two leases.
func TestAdoptionFromAnotherHost(t *testing.T) {
	e := newEnv(t)
	job := e.submit(spec{Freq: 60, Start: now.Add(-time.Hour), End: now.Add(-30 * time.Minute), NoInput: true})
	ctx := context.Background()
	a, b := e.scheduler(), e.scheduler()
	a.ID, b.ID, a.Lease, b.Lease = "h1:10:1", "h2:10:1", time.Minute, time.Minute
	if _, err := a.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	e.runner.finish(runner.Succeeded, state.ActionID(job, 1))
	e.clock.Advance(121 * time.Second)
	if _, err := b.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if got := e.action(job, 1); got.Status != state.Succeeded || got.Owner != "h2:10:1" {
		t.Errorf("%s owned by %q, want SUCCEEDED adopted by h2:10:1", got.Status, got.Owner)
	}
}

// TestClaimRespectsConcurrency: schedulers claiming READY actions of one
// job at once never exceed its concurrency.
func TestClaimRespectsConcurrency(t *testing.T) {
	e := newEnv(t)
	job := e.submit(spec{Freq: 60, Start: now.Add(-6 * time.Hour), End: now, NoInput: true})
	if _, err := e.store.TransitionJob(context.Background(), job, []state.JobStatus{state.JobPrep}, state.JobRunning, state.JobFields{}); err != nil {
		t.Fatal(err)
	}
	ok, err := e.store.Materialize(context.Background(), state.Materialization{JobID: job, Actions: []state.NewAction{
		{Number: 1, Nominal: now.Add(-6 * time.Hour), Timeout: 120, ActionJSON: "{}"},
		{Number: 2, Nominal: now.Add(-5 * time.Hour), Timeout: 120, ActionJSON: "{}"},
		{Number: 3, Nominal: now.Add(-4 * time.Hour), Timeout: 120, ActionJSON: "{}"},
		{Number: 4, Nominal: now.Add(-3 * time.Hour), Timeout: 120, ActionJSON: "{}"},
	}})
	if err != nil || !ok {
		t.Fatalf("materialize: %v %v", ok, err)
	}
	for n := 1; n <= 4; n++ {
		e.force(job, n, state.Ready, "")
	}
	claims := make(chan bool, 4)
	for n := 1; n <= 4; n++ {
		go func() {
			ok, err := e.store.ClaimReady(context.Background(), job, state.ActionID(job, n), 2, "s")
			if err != nil {
				t.Error(err)
			}
			claims <- ok
		}()
	}
	for range 4 {
		<-claims
	}
	busy, err := e.store.CountByStatus(context.Background(), job, state.Submitted)
	if err != nil {
		t.Fatal(err)
	}
	if busy[state.Submitted] > 2 || busy[state.Submitted] == 0 {
		t.Errorf("%d actions claimed with concurrency 2", busy[state.Submitted])
	}
}

// TestIdleJobsNotRead: a job whose actions have all finished records when
// it next has work; ticks before then skip it, a rerun makes it due at
// once, and the tick's next time is its next-due time.
func TestIdleJobsNotRead(t *testing.T) {
	e := newEnv(t)
	job := e.submit(spec{Freq: 60, Start: now.Add(-time.Hour), End: now.Add(10 * time.Hour), NoInput: true})
	for range 3 { // actions 1 and 2 (now) run one after the other
		e.tick()
		e.runner.finish(runner.Succeeded, state.ActionID(job, 1), state.ActionID(job, 2))
	}
	e.tick()
	j := e.job(job)
	if j.NextDue.IsZero() {
		t.Fatalf("no next-due time recorded: %s, actions %v", j.Status, e.statuses(job))
	}
	due, err := e.store.DueJobs(context.Background(), now)
	if err != nil || len(due) != 0 {
		t.Errorf("due jobs while idle: %d (%v)", len(due), err)
	}
	if next := e.tick(); !next.Equal(j.NextDue) {
		t.Errorf("tick's next = %v, want the job's next-due %v", next, j.NextDue)
	}
	if err := e.s.Rerun(context.Background(), job, Selection{Numbers: []int{1}}, RerunOptions{}); err != nil {
		t.Fatal(err)
	}
	due, err = e.store.DueJobs(context.Background(), now)
	if err != nil || len(due) != 1 {
		t.Errorf("due jobs after a rerun: %d (%v)", len(due), err)
	}
}

// TestAdoptFromDeadProcessAtOnce: a scheduler whose process is gone on
// this host (a crashed apply) leaves its actions to the next one at once.
func TestAdoptFromDeadProcessAtOnce(t *testing.T) {
	e := newEnv(t)
	job := e.submit(spec{Freq: 60, Start: now.Add(-time.Hour), End: now.Add(-30 * time.Minute), NoInput: true})
	ctx := context.Background()
	host := hostOf(processID())
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	a, b := e.scheduler(), e.scheduler()
	a.ID = fmt.Sprintf("%s:%d:1", host, dead.Process.Pid)
	if _, err := a.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	e.runner.finish(runner.Succeeded, state.ActionID(job, 1))
	if _, err := b.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if got := e.action(job, 1); got.Status != state.Succeeded || got.Owner != processID() {
		t.Errorf("%s owned by %q, want SUCCEEDED adopted at once by %s", got.Status, got.Owner, processID())
	}
}

// TestKillLeftToRemoteOwner: a kill made on another host than the
// action's live scheduler records KILLED and leaves the runner call to
// that scheduler, which makes it at its next tick.
func TestKillLeftToRemoteOwner(t *testing.T) {
	e := newEnv(t)
	job := e.submit(spec{Freq: 60, Start: now.Add(-time.Hour), End: now.Add(-30 * time.Minute), NoInput: true})
	ctx := context.Background()
	owner, ops := e.scheduler(), e.scheduler()
	owner.ID, ops.ID = "h1:10:1", "h2:20:2"
	if _, err := owner.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if err := ops.Kill(ctx, job); err != nil {
		t.Fatal(err)
	}
	if got := e.action(job, 1); got.Status != state.Killed || !got.Pending || len(e.runner.calls) != 0 {
		t.Fatalf("after the remote kill: %s pending %v, runner calls %v", got.Status, got.Pending, e.runner.calls)
	}
	if _, err := owner.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if got := e.action(job, 1); got.Pending || len(e.runner.calls) != 1 {
		t.Errorf("after the owner's tick: pending %v, runner calls %v", got.Pending, e.runner.calls)
	}
}

// TestHeartbeatInterval: a tick refreshes the scheduler's heartbeat only
// when it is a tenth of the lease old (each refresh is a commit), and at
// once when the clock went back.
func TestHeartbeatInterval(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	s := e.scheduler()
	s.ID, s.Lease = "h1:10:1", time.Minute
	beat := func() time.Time {
		t.Helper()
		beats, err := e.store.Heartbeats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return beats[s.ID]
	}
	tick := func() {
		t.Helper()
		if _, err := s.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	tick()
	first := beat()
	if first.IsZero() {
		t.Fatal("no heartbeat after the first tick")
	}
	e.clock.Advance(5 * time.Second)
	tick()
	if got := beat(); !got.Equal(first) {
		t.Errorf("heartbeat refreshed after 5s of a 1m lease: %v, want %v", got, first)
	}
	e.clock.Advance(time.Second)
	tick()
	if got, want := beat(), first.Add(6*time.Second); !got.Equal(want) {
		t.Errorf("heartbeat after 6s = %v, want %v", got, want)
	}
	e.clock.Set(first.Add(-54 * time.Second))
	tick()
	if got, want := beat(), first.Add(-54*time.Second); !got.Equal(want) {
		t.Errorf("heartbeat after the clock went back = %v, want %v", got, want)
	}
}
