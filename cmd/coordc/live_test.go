package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/state"
)

// waitFor polls cond every 50 ms until it holds, failing after limit.
func waitFor(t *testing.T, limit time.Duration, what string, c *child, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s; apply's log:\n%s", what, c.stderr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestOpsWhileApplyRuns: a rerun made while apply sleeps is picked up at
// once, and SIGTERM stops apply cleanly (exit 0).
func TestOpsWhileApplyRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("starts apply as a child process: skipped with -short")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "state.db")
	example, err := filepath.Abs(localExample + "/coordinator.xml")
	if err != nil {
		t.Fatal(err)
	}
	c := startChild(t, dir, "apply", "--state", db, "--poll-interval", "50ms", "-D", "root="+dir, example)
	defer c.cmd.Process.Kill()
	const job = "0000001-local-example-C"
	jobStatus := func() state.JobStatus {
		_, _, code := coordc(t, "jobs", "--state", db)
		if code != exitOK {
			return ""
		}
		if rep := statusOf(t, "--state", db); len(rep.Jobs) > 0 {
			return rep.Jobs[0].Status
		}
		return "" // the state file exists, the job is not submitted yet
	}
	waitFor(t, 20*time.Second, "the job to succeed", c, func() bool { return jobStatus() == state.JobSucceeded })
	if stdout, stderr, code := coordc(t, "rerun", job, "--action", "2", "--state", db); code != exitOK {
		t.Fatalf("rerun: exit %d\n%s%s", code, stdout, stderr)
	}
	waitFor(t, 10*time.Second, "the rerun to succeed", c, func() bool {
		a := statusOf(t, "--state", db).Jobs[0].Actions[1]
		return a.Status == state.Succeeded && a.ExternalID == job+"@2-W1"
	})
	if err := c.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan int, 1)
	go func() { done <- c.wait() }()
	select {
	case code := <-done:
		if code != exitOK || !strings.Contains(c.stderr.String(), "stopped by a signal") {
			t.Errorf("after SIGTERM: exit %d, want 0 and a log line\n%s", code, c.stderr)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("apply did not stop after SIGTERM:\n%s", c.stderr)
	}
}

// TestKillWhileApplyRuns: killing a job while apply runs it kills its
// running shell actions, and apply --until-done then exits 1.
func TestKillWhileApplyRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("starts apply as a child process: skipped with -short")
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"coordinator.xml": `<coordinator-app name="slow" frequency="60" start="2024-01-01T00:00Z" end="2024-01-01T03:00Z"
    timezone="UTC" xmlns="uri:oozie:coordinator:0.2"><controls><concurrency>3</concurrency></controls>
  <action><workflow><app-path>wf</app-path></workflow></action></coordinator-app>`,
		"wf/workflow.xml": `<workflow-app name="slow-wf" xmlns="uri:oozie:workflow:0.4"><start to="nap"/>
  <action name="nap"><shell xmlns="uri:oozie:shell-action:0.2"><exec>sleep</exec><argument>60</argument></shell>
    <ok to="end"/><error to="end"/></action><end name="end"/></workflow-app>`,
	})
	db := filepath.Join(dir, "state.db")
	c := startChild(t, dir, "apply", "--until-done", "--state", db, "--poll-interval", "50ms", "coordinator.xml")
	defer c.cmd.Process.Kill()
	waitFor(t, 20*time.Second, "three running actions", c, func() bool {
		if _, _, code := coordc(t, "jobs", "--state", db); code != exitOK {
			return false
		}
		rep := statusOf(t, "--state", db)
		if len(rep.Jobs) == 0 {
			return false // the state database exists before the job is submitted
		}
		running := 0
		for _, a := range rep.Jobs[0].Actions {
			if a.Status == state.Running {
				running++
			}
		}
		return running == 3
	})
	start := time.Now()
	if stdout, stderr, code := coordc(t, "kill", "0000001-slow-C", "--state", db); code != exitOK {
		t.Fatalf("kill: exit %d\n%s%s", code, stdout, stderr)
	}
	if code := c.wait(); code != exitProblems {
		t.Errorf("apply --until-done exit %d after the kill, want %d\n%s", code, exitProblems, c.stderr)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("apply took %v to notice the kill", d)
	}
	rep := statusOf(t, "--state", db)
	if rep.Jobs[0].Status != state.JobKilled {
		t.Errorf("job %s, want KILLED", rep.Jobs[0].Status)
	}
	for _, a := range rep.Jobs[0].Actions {
		if a.Status != state.Killed {
			t.Errorf("action %d %s, want KILLED", a.Number, a.Status)
		}
	}
	stdout, _, _ := coordc(t, "logs", "0000001-slow-C", "--action", "1", "--state", db)
	if !strings.Contains(stdout, `exit record "`) || !strings.Contains(stdout, ` 143"`) {
		t.Errorf("the killed process has no exit record 143 (SIGTERM):\n%s", stdout)
	}
}
