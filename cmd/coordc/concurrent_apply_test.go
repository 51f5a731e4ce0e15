package main

import (
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/state"
)

// TestConcurrentApply is issue 11 F1: 20 `coordc apply --until-done`
// processes started at the same instant on one new state file and one
// definition. They must submit one job, and every action must run exactly
// once (the side-effect file lists each workflow once) with a consistent
// state. Before the fix the lookup and the insert of the submission were
// separate transactions: two or more jobs, every action run several times.
func TestConcurrentApply(t *testing.T) {
	if testing.Short() {
		t.Skip("multi-process test: skipped with -short")
	}
	const procs = 20
	load := crashLoad{actions: 8, concurrency: 2, sleep: "0.2"}
	dir := t.TempDir()
	writeTree(t, dir, load.files())
	ran, out := filepath.Join(dir, "ran.txt"), filepath.Join(dir, "out")
	db := stateDB(t, dir)
	args := []string{"apply", "--until-done", "--state", db, "--log-dir", filepath.Join(dir, "state-logs"), "--poll-interval", "50ms",
		"-D", "ran=" + ran, "-D", "out=" + out, "coordinator.xml"}

	children := make([]*child, procs)
	for i := range children {
		children[i] = startChild(t, dir, args...)
	}
	var wg sync.WaitGroup
	codes := make([]int, procs)
	for i, c := range children {
		wg.Add(1)
		go func() {
			defer wg.Done()
			timer := time.AfterFunc(90*time.Second, func() { c.cmd.Process.Kill() })
			defer timer.Stop()
			codes[i] = c.wait()
		}()
	}
	wg.Wait()
	for i, code := range codes {
		if code != exitOK {
			t.Errorf("apply %d exited %d:\n%s", i, code, children[i].stderr)
		}
	}
	st, err := state.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	jobs, err := st.ListJobs(t.Context())
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != 1 {
		for _, j := range jobs {
			t.Logf("job %s %s", j.ID, j.Status)
		}
		t.Fatalf("%d applies at once submitted %d jobs, want 1", procs, len(jobs))
	}
	checkRanOnce(t, ran, load.actions)
	checkCrashState(t, db, out, load.actions)
}
