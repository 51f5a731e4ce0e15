package main

import (
	"strings"
	"testing"

	"github.com/coordc/coordc/runtime/state"
)

// TestChangeAndIgnoreCommands walks a PREP job (actions in 2099) through
// change and ignore, with the refusals and their exit codes.
func TestChangeAndIgnoreCommands(t *testing.T) {
	dir := t.TempDir()
	db := stateDB(t, dir)
	job := submitFuture(t, db, futureCoordinator(t, dir))
	steps := []struct {
		args   []string
		code   int
		status state.JobStatus
		out    string
		errOut string
	}{
		{[]string{"change", job, "--state", db, "--concurrency", "4", "--pausetime", "2099-01-02T00:00Z"}, exitOK, state.JobPrep, "job 0000001-future-C changed\n", ""},
		{[]string{"change", job, "--state", db, "--value", "endtime=2099-01-05T00:00Z;pausetime="}, exitOK, state.JobPrep, "job 0000001-future-C changed\n", ""},
		{[]string{"change", job, "--state", db, "--concurrency", "x"}, exitUsage, state.JobPrep, "", "E1015: Invalid coordinator job change value [concurrency=x]"},
		{[]string{"change", job, "--state", db, "--value", "endtime=2099-01-05T00:00Z;endtime=2099-01-06T00:00Z"}, exitUsage, state.JobPrep, "", "repeated value name endtime"},
		{[]string{"change", job, "--state", db, "--value", "concurrency=1", "--endtime", "2099-01-05T00:00Z"}, exitUsage, state.JobPrep, "", "not both"},
		{[]string{"change", job, "--state", db}, exitUsage, state.JobPrep, "", "give --endtime"},
		{[]string{"change", job, "--state", db, "--pausetime", "2001-01-01T00:00Z"}, exitProblems, state.JobPrep, "", "must be a non-past time"},
		{[]string{"ignore", job, "--state", db}, exitProblems, state.JobPrep, "", "only a KILLED or FAILED job"},
		{[]string{"kill", job, "--state", db}, exitOK, state.JobKilled, "job 0000001-future-C killed\n", ""},
		{[]string{"change", job, "--state", db, "--concurrency", "2"}, exitProblems, state.JobKilled, "", "E1016: Cannot change a killed coordinator job"},
		{[]string{"ignore", job, "--state", db}, exitOK, state.JobIgnored, "job 0000001-future-C ignored\n", ""},
		{[]string{"ignore", "0000009-nope-C", "--state", db}, exitUsage, state.JobIgnored, "", "not found"},
	}
	for _, s := range steps {
		stdout, stderr, code := coordc(t, s.args...)
		if code != s.code || stdout != s.out || !strings.Contains(stderr, s.errOut) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want %d, %q, %q", strings.Join(s.args, " "), code, stdout, stderr, s.code, s.out, s.errOut)
		}
		if got := statusOf(t, "--state", db).Jobs[0].Status; got != s.status {
			t.Errorf("after %s: job %s, want %s", strings.Join(s.args, " "), got, s.status)
		}
	}
	st, err := state.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	j, err := st.GetJob(t.Context(), job)
	if err != nil {
		t.Fatal(err)
	}
	if j.Concurrency != 4 || !j.PauseTime.IsZero() || state.FormatTime(j.End) != "2099-01-05T00:00:00Z" {
		t.Errorf("stored: concurrency %d, pause %v, end %v", j.Concurrency, j.PauseTime, j.End)
	}
}
