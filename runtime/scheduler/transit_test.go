package scheduler

import (
	"testing"

	"github.com/coordc/coordc/runtime/state"
)

func TestJobStatusTransit(t *testing.T) {
	p := func(sts ...state.ActionStatus) map[state.ActionStatus]bool {
		m := map[state.ActionStatus]bool{}
		for _, s := range sts {
			m[s] = true
		}
		return m
	}
	const (
		R   = state.JobRunning
		RWE = state.JobRunningWithError
	)
	for _, c := range []struct {
		name    string
		cur     state.JobStatus
		done    bool
		present map[state.ActionStatus]bool
		want    state.JobStatus
	}{
		{"all succeeded", R, true, p(state.Succeeded), state.JobSucceeded},
		{"succeeded and skipped", R, true, p(state.Succeeded, state.Skipped), state.JobSucceeded},
		{"zero actions", R, true, p(), state.JobSucceeded},
		{"ignored only", RWE, true, p(state.Ignored), state.JobSucceeded},
		{"not done materializing", R, false, p(state.Succeeded), R},
		{"still running", R, true, p(state.Succeeded, state.Running), R},
		{"suspended action is not terminal", R, true, p(state.Succeeded, state.Suspended), R},
		{"all killed", RWE, true, p(state.Killed), state.JobKilled},
		{"all failed", RWE, true, p(state.Failed), state.JobFailed},
		{"all timed out", RWE, true, p(state.TimedOut), state.JobDoneWithError},
		{"mixed", R, true, p(state.Succeeded, state.Failed), state.JobDoneWithError},
		{"killed and skipped", RWE, true, p(state.Killed, state.Skipped), state.JobDoneWithError},
		{"error while running", R, false, p(state.Failed, state.Waiting), RWE},
		{"timed out while running", R, true, p(state.TimedOut, state.Ready), RWE},
		{"errors rerun", RWE, false, p(state.Succeeded, state.Waiting), R},
		{"prep kept", state.JobPrep, false, p(), state.JobPrep},
		{"suspended with error", state.JobSuspended, false, p(state.Failed, state.Suspended), state.JobSuspendedWithError},
		{"suspended stays even when all finished", state.JobSuspended, true, p(state.Succeeded), state.JobSuspended},
		{"suspended error rerun", state.JobSuspendedWithError, false, p(state.Waiting), state.JobSuspended},
		{"prep suspended kept", state.JobPrepSuspended, false, p(), state.JobPrepSuspended},
		{"killed kept", state.JobKilled, true, p(state.Succeeded), state.JobKilled},
		{"failed kept", state.JobFailed, false, p(state.Running), state.JobFailed},
	} {
		got := jobStatus(c.cur, c.done, c.present)
		if got != c.want {
			t.Errorf("%s: jobStatus(%s) = %s, want %s", c.name, c.cur, got, c.want)
		}
		if got != c.cur && !state.CanTransitionJob(c.cur, got) {
			t.Errorf("%s: %s → %s is not an allowed transition", c.name, c.cur, got)
		}
	}
}
