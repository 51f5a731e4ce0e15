package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestRerunWorkflowJobServer: `coordc rerun WFJOB --server URL` goes
// through PUT /oozie/v2/job/{wfjob}?action=rerun: its refusals print and
// exit exactly as on the state database, and a --failnodes rerun prints
// the same line and runs the failed node again in the server's loop.
func TestRerunWorkflowJobServer(t *testing.T) {
	dir := t.TempDir()
	log, flag := filepath.Join(dir, "log"), filepath.Join(dir, "flag")
	writeTree(t, dir, rerunApp("2024-01-02T00:00Z", ""))
	db := stateDB(t, dir)
	coord := filepath.Join(dir, "coordinator.xml")
	if stdout, stderr, code := coordc(t, "apply", "--until-done", "--state", db, "--poll-interval", "20ms", "-D", "log="+log, "-D", "flag="+flag, coord); code != exitProblems {
		t.Fatalf("apply: exit %d\n%s%s", code, stdout, stderr)
	}
	const job = "0000001-wfrerun-C"
	wf := job + "@1-W0"
	_, url := startServer(t, dir, db)
	for _, args := range [][]string{
		{"rerun", wf},
		{"rerun", wf, "--failnodes", "-D", "oozie.wf.rerun.skip.nodes=a"},
		{"rerun", wf, "-D", "oozie.wf.rerun.skip.nodes=a,b"},
		{"rerun", wf, "-D", "oozie.wf.rerun.skip.nodes=x"},
		{"rerun", job + "@9-W0", "--failnodes"},
		{"rerun", job + "@1-W3", "--failnodes"},
	} {
		sameBothWays(t, url, db, args...)
	}
	if st, acts := coordInfo(t, url, job); st != "KILLED" || acts[1] != "KILLED" {
		t.Fatalf("after the refusals: job %s, action %s", st, acts[1])
	}
	os.WriteFile(flag, nil, 0o644)
	if stdout, stderr, code := coordc(t, "rerun", wf, "--failnodes", "-D", "note=fixed", "--server", url); code != exitOK || stdout != "workflow job "+wf+" rerun\n" {
		t.Fatalf("rerun --failnodes --server: exit %d\n%s%s", code, stdout, stderr)
	}
	deadline := time.Now().Add(time.Minute)
	for {
		st, acts := coordInfo(t, url, job)
		if st == "SUCCEEDED" && acts[1] == "SUCCEEDED" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %s, action %s, want SUCCEEDED after the rerun", st, acts[1])
		}
		time.Sleep(50 * time.Millisecond)
	}
	if got, _ := os.ReadFile(log); string(got) != "a\nb fixed\n" {
		t.Errorf("log %q, want the rerun of b only", got)
	}
}
