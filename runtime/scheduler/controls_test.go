package scheduler

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/state/statetest"

	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/state"
	"github.com/google/go-cmp/cmp"
)

// TestThrottle: a catch-up never holds more than throttle WAITING actions;
// more are materialized as the WAITING ones leave, in the tick they leave
// (claimRounds).
func TestThrottle(t *testing.T) {
	e := newEnv(t)
	job := e.submit(spec{Freq: 10, Start: now.Add(-24 * time.Hour), End: now.Add(time.Hour), Throttle: "3", Timeout: "-1"})
	for i := 0; i < 3; i++ {
		e.tick()
	}
	n, _ := e.store.CountByStatus(context.Background(), job, state.Waiting)
	if n[state.Waiting] != 3 || e.job(job).LastActionNumber != 3 {
		t.Fatalf("waiting %d, last %d; want 3 and 3", n[state.Waiting], e.job(job).LastActionNumber)
	}
	e.fs.touch(now.Add(-24 * time.Hour)) // action 1's input arrives
	e.tick()
	if diff := cmp.Diff([]string{"1:RUNNING", "2:WAITING", "3:WAITING", "4:WAITING"}, e.statuses(job)); diff != "" {
		t.Errorf("after input 1 (-want +got):\n%s", diff)
	}
	e.tick()
	if got := e.job(job).LastActionNumber; got != 4 {
		t.Errorf("last action %d while three wait, want 4", got)
	}
}

// TestThrottleCountsReady: a catch-up of a job whose actions need no input
// but wait for concurrency 1 holds at most throttle WAITING + READY actions
// (issue 11, bounded growth); before, READY actions were not counted and
// every tick materialized another throttle's worth, thousands ahead.
func TestThrottleCountsReady(t *testing.T) {
	e := newEnv(t)
	job := e.submit(spec{Freq: 5, Start: now.Add(-24 * time.Hour), End: now.Add(time.Hour), Throttle: "3",
		Concurrency: "1", NoInput: true})
	for i := 0; i < 20; i++ {
		e.tick()
		n, err := e.store.CountByStatus(context.Background(), job, state.Waiting, state.Ready)
		if err != nil {
			t.Fatal(err)
		}
		if got := n[state.Waiting] + n[state.Ready]; got > 3 {
			t.Fatalf("tick %d: %d WAITING + READY actions, throttle 3 (last action %d)", i+1, got, e.job(job).LastActionNumber)
		}
	}
	if last := e.job(job).LastActionNumber; last > 4 {
		t.Errorf("last action %d with one running and throttle 3, want ≤ 4", last)
	}
}

// TestLookahead: nothing is materialized until the next nominal time is
// within 300 s; then one window (1 h) of actions; Tick says when.
func TestLookahead(t *testing.T) {
	e := newEnv(t)
	start := now.Add(time.Hour)
	job := e.submit(spec{Freq: 15, Start: start, End: start.Add(3 * time.Hour), NoInput: true})
	due := start.Add(-Lookahead + time.Second) // next < now + 300 s, strictly
	if next := e.tick(); !next.Equal(due) {
		t.Errorf("next = %v, want %v", next, due)
	}
	e.clock.Set(due.Add(-time.Second))
	e.tick()
	if e.job(job).Status != state.JobPrep {
		t.Fatal("materialized at exactly next − 300 s")
	}
	e.clock.Set(due)
	next := e.tick()
	j := e.job(job)
	if j.Status != state.JobRunning || j.LastActionNumber != 4 || !j.NextMatdTime.Equal(start.Add(time.Hour)) {
		t.Errorf("after the first run: %s last=%d next=%v; want RUNNING 4 %v", j.Status, j.LastActionNumber, j.NextMatdTime, start.Add(time.Hour))
	}
	if !next.Equal(start) {
		t.Errorf("next = %v, want the first nominal time %v", next, start)
	}
	a := e.action(job, 1)
	if a.Status != state.Waiting || !a.Created.Equal(due) {
		t.Errorf("action 1: %s created %v", a.Status, a.Created)
	}
}

// TestTimeout covers timeout semantics on stored timestamps.
func TestTimeout(t *testing.T) {
	for _, c := range []struct {
		name    string
		timeout string
		after   time.Duration
		want    state.ActionStatus
	}{
		{"0: not before a full minute", "0", 59 * time.Second, state.Waiting},
		{"0: after a full minute", "0", 60 * time.Second, state.TimedOut},
		{"10: waited exactly 10", "10", 10*time.Minute + 59*time.Second, state.Waiting},
		{"10: waited 11", "10", 11 * time.Minute, state.TimedOut},
		{"-1 is 60 days", "-1", 60 * 24 * time.Hour, state.Waiting},
		{"-1 after 60 days", "-1", 60*24*time.Hour + 2*time.Minute, state.TimedOut},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			job := e.submit(spec{Freq: 60 * 24 * 365, Start: now, End: now.Add(time.Hour), Timeout: c.timeout})
			e.tick()
			e.clock.Advance(c.after)
			e.tick()
			if got := e.action(job, 1).Status; got != c.want {
				t.Errorf("%s, want %s", got, c.want)
			}
		})
	}
}

