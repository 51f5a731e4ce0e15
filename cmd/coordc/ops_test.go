package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/runtime/state"
	"github.com/google/go-cmp/cmp"
)

// futureCoordinator writes a coordinator (with its workflow) whose actions
// are all in 2099, so its job stays PREP, and returns its path.
func futureCoordinator(t *testing.T, dir string) string {
	t.Helper()
	writeTree(t, dir, map[string]string{
		"coordinator.xml": `<coordinator-app name="future" frequency="1440" start="2099-01-01T00:00Z" end="2099-01-03T00:00Z"
    timezone="UTC" xmlns="uri:oozie:coordinator:0.2"><action><workflow><app-path>wf</app-path></workflow></action></coordinator-app>`,
		"wf/workflow.xml": `<workflow-app name="w" xmlns="uri:oozie:workflow:0.4"><start to="end"/><end name="end"/></workflow-app>`,
	})
	return filepath.Join(dir, "coordinator.xml")
}

// submitFuture submits the coordinator at path as apply does, without
// running it, and returns the job ID.
func submitFuture(t *testing.T, db, path string) string {
	t.Helper()
	res, diags := compiler.Load([]string{path}, compiler.Options{})
	targets, tdiags := applyTargets(context.Background(), res, nil)
	if diags = append(diags, tdiags...); diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	st, err := state.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ids, _, err := submitTargets(context.Background(), newScheduler(st, slog.New(slog.DiscardHandler), "", 0, nil, nil), targets)
	if err != nil {
		t.Fatal(err)
	}
	return ids[0]
}

// TestJobOperations walks a PREP job through suspend, resume and kill,
// with the flags before or after the job ID, and the refusals.
func TestJobOperations(t *testing.T) {
	dir := t.TempDir()
	db := stateDB(t, dir)
	job := submitFuture(t, db, futureCoordinator(t, dir))
	if job != "0000001-future-C" {
		t.Fatalf("job %q", job)
	}
	steps := []struct {
		args   []string
		code   int
		status state.JobStatus
		out    string
	}{
		{[]string{"suspend", job, "--state", db}, exitOK, state.JobPrepSuspended, "job 0000001-future-C suspended\n"},
		{[]string{"suspend", "--state", db, job}, exitProblems, state.JobPrepSuspended, ""},
		{[]string{"resume", "--state", db, job}, exitOK, state.JobPrep, "job 0000001-future-C resumed\n"},
		{[]string{"kill", job, "--state", db, "--action", "1"}, exitProblems, state.JobPrep, ""}, // no action 1 yet
		{[]string{"rerun", job, "--state", db}, exitUsage, state.JobPrep, ""},
		{[]string{"rerun", job, "--state", db, "--action", "1", "--date", "2099-01-01T00:00Z"}, exitUsage, state.JobPrep, ""},
		{[]string{"rerun", job, "--state", db, "--action", "x"}, exitUsage, state.JobPrep, ""},
		{[]string{"rerun", job, "--state", db, "--date", "2099-01-01"}, exitUsage, state.JobPrep, ""},
		{[]string{"kill", job, "--state", db, "--bogus"}, exitUsage, state.JobPrep, ""},
		{[]string{"kill", "--state", db}, exitUsage, state.JobPrep, ""},
		{[]string{"kill", "0000009-nope-C", "--state", db}, exitUsage, state.JobPrep, ""},
		{[]string{"kill", job, "--state", db}, exitOK, state.JobKilled, "job 0000001-future-C killed\n"},
		{[]string{"kill", job, "--state", db}, exitProblems, state.JobKilled, ""},
		{[]string{"resume", job, "--state", db}, exitProblems, state.JobKilled, ""},
	}
	for _, s := range steps {
		stdout, stderr, code := coordc(t, s.args...)
		if code != s.code || stdout != s.out {
			t.Errorf("%s: exit %d, stdout %q; want %d, %q\n%s", strings.Join(s.args, " "), code, stdout, s.code, s.out, stderr)
		}
		if got := statusOf(t, "--state", db).Jobs[0].Status; got != s.status {
			t.Errorf("after %s: job %s, want %s", strings.Join(s.args, " "), got, s.status)
		}
	}
}

