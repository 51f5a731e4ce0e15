package scheduler

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/state"
	"github.com/google/go-cmp/cmp"
)

func TestParseChange(t *testing.T) {
	at := func(s string) *time.Time {
		v, _ := time.Parse("2006-01-02T15:04Z", s)
		return &v
	}
	for _, c := range []struct {
		in   string
		want Change
		err  string
	}{
		{in: "endtime=2024-06-01T00:00Z", want: Change{End: at("2024-06-01T00:00Z")}},
		{in: "endtime=2024-06-01T00:00Z;concurrency=3;pausetime=2024-05-20T10:00Z",
			want: Change{End: at("2024-06-01T00:00Z"), Concurrency: state.Ptr(3), PauseTime: at("2024-05-20T10:00Z")}},
		{in: "pausetime=", want: Change{PauseTime: &time.Time{}}},
		{in: `pausetime=""`, want: Change{PauseTime: &time.Time{}}},
		{in: "concurrency=-1", want: Change{Concurrency: state.Ptr(-1)}},
		{in: "concurrency=1;concurrency=2", err: "E1015: Invalid coordinator job change value [concurrency=1;concurrency=2], repeated value name concurrency"},
		{in: "concurrency=many", err: "E1015: Invalid coordinator job change value [concurrency=many], concurrency must be an integer"},
		{in: "endtime=tomorrow", err: "E1015: Invalid coordinator job change value [endtime=tomorrow], not a UTC time yyyy-MM-ddTHH:mmZ"},
		{in: "endtime=", err: "E1015: Invalid coordinator job change value [endtime=], not a UTC time"},
		{in: "status=RUNNING", want: Change{Revive: true}},
		{in: "status=SUSPENDED", err: "E1015: Invalid coordinator job change value [status=SUSPENDED], status can only be changed to RUNNING"},
		{in: "status=RUNNING;concurrency=2", err: "E1015: Invalid coordinator job change value [status=RUNNING;concurrency=2], status cannot be changed together"},
		{in: "user=joe", err: "E1015: Invalid coordinator job change value [user=joe], unknown value name user"},
		{in: "endtime", err: `E1015: Invalid coordinator job change value [endtime], "endtime" is not name=value`},
	} {
		got, err := ParseChange(c.in)
		if c.err != "" {
			if err == nil || !strings.HasPrefix(err.Error(), c.err) || !errors.Is(err, ErrNotEligible) {
				t.Errorf("%q: error %v, want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", c.in, diff)
		}
	}
}

// TestChangeRefused: every refusal leaves the job as it was.
func TestChangeRefused(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name  string
		setup func(e *env, job string)
		ch    Change
		code  string
	}{
		{"nothing", nil, Change{}, "E1015"},
		{"killed job", func(e *env, job string) { must(t, e.s.Kill(ctx, job)) }, Change{Concurrency: state.Ptr(2)}, "E1016"},
		{"ignored job", func(e *env, job string) {
			must(t, e.s.Kill(ctx, job))
			must(t, e.s.Ignore(ctx, job, nil))
		}, Change{Concurrency: state.Ptr(2)}, "E1015"},
		{"past pause time", nil, Change{PauseTime: state.Ptr(now.Add(-time.Minute))}, "E1015"},
		{"end before start", nil, Change{End: state.Ptr(now.Add(-4 * time.Hour))}, "E1015"},
		{"revoke a running action", nil, Change{End: state.Ptr(now.Add(-3 * time.Hour))}, "E1022"},
		{"revoke a running action by pause", nil, Change{End: state.Ptr(now.Add(time.Hour)), PauseTime: state.Ptr(now)}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			job := running(t, e)
			if c.setup != nil {
				c.setup(e, job)
			}
			before, acts := e.job(job), e.statuses(job)
			err := e.s.Change(ctx, job, c.ch)
			if c.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var ce *CommandError
			if !errors.As(err, &ce) || string(ce.Code) != c.code || !errors.Is(err, ErrNotEligible) {
				t.Fatalf("error %v, want %s", err, c.code)
			}
			after := e.job(job)
			if after.End != before.End || after.Concurrency != before.Concurrency || after.Status != before.Status ||
				after.LastActionNumber != before.LastActionNumber {
				t.Errorf("job changed by a refused change: %+v", after)
			}
			if diff := cmp.Diff(acts, e.statuses(job)); diff != "" {
				t.Errorf("actions changed (-before +after):\n%s", diff)
			}
		})
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestChangeEndRevokes: an earlier end revokes the WAITING and READY
// actions at or after it; the job finishes with what is left.
func TestChangeEndRevokes(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	job := running(t, e) // 1 RUNNING (now-3h), 2 READY (now-2h), 3 WAITING (now-1h)
	must(t, e.s.Change(ctx, job, Change{End: state.Ptr(now.Add(-2 * time.Hour)), Concurrency: state.Ptr(5)}))
	if diff := cmp.Diff([]string{"1:RUNNING"}, e.statuses(job)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	j := e.job(job)
	if !j.End.Equal(now.Add(-2*time.Hour)) || j.Concurrency != 5 || j.LastActionNumber != 1 || !j.DoneMaterialization {
		t.Errorf("job after change: end %v concurrency %d last %d done %v", j.End, j.Concurrency, j.LastActionNumber, j.DoneMaterialization)
	}
	e.runner.finish(runner.Succeeded, job+"@1")
	e.tick()
	if got := e.job(job).Status; got != state.JobSucceeded {
		t.Fatalf("job %s, want SUCCEEDED", got)
	}
	// A later end runs the finished job again: SUCCEEDED → RUNNING, and the
	// revoked nominal times are materialized again.
	must(t, e.s.Change(ctx, job, Change{End: state.Ptr(now)}))
	if got := e.job(job).Status; got != state.JobRunning {
		t.Fatalf("after a later end: %s, want RUNNING", got)
	}
	e.tick()
	e.tick()
	if diff := cmp.Diff([]string{"1:SUCCEEDED", "2:RUNNING", "3:WAITING"}, e.statuses(job)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestChangeEndBeforeStartOfPrepJob: a job that materialized nothing
// succeeds at once (DG_CommandLineTool).
func TestChangeEndBeforeStartOfPrepJob(t *testing.T) {
	e := newEnv(t)
	job := e.submit(spec{Freq: 60, Start: now.Add(24 * time.Hour), End: now.Add(48 * time.Hour), NoInput: true})
	e.tick()
	must(t, e.s.Change(context.Background(), job, Change{End: state.Ptr(now)}))
	if got := e.job(job).Status; got != state.JobSucceeded {
		t.Errorf("job %s, want SUCCEEDED", got)
	}
}

// TestPauseLifecycle drives a job through RUNNING → PAUSED →
// PAUSEDWITHERROR → SUSPENDEDWITHERROR → RUNNINGWITHERROR → PAUSEDWITHERROR
// → RUNNINGWITHERROR with a fake clock, checking what each status does.
func TestPauseLifecycle(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	job := e.submit(spec{Freq: 60, Start: now, End: now.Add(10 * time.Hour), NoInput: true, Concurrency: "5"})
	e.tick()
	must(t, e.s.Change(ctx, job, Change{PauseTime: state.Ptr(now.Add(90 * time.Minute))}))
	want := func(status state.JobStatus, actions ...string) {
		t.Helper()
		if got := e.job(job).Status; got != status {
			t.Errorf("at %s: job %s, want %s", ft(e.clock.Now()), got, status)
		}
		if diff := cmp.Diff(actions, e.statuses(job)); diff != "" {
			t.Errorf("at %s (-want +got):\n%s", ft(e.clock.Now()), diff)
		}
	}
	want(state.JobRunning, "1:RUNNING")
	e.clock.Advance(time.Hour)
	e.tick()
	want(state.JobRunning, "1:RUNNING", "2:RUNNING")
	if next := e.tick(); next.After(now.Add(90 * time.Minute)) {
		t.Errorf("next tick %s, after the pause time", ft(next))
	}
	e.clock.Advance(31 * time.Minute) // past the pause time: nothing new
	e.tick()
	want(state.JobPaused, "1:RUNNING", "2:RUNNING")
	e.clock.Advance(3 * time.Hour)
	e.runner.finish(runner.Failed, job+"@1")
	e.tick()
	want(state.JobPausedWithError, "1:FAILED", "2:RUNNING")
	must(t, e.s.Suspend(ctx, job))
	want(state.JobSuspendedWithError, "1:FAILED", "2:SUSPENDED")
	must(t, e.s.Resume(ctx, job))
	want(state.JobRunningWithError, "1:FAILED", "2:RUNNING")
	e.tick() // the pause time has still passed
	want(state.JobPausedWithError, "1:FAILED", "2:RUNNING")
	must(t, e.s.Change(ctx, job, Change{PauseTime: &time.Time{}}))
	want(state.JobRunningWithError, "1:FAILED", "2:RUNNING")
	e.tick() // catch-up from where the pause stopped
	if got := e.statuses(job); len(got) < 4 || got[2] != "3:RUNNING" {
		t.Errorf("after the reset: %v", got)
	}
}

// TestPauseRevokesAndPrepPaused: a pause time before materialized actions
// revokes them; a job paused before its start goes PREPPAUSED and back.
func TestPauseRevokesAndPrepPaused(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	job := running(t, e)
	must(t, e.s.Change(ctx, job, Change{PauseTime: state.Ptr(now.Add(time.Minute))}))
	if diff := cmp.Diff([]string{"1:RUNNING", "2:READY", "3:WAITING"}, e.statuses(job)); diff != "" {
		t.Errorf("pause after the actions revoked some (-want +got):\n%s", diff)
	}

	e = newEnv(t)
	job = e.submit(spec{Freq: 60, Start: now.Add(2 * time.Hour), End: now.Add(10 * time.Hour), NoInput: true})
	e.tick()
	must(t, e.s.Change(ctx, job, Change{PauseTime: state.Ptr(now.Add(time.Hour))}))
	e.clock.Advance(3 * time.Hour)
	e.tick()
	if got, acts := e.job(job).Status, e.statuses(job); got != state.JobPrepPaused || len(acts) != 0 {
		t.Fatalf("job %s with %v, want PREPPAUSED with no actions", got, acts)
	}
	if err := e.s.Suspend(ctx, job); !errors.Is(err, ErrNotEligible) {
		t.Errorf("suspend of PREPPAUSED: %v, want not eligible", err)
	}
	must(t, e.s.Change(ctx, job, Change{PauseTime: state.Ptr(now.Add(5 * time.Hour))}))
	if got := e.job(job).Status; got != state.JobPrep {
		t.Fatalf("after moving the pause time: %s, want PREP", got)
	}
	e.tick()
	if got, acts := e.job(job).Status, e.statuses(job); got != state.JobRunning || len(acts) == 0 {
		t.Errorf("job %s with %v, want RUNNING with actions before the pause time", got, acts)
	}
	must(t, e.s.Kill(ctx, job))
}

// TestPauseStatus is PauseTransitService's table.
func TestPauseStatus(t *testing.T) {
	pause := now
	for _, c := range []struct {
		cur   state.JobStatus
		pause time.Time
		at    time.Time
		want  state.JobStatus // "" stays
	}{
		{state.JobPrep, pause, now, state.JobPrepPaused},
		{state.JobRunning, pause, now, state.JobPaused},
		{state.JobRunningWithError, pause, now.Add(time.Hour), state.JobPausedWithError},
		{state.JobRunning, pause, now.Add(-time.Second), ""},
		{state.JobSuspended, pause, now, ""},
		{state.JobSucceeded, pause, now, ""},
		{state.JobPaused, pause, now, ""},
		{state.JobPaused, time.Time{}, now, state.JobRunning},
		{state.JobPausedWithError, pause, now.Add(-time.Minute), state.JobRunningWithError},
		{state.JobPrepPaused, time.Time{}, now, state.JobPrep},
		{state.JobPrep, time.Time{}, now, ""},
	} {
		got, ok := pauseStatus(c.cur, c.pause, c.at)
		if !ok {
			got = ""
		}
		if got != c.want {
			t.Errorf("%s, pause %v at %v: %q, want %q", c.cur, c.pause, c.at, got, c.want)
		}
		if ok && !state.CanTransitionJob(c.cur, got) {
			t.Errorf("%s → %s is not in the state machine", c.cur, got)
		}
	}
}

func TestIgnore(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	job := running(t, e)
	if err := e.s.Ignore(ctx, job, &Selection{Numbers: []int{1}}); !errors.Is(err, ErrNotEligible) {
		t.Errorf("ignore of a RUNNING action: %v", err)
	}
	if err := e.s.Ignore(ctx, job, nil); !errors.Is(err, ErrNotEligible) {
		t.Errorf("ignore of a RUNNING job: %v", err)
	}
	must(t, e.s.KillActions(ctx, job, Selection{Numbers: []int{2}}))
	if got := e.job(job).Status; got != state.JobRunningWithError {
		t.Fatalf("job %s", got)
	}
	must(t, e.s.Ignore(ctx, job, &Selection{Numbers: []int{2}}))
	if got := e.job(job).Status; got != state.JobRunning {
		t.Errorf("after ignoring the only failure: %s, want RUNNING", got)
	}
	if diff := cmp.Diff([]string{"1:RUNNING", "2:IGNORED", "3:WAITING"}, e.statuses(job)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	must(t, e.s.Kill(ctx, job))
	must(t, e.s.Ignore(ctx, job, nil))
	if got := e.job(job).Status; got != state.JobIgnored {
		t.Errorf("job %s, want IGNORED", got)
	}
}

// TestChangeStatusRunning: status=RUNNING revives a KILLED job, which
// materializes again; the killed actions stay KILLED.
func TestChangeStatusRunning(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	job := e.submit(spec{Freq: 60, Start: now.Add(-time.Hour), End: now.Add(5 * time.Hour), NoInput: true})
	e.tick()
	must(t, e.s.Kill(ctx, job))
	killed := e.statuses(job)
	if err := e.s.Change(ctx, job, Change{Concurrency: state.Ptr(2)}); !errors.Is(err, ErrNotEligible) {
		t.Errorf("concurrency of a KILLED job: %v", err)
	}
	must(t, e.s.Change(ctx, job, Change{Revive: true}))
	if got := e.job(job).Status; got != state.JobRunningWithError {
		t.Fatalf("revived: %s, want RUNNINGWITHERROR (its killed actions)", got)
	}
	e.clock.Advance(2 * time.Hour)
	e.tick()
	got := e.statuses(job)
	if len(got) <= len(killed) || !cmp.Equal(got[:len(killed)], killed) {
		t.Errorf("after a tick: %v (killed %v)", got, killed)
	}
	if err := e.s.Change(ctx, job, Change{Revive: true}); !errors.Is(err, ErrNotEligible) {
		t.Errorf("revive of a running job: %v", err)
	}
}