// TestTimeoutCountsFromCreation: a catch-up action created late times out
// relative to its creation, not its nominal time; READY never times out.
func TestTimeoutCountsFromCreation(t *testing.T) {
	e := newEnv(t)
	job := e.submit(spec{Freq: 60, Start: now.Add(-5 * time.Hour), End: now.Add(-3 * time.Hour), Timeout: "5", Concurrency: "0"})
	e.fs.touch(now.Add(-4 * time.Hour))
	e.tick()
	e.clock.Advance(5 * time.Minute)
	e.tick()
	if diff := cmp.Diff([]string{"1:WAITING", "2:READY"}, e.statuses(job)); diff != "" {
		t.Errorf("after 5 min (-want +got):\n%s", diff)
	}
	e.clock.Advance(time.Hour)
	e.tick()
	if diff := cmp.Diff([]string{"1:TIMEDOUT", "2:READY"}, e.statuses(job)); diff != "" {
		t.Errorf("after 65 min (-want +got):\n%s", diff)
	}
	if got := e.action(job, 1).MissingDependencies; got != "/in/202405010700/_SUCCESS" {
		t.Errorf("missing dependency %q", got)
	}
}

// TestConcurrencyAndOrder: READY actions start within the concurrency, FIFO
// oldest first, LIFO newest first; 0 starts nothing; negative is unlimited.
func TestConcurrencyAndOrder(t *testing.T) {
	for _, c := range []struct {
		execution, concurrency string
		want                   []string
	}{
		{"FIFO", "2", []string{"1:RUNNING", "2:RUNNING", "3:READY", "4:READY"}},
		{"LIFO", "2", []string{"1:READY", "2:READY", "3:RUNNING", "4:RUNNING"}},
		{"FIFO", "0", []string{"1:READY", "2:READY", "3:READY", "4:READY"}},
		{"LIFO", "-1", []string{"1:RUNNING", "2:RUNNING", "3:RUNNING", "4:RUNNING"}},
	} {
		t.Run(c.execution+"/"+c.concurrency, func(t *testing.T) {
			e := newEnv(t)
			// All four in one materialization window, so all are READY at once.
			job := e.submit(spec{Freq: 10, Start: now.Add(-40 * time.Minute), End: now.Add(-time.Minute), NoInput: true, Execution: c.execution, Concurrency: c.concurrency})
			e.tick()
			e.tick()
			if diff := cmp.Diff(c.want, e.statuses(job)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestFinalStatuses runs jobs to their end with workflow outcomes.
func TestFinalStatuses(t *testing.T) {
	for _, c := range []struct {
		outcome []runner.Status
		want    state.JobStatus
	}{
		{[]runner.Status{runner.Succeeded, runner.Succeeded}, state.JobSucceeded},
		{[]runner.Status{runner.Succeeded, runner.Failed}, state.JobDoneWithError},
		{[]runner.Status{runner.Failed, runner.Failed}, state.JobFailed},
		{[]runner.Status{runner.Killed, runner.Killed}, state.JobKilled},
	} {
		e := newEnv(t)
		job := e.submit(spec{Freq: 60, Start: now.Add(-2 * time.Hour), End: now, NoInput: true, Concurrency: "-1"})
		e.tick()
		e.tick()
		for i, st := range c.outcome {
			e.runner.finish(st, state.ActionID(job, i+1))
			e.tick()
			if i == 0 && st != runner.Succeeded && e.job(job).Status != state.JobRunningWithError {
				t.Errorf("%v: after a failed first action the job is %s, want RUNNINGWITHERROR", c.outcome, e.job(job).Status)
			}
		}
		if got := e.job(job).Status; got != c.want {
			t.Errorf("%v: job %s, want %s", c.outcome, got, c.want)
		}
	}
}

// TestStartFailure: a runner refusing to start fails the action, with the
// runner's error as the action's error message.
func TestStartFailure(t *testing.T) {
	e := newEnv(t)
	e.runner.startErr = errContains("no such app")
	job := e.submit(spec{Freq: 60, Start: now.Add(-time.Hour), End: now, NoInput: true})
	e.tick()
	a := e.action(job, 1)
	if a.Status != state.Failed || !strings.Contains(a.ErrorMessage, "no such app") || a.Pending {
		t.Errorf("action %s %q pending=%v", a.Status, a.ErrorMessage, a.Pending)
	}
}

type errContains string

func (e errContains) Error() string { return string(e) }

// TestOutcomeCommitFailure injects a failing state commit (a full disk) of
// the action's final status: the tick reports the error, the action stays
// RUNNING and is checked again, and once the disk has room it is recorded
// SUCCEEDED, started once.
func TestOutcomeCommitFailure(t *testing.T) {
	statetest.SQLiteOnly(t) // the full disk is a SQLite trigger
	e := newEnv(t)
	job := e.submit(spec{Freq: 60, Start: now.Add(-time.Hour), End: now.Add(-30 * time.Minute), NoInput: true})
	e.tick()
	if diff := cmp.Diff([]string{"1:RUNNING"}, e.statuses(job)); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	if _, err := e.store.DB().Exec(`CREATE TRIGGER disk_full BEFORE UPDATE ON coord_actions WHEN NEW.status = 'SUCCEEDED'
		BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`); err != nil {
		t.Fatal(err)
	}
	e.runner.finish(runner.Succeeded, state.ActionID(job, 1))
	for range 3 {
		if _, err := e.s.Tick(context.Background()); err == nil || !strings.Contains(err.Error(), "disk is full") {
			t.Fatalf("Tick = %v, want the write error", err)
		}
		if diff := cmp.Diff([]string{"1:RUNNING"}, e.statuses(job)); diff != "" {
			t.Fatalf("while the disk is full (-want +got):\n%s", diff)
		}
	}
	if _, err := e.store.DB().Exec(`DROP TRIGGER disk_full`); err != nil {
		t.Fatal(err)
	}
	e.tick()
	if diff := cmp.Diff([]string{"1:SUCCEEDED"}, e.statuses(job)); diff != "" {
		t.Errorf("after the disk has room (-want +got):\n%s", diff)
	}
	if n := e.runner.starts[WorkflowID(state.ActionID(job, 1), 0)]; n != 1 {
		t.Errorf("started %d times", n)
	}
}

// TestClaimRounds: in a catch-up whose materialization the throttle
// stops, one tick makes rounds of materialization, input check and claim
// until the concurrency is reached (or maxRounds), never holding more than
// throttle WAITING + READY actions, and starts what it claimed.
func TestClaimRounds(t *testing.T) {
	for _, tc := range []struct {
		concurrency string
		running     int
	}{
		{"10", 10},
		{"-1", maxRounds * 3}, // unlimited: maxRounds rounds of throttle actions
	} {
		t.Run(tc.concurrency, func(t *testing.T) {
			e := newEnv(t)
			job := e.submit(spec{Freq: 5, Start: now.Add(-24 * time.Hour), End: now.Add(time.Hour), Throttle: "3",
				Concurrency: tc.concurrency, NoInput: true})
			e.tick()
			n, err := e.store.CountByStatus(context.Background(), job, state.Waiting, state.Ready, state.Submitted, state.Running)
			if err != nil {
				t.Fatal(err)
			}
			if n[state.Running] != tc.running || n[state.Submitted] != 0 {
				t.Errorf("after one tick: %d RUNNING, %d SUBMITTED; want %d and 0", n[state.Running], n[state.Submitted], tc.running)
			}
			if got := n[state.Waiting] + n[state.Ready]; got > 3 {
				t.Errorf("%d WAITING + READY actions, throttle 3", got)
			}
		})
	}
}

// TestClaimRoundsOneTransaction injects a write failure in the third round
// of a catch-up (the claim of action 7, throttle 3): for a coordinator
// without input events the tick's rounds are one transaction, so nothing
// of them is committed; with input events each step commits on its own,
// so the first two rounds' actions stay, claimed and started, and the
// third's checked READY. Once the
// failure is gone, the next tick catches up as usual.
func TestClaimRoundsOneTransaction(t *testing.T) {
	statetest.SQLiteOnly(t) // the failure is a SQLite trigger
	for _, tc := range []struct {
		name    string
		noInput bool
		want    []string // after the failing tick
	}{
		{"no input events", true, nil},
		{"input events", false, []string{"1:RUNNING", "2:RUNNING", "3:RUNNING", "4:RUNNING", "5:RUNNING", "6:RUNNING", "7:READY", "8:READY", "9:READY"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			job := e.submit(spec{Freq: 5, Start: now.Add(-time.Hour), End: now.Add(time.Hour), Throttle: "3",
				Concurrency: "-1", NoInput: tc.noInput})
			if !tc.noInput {
				for i := range 13 {
					e.fs.touch(now.Add(-time.Hour + time.Duration(i)*5*time.Minute))
				}
			}
			if _, err := e.store.DB().Exec(`CREATE TRIGGER full BEFORE UPDATE ON coord_actions
				WHEN NEW.status = 'SUBMITTED' AND NEW.action_number = 7
				BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`); err != nil {
				t.Fatal(err)
			}
			if _, err := e.s.Tick(context.Background()); err == nil || !strings.Contains(err.Error(), "disk is full") {
				t.Fatalf("Tick = %v, want the write error", err)
			}
			if d := cmp.Diff(tc.want, e.statuses(job)); d != "" {
				t.Errorf("after the failing tick (-want +got):\n%s", d)
			}
			if _, err := e.store.DB().Exec(`DROP TRIGGER full`); err != nil {
				t.Fatal(err)
			}
			e.tick()
			if n, err := e.store.CountByStatus(context.Background(), job, state.Running); err != nil || n[state.Running] != 13 {
				t.Errorf("after the next tick: %v RUNNING (%v), want the 13 actions due", n[state.Running], err)
			}
		})
	}
}
