package scheduler

import (
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/state"
	"github.com/google/go-cmp/cmp"
)

// TestNext: Tick returns when another tick is useful, so apply can sleep.
func TestNext(t *testing.T) {
	e := newEnv(t)
	e.s.PollInterval = 30 * time.Second
	job := e.submit(spec{Freq: 60, Start: now.Add(-time.Hour), End: now.Add(3 * time.Hour), Timeout: "-1"})
	// Action 1 (due, input missing) is re-checked in a minute; action 2 is
	// materialized once its nominal time is less than 300 s away.
	if got, want := e.tick(), now.Add(-Lookahead+time.Second); !got.Equal(want) {
		t.Errorf("next = %v, want %v (action 2's materialization)", got, want)
	}
	e.clock.Advance(10 * time.Second)
	if got, want := e.tick(), now.Add(10*time.Second+Requeue); !got.Equal(want) {
		t.Errorf("next = %v, want the input re-check %v", got, want)
	}
	e.fs.touch(now.Add(-time.Hour))
	if got, want := e.tick(), now.Add(10*time.Second+30*time.Second); !got.Equal(want) {
		t.Errorf("next = %v, want the runner poll %v", got, want)
	}
	if diff := cmp.Diff([]string{"1:RUNNING", "2:WAITING"}, e.statuses(job)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestHostZoneDoesNotMatter runs the same catch-up with the process's local
// zone set to a zone with DST and an odd offset; stored times are UTC.
func TestHostZoneDoesNotMatter(t *testing.T) {
	run := func() ([]string, state.Action) {
		e := newEnv(t)
		job := e.submit(spec{Freq: 60, Start: now.Add(-2 * time.Hour), End: now, NoInput: true, Concurrency: "-1"})
		e.tick()
		e.tick()
		return e.statuses(job), e.action(job, 2)
	}
	wantStatuses, wantAction := run()
	saved := time.Local
	defer func() { time.Local = saved }()
	for _, zone := range []string{"Asia/Kolkata", "America/Los_Angeles", "Australia/Lord_Howe"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Skipf("zone %s not available: %v", zone, err)
		}
		time.Local = loc
		gotStatuses, gotAction := run()
		if diff := cmp.Diff(wantStatuses, gotStatuses); diff != "" {
			t.Errorf("%s: statuses (-want +got):\n%s", zone, diff)
		}
		gotAction.JobID, gotAction.ID, gotAction.ExternalID = wantAction.JobID, wantAction.ID, wantAction.ExternalID
		if diff := cmp.Diff(wantAction, gotAction); diff != "" {
			t.Errorf("%s: action (-want +got):\n%s", zone, diff)
		}
	}
}
