package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/runtime/state"
)

// TestChangeAndIgnoreCommands walks a PREP job (actions in 2099) through
// change and ignore, with the refusals and their exit codes: on the state
// database, and through a coordc server with the same output.
func TestChangeAndIgnoreCommands(t *testing.T) {
	for _, remote := range []bool{false, true} {
		t.Run(map[bool]string{false: "state", true: "server"}[remote], func(t *testing.T) { changeAndIgnore(t, remote) })
	}
}

// through returns the arguments of a command on db, or through a coordc
// server on db when remote (started once, on the first call).
func through(t *testing.T, dir, db string, remote bool) func(args ...string) []string {
	url := ""
	return func(args ...string) []string {
		if !remote {
			return append(args, "--state", db)
		}
		if url == "" {
			_, url = startServer(t, dir, db)
		}
		return append(args, "--server", url)
	}
}

func changeAndIgnore(t *testing.T, remote bool) {
	dir := t.TempDir()
	db := stateDB(t, dir)
	job := submitFuture(t, db, futureCoordinator(t, dir))
	on := through(t, dir, db, remote)
	steps := []struct {
		args   []string
		code   int
		status state.JobStatus
		out    string
		errOut string
	}{
		{on("change", job, "--concurrency", "4", "--pausetime", "2099-01-02T00:00Z"), exitOK, state.JobPrep, "job 0000001-future-C changed\n", ""},
		{on("change", job, "--value", "endtime=2099-01-05T00:00Z;pausetime="), exitOK, state.JobPrep, "job 0000001-future-C changed\n", ""},
		{on("change", job, "--concurrency", "x"), exitUsage, state.JobPrep, "", "E1015: Invalid coordinator job change value [concurrency=x]"},
		{on("change", job, "--value", "endtime=2099-01-05T00:00Z;endtime=2099-01-06T00:00Z"), exitUsage, state.JobPrep, "", "repeated value name endtime"},
		{on("change", job, "--value", "concurrency=1", "--endtime", "2099-01-05T00:00Z"), exitUsage, state.JobPrep, "", "not both"},
		{on("change", job), exitUsage, state.JobPrep, "", "Give --endtime"},
		{on("change", job, "--pausetime", "2001-01-01T00:00Z"), exitProblems, state.JobPrep, "", "must be a non-past time"},
		{on("ignore", job), exitProblems, state.JobPrep, "", "only a KILLED or FAILED job"},
		{on("kill", job), exitOK, state.JobKilled, "job 0000001-future-C killed\n", ""},
		{on("change", job, "--concurrency", "2"), exitProblems, state.JobKilled, "", "E1016: Cannot change a killed coordinator job"},
		{on("ignore", job), exitOK, state.JobIgnored, "job 0000001-future-C ignored\n", ""},
		{on("change", job, "--status", "RUNNING", "--concurrency", "2"), exitUsage, state.JobIgnored, "", "status cannot be changed together"},
		{on("change", job, "--status", "RUNNING"), exitOK, state.JobRunning, "job 0000001-future-C changed\n", ""},
		{on("change", job, "--status", "RUNNING"), exitProblems, state.JobRunning, "", "only a FAILED, KILLED or IGNORED job"},
		{on("ignore", "0000009-nope-C"), exitUsage, state.JobRunning, "", "not found"},
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
// refused: on the state database, and through a coordc server with the
// same output.
func TestUpdateCommand(t *testing.T) {
	for _, remote := range []bool{false, true} {
		t.Run(map[bool]string{false: "state", true: "server"}[remote], func(t *testing.T) { updateOn(t, remote) })
	}
}

func updateOn(t *testing.T, remote bool) {
	dir := t.TempDir()
	db := stateDB(t, dir)
	job := submitFuture(t, db, futureCoordinator(t, dir))
	on := through(t, dir, db, remote)
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
	stdout, stderr, code := coordc(t, on("update", job, newDef, "--dry-run")...)
	if code != exitOK || !strings.Contains(stdout, "team") || !strings.Contains(stdout, "blue") {
		t.Errorf("dry run: exit %d\n%s%s", code, stdout, stderr)
	}
	if hash() != before {
		t.Error("the dry run changed the job")
	}
	stdout, stderr, code = coordc(t, on("update", job, newDef)...)
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
	if _, stderr, code := coordc(t, on("update", job, filepath.Join(dir, "moved.xml"))...); code != exitProblems || !strings.Contains(stderr, "cannot change the coordinator's start") {
		t.Errorf("start change: exit %d\n%s", code, stderr)
	}
	if _, _, code := coordc(t, on("update", "0000009-nope-C", newDef)...); code != exitUsage {
		t.Errorf("unknown job: exit %d", code)
	}
	if _, _, code := coordc(t, on("update")...); code != exitUsage {
		t.Errorf("no job: exit %d", code)
	}
}
