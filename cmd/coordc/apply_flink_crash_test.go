package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/clock"

	"github.com/coordc/coordc/runtime/flink/flinkfake"
	"github.com/coordc/coordc/runtime/state"
)

// slowScript keeps each Flink job running for a second, so apply is
// killed while its jobs run.
func slowScript(flinkfake.RunInfo) flinkfake.Script {
	return flinkfake.Script{
		{State: flinkfake.StateCreated},
		{After: 20 * time.Millisecond, State: flinkfake.StateRunning},
		{After: time.Second, State: flinkfake.StateFinished},
	}
}

// TestApplyKilledAfterFlinkSubmit is issue 7's crash fault test: apply is
// SIGKILLed the moment the Flink fake has accepted the first job, before
// apply could poll it, and then restarted. Every action must run exactly
// once: one Flink job per action, no second POST /jars/:jarid/run for a job
// that landed, and every action SUCCEEDED.
func TestApplyKilledAfterFlinkSubmit(t *testing.T) {
	if testing.Short() {
		t.Skip("starts apply as a child process")
	}
	c := newFakeCluster(t, flinkfake.Flink2)
	c.flink.Close()
	c.flink = flinkfake.New(flinkfake.Options{Flavor: flinkfake.Flink2, Clock: clock.System, Script: slowScript})
	t.Cleanup(c.flink.Close)
	if err := c.hdfs.WriteFile("/data/in/2025/01/02/_SUCCESS", nil); err != nil { // every day is ready
		t.Fatal(err)
	}
	c.put(t, map[string]string{
		"/apps/daily/workflow.xml":      flinkWorkflow,
		"/apps/daily/lib/aggregate.jar": "PK aggregate program",
	})
	dir := t.TempDir()
	def := filepath.Join(dir, "coordinator.xml")
	if err := os.WriteFile(def, []byte(flinkCoordinator), 0o644); err != nil {
		t.Fatal(err)
	}
	args := c.applyArgs(dir, def)

	ch := startChild(t, dir, args...)
	deadline := time.Now().Add(30 * time.Second)
	for len(c.flink.Jobs()) == 0 {
		if time.Now().After(deadline) {
			ch.cmd.Process.Kill()
			t.Fatalf("no Flink job was submitted:\n%s", ch.stderr)
		}
		time.Sleep(time.Millisecond)
	}
	if err := ch.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	ch.wait()
	if n := len(c.flink.Jobs()); n != 1 {
		t.Logf("%d jobs had been submitted when apply was killed", n)
	}

	stdout, stderr, code := coordc(t, args...)
	if code != exitOK {
		t.Fatalf("restarted apply: exit %d\n%s%s", code, stdout, stderr)
	}
	jobs := c.flink.Jobs()
	ids := map[string]bool{}
	for _, j := range jobs {
		ids[j.Run.JobID] = true
		if j.State != flinkfake.StateFinished {
			t.Errorf("Flink job %s ended %s", j.Run.JobID, j.State)
		}
	}
	if len(jobs) != 3 || len(ids) != 3 {
		t.Errorf("%d Flink jobs with %d distinct ids, want 3 and 3", len(jobs), len(ids))
	}
	// The jar-id cache is in the state database: the restarted apply
	// reuses the upload (checked with GET /jars), and deletes the jar once
	// every job is finished.
	if n := c.flink.Count("POST /jars/upload"); n != 1 {
		t.Errorf("%d jar uploads across the restart, want 1", n)
	}
	if n := len(c.flink.Jars()); n != 0 {
		t.Errorf("the cluster holds %d jars after every job finished, want 0", n)
	}
	if runs := c.flink.Count("POST /jars/:jarid/run"); runs != 3 {
		t.Errorf("%d run requests, want 3 (a job that landed must not be submitted again)", runs)
	}
	rep := statusOf(t, "--state", filepath.Join(dir, "state.db"))
	for _, a := range rep.Jobs[0].Actions {
		if a.Status != state.Succeeded {
			t.Errorf("action %d ended %s", a.Number, a.Status)
		}
	}
}
