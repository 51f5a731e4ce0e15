package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/runtime/state/statetest"
)

// TestPurgeAndPages: status pages through a job's actions (--offset,
// --len); purge keeps recent and running jobs and removes an old finished
// one with its actions, workflows and log directory.
func TestPurgeAndPages(t *testing.T) {
	dir := t.TempDir()
	db := stateDB(t, dir)
	logs := filepath.Join(dir, "logs")
	const job = "0000001-local-example-C"
	if _, stderr, code := coordc(t, "apply", "--until-done", "--state", db, "--log-dir", logs, "--poll-interval", "50ms",
		"-D", "root="+dir, localExample+"/coordinator.xml"); code != exitOK {
		t.Fatalf("apply: exit %d\n%s", code, stderr)
	}
	page := statusOf(t, "--state", db, job, "--offset", "2", "--len", "1")
	if len(page.Jobs) != 1 || len(page.Jobs[0].Actions) != 1 || page.Jobs[0].Actions[0].Number != 2 {
		t.Errorf("status --offset 2 --len 1: %+v", page)
	}
	if _, _, code := coordc(t, "status", "--offset", "0", "--state", db); code != exitUsage {
		t.Errorf("--offset 0: exit %d, want %d", code, exitUsage)
	}
	if stdout, stderr, code := coordc(t, "purge", "--older-than", "1d", "--state", db, "--log-dir", logs); code != exitOK || stdout != "0 jobs purged\n" {
		t.Fatalf("purge of a recent job: exit %d %q\n%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(logs, job)); err != nil {
		t.Fatalf("log directory before the purge: %v", err)
	}
	st, err := state.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.DB().Exec(`UPDATE coord_jobs SET last_modified_time = '2000-01-01T00:00:00Z'`)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if stdout, stderr, code := coordc(t, "purge", "--older-than", "30d", "--state", db, "--log-dir", logs); code != exitOK || stdout != "1 jobs purged\n" {
		t.Fatalf("purge: exit %d %q\n%s", code, stdout, stderr)
	}
	if n := len(statusOf(t, "--state", db).Jobs); n != 0 {
		t.Errorf("%d jobs after the purge", n)
	}
	if _, err := os.Stat(filepath.Join(logs, job)); !os.IsNotExist(err) {
		t.Errorf("log directory after the purge: %v", err)
	}
	for _, bad := range []string{"0d", "x", "-1h"} {
		if _, stderr, code := coordc(t, "purge", "--older-than", bad, "--state", db); code != exitUsage || !strings.Contains(stderr, "older-than") {
			t.Errorf("--older-than %s: exit %d\n%s", bad, code, stderr)
		}
	}
}

// TestStateTarget: the state database is --state, else COORDC_STATE, else
// the runtime block's state in .coordc.hcl (a relative path from the
// file's directory), else coordc.db.
func TestStateTarget(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "conf", "my.db")
	cfgState := "my.db"
	if statetest.Postgres() {
		db = statetest.Schema(t)
		cfgState = db
	}
	if err := os.MkdirAll(filepath.Join(dir, "conf"), 0o755); err != nil {
		t.Fatal(err)
	}
	job := submitFuture(t, db, futureCoordinator(t, dir))
	writeTree(t, dir, map[string]string{"conf/.coordc.hcl": "runtime {\n  state = \"" + cfgState + "\"\n}\n"})
	t.Chdir(filepath.Join(dir, "conf"))
	if stdout, stderr, code := coordc(t, "jobs"); code != exitOK || !strings.Contains(stdout, job) {
		t.Errorf("jobs with the runtime block's state: exit %d\n%s%s", code, stdout, stderr)
	}
	missing := filepath.Join(dir, "none.db")
	t.Setenv("COORDC_STATE", missing)
	if _, stderr, code := coordc(t, "jobs"); code != exitUsage || !strings.Contains(stderr, missing) {
		t.Errorf("COORDC_STATE over the runtime block: exit %d\n%s", code, stderr)
	}
	if stdout, _, code := coordc(t, "jobs", "--state", db); code != exitOK || !strings.Contains(stdout, job) {
		t.Errorf("--state over COORDC_STATE: exit %d\n%s", code, stdout)
	}
}
