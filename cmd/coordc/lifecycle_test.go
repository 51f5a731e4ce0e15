package main

import (
	"path/filepath"
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
		{[]string{"change", job, "--state", db}, exitUsage, state.JobPrep, "", "Give --endtime"},
		{[]string{"change", job, "--state", db, "--pausetime", "2001-01-01T00:00Z"}, exitProblems, state.JobPrep, "", "must be a non-past time"},
		{[]string{"ignore", job, "--state", db}, exitProblems, state.JobPrep, "", "only a KILLED or FAILED job"},
		{[]string{"kill", job, "--state", db}, exitOK, state.JobKilled, "job 0000001-future-C killed\n", ""},
		{[]string{"change", job, "--state", db, "--concurrency", "2"}, exitProblems, state.JobKilled, "", "E1016: Cannot change a killed coordinator job"},
		{[]string{"ignore", job, "--state", db}, exitOK, state.JobIgnored, "job 0000001-future-C ignored\n", ""},
		{[]string{"change", job, "--state", db, "--status", "RUNNING", "--concurrency", "2"}, exitUsage, state.JobIgnored, "", "status cannot be changed together"},
		{[]string{"change", job, "--state", db, "--status", "RUNNING"}, exitOK, state.JobRunning, "job 0000001-future-C changed\n", ""},
		{[]string{"change", job, "--state", db, "--status", "RUNNING"}, exitProblems, state.JobRunning, "", "only a FAILED, KILLED or IGNORED job"},
		{[]string{"ignore", "0000009-nope-C", "--state", db}, exitUsage, state.JobRunning, "", "not found"},
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

// TestUpdateCommand: --dry-run shows the plan diff and changes nothing;
// update stores the new definition with the job; a schedule change is
// refused.
func TestUpdateCommand(t *testing.T) {
	dir := t.TempDir()
	db := stateDB(t, dir)
	job := submitFuture(t, db, futureCoordinator(t, dir))
	newDef := filepath.Join(dir, "coordinator2.xml")
	writeTree(t, dir, map[string]string{"coordinator2.xml": `<coordinator-app name="future" frequency="1440" start="2099-01-01T00:00Z" end="2099-01-03T00:00Z"
    timezone="UTC" xmlns="uri:oozie:coordinator:0.2"><action><workflow><app-path>wf</app-path>
    <configuration><property><name>team</name><value>blue</value></property></configuration></workflow></action></coordinator-app>`,
		"moved.xml": `<coordinator-app name="future" frequency="1440" start="2099-01-02T00:00Z" end="2099-01-03T00:00Z"
    timezone="UTC" xmlns="uri:oozie:coordinator:0.2"><action><workflow><app-path>wf</app-path></workflow></action></coordinator-app>`})
	hash := func() string {
		st, err := state.Open(db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		j, err := st.GetJob(t.Context(), job)
		if err != nil {
			t.Fatal(err)
		}
		return j.DefinitionHash + " " + j.AppPath
	}
	before := hash()
	stdout, stderr, code := coordc(t, "update", job, newDef, "--dry-run", "--state", db)
	if code != exitOK || !strings.Contains(stdout, "team") || !strings.Contains(stdout, "blue") {
		t.Errorf("dry run: exit %d\n%s%s", code, stdout, stderr)
	}
	if hash() != before {
		t.Error("the dry run changed the job")
	}
	stdout, stderr, code = coordc(t, "update", job, newDef, "--state", db)
	if code != exitOK || stdout != "job "+job+" updated\n" {
		t.Errorf("update: exit %d %q\n%s", code, stdout, stderr)
	}
	if got := hash(); got == before || !strings.HasSuffix(got, " "+newDef) {
		t.Errorf("stored after update: %s (before %s)", got, before)
	}
	stdout, _, _ = coordc(t, "status", job, "--definition", "--state", db)
	if !strings.Contains(stdout, "<name>team</name>") {
		t.Errorf("status --definition does not show the new definition:\n%s", stdout)
	}
	if _, stderr, code := coordc(t, "update", job, filepath.Join(dir, "moved.xml"), "--state", db); code != exitProblems || !strings.Contains(stderr, "cannot change the coordinator's start") {
		t.Errorf("start change: exit %d\n%s", code, stderr)
	}
	if _, _, code := coordc(t, "update", "0000009-nope-C", newDef, "--state", db); code != exitUsage {
		t.Errorf("unknown job: exit %d", code)
	}
	if _, _, code := coordc(t, "update", "--state", db); code != exitUsage {
		t.Errorf("no job: exit %d", code)
	}
}