func TestJobsAndStatusText(t *testing.T) {
	dir := t.TempDir()
	db := stateDB(t, dir)
	submitFuture(t, db, futureCoordinator(t, dir))
	stdout, _, code := coordc(t, "jobs", "--state", db)
	want := `JOB ID            NAME    STATUS  ACTIONS  FREQUENCY    START                 END                   NEXT MATERIALIZED
0000001-future-C  future  PREP    0        1440 MINUTE  2099-01-01T00:00:00Z  2099-01-03T00:00:00Z  2099-01-01T00:00:00Z
`
	if diff := cmp.Diff(want, stdout); code != exitOK || diff != "" {
		t.Errorf("jobs: exit %d (-want +got):\n%s", code, diff)
	}
	stdout, _, code = coordc(t, "status", "0000001-future-C", "--state", db)
	want = "Job ID : 0000001-future-C\nName   : future\nStatus : PREP\n\nNUMBER  NOMINAL TIME  STATUS  EXTERNAL ID  ERROR\n"
	if diff := cmp.Diff(want, stdout); code != exitOK || diff != "" {
		t.Errorf("status: exit %d (-want +got):\n%s", code, diff)
	}
	stdout, _, _ = coordc(t, "status", "-o", "json", "--state", db)
	if diff := cmp.Diff(`{"jobs":[{"id":"0000001-future-C","name":"future","status":"PREP","actions":[]}]}`+"\n", stdout); diff != "" {
		t.Errorf("status -o json (-want +got):\n%s", diff)
	}
}

func TestOpsUsage(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.db")
	tests := map[string][]string{
		"jobs, no state":         {"jobs", "--state", missing},
		"status, no state":       {"status", "--state", missing},
		"logs, no state":         {"logs", "J", "--state", missing},
		"status, bad format":     {"status", "-o", "yaml"},
		"status, two jobs":       {"status", "a", "b"},
		"jobs, an argument":      {"jobs", "x"},
		"logs, bad scope":        {"logs", "J", "--action", "3-1"},
		"suspend, no job":        {"suspend"},
		"resume, two jobs":       {"resume", "a", "b"},
		"logs, no job":           {"logs"},
		"kill, flag needs value": {"kill", "J", "--action"},
	}
	for name, args := range tests {
		t.Run(name, func(t *testing.T) {
			if _, stderr, code := coordc(t, args...); code != exitUsage {
				t.Errorf("exit %d, want %d\n%s", code, exitUsage, stderr)
			}
		})
	}
}

// TestStatusDefinition: the definition files and properties are stored
// with the job and shown by status --definition, also once the file is
// gone.
func TestStatusDefinition(t *testing.T) {
	dir := t.TempDir()
	coord := futureCoordinator(t, dir)
	db := stateDB(t, dir)
	job := submitFuture(t, db, coord)
	src, err := os.ReadFile(coord)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(coord); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := coordc(t, "status", job, "--definition", "--state", db)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"Job ID     : " + job, "Definition : " + coord, "--- properties\n", "--- " + coord + "\n" + string(src)} {
		if !strings.Contains(stdout, want) {
			t.Errorf("status --definition lacks %q:\n%s", want, stdout)
		}
	}
	stdout, _, code = coordc(t, "status", job, "--definition", "-o", "json", "--state", db)
	var got struct {
		Files map[string]string `json:"files"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); code != exitOK || err != nil || got.Files[coord] != string(src) {
		t.Errorf("json: exit %d, %v, files %v", code, err, got.Files)
	}
	if _, _, code := coordc(t, "status", "--definition", "--state", db); code != exitUsage {
		t.Errorf("--definition without a job: exit %d, want %d", code, exitUsage)
	}
}
