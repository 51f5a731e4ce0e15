package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/state"
	"github.com/google/go-cmp/cmp"
)

// crashActions is the number of actions of the crash test's coordinator.
const crashActions = 16

// crashCoordinator has crashActions hourly actions in the past, two at a
// time; its workflow appends the workflow ID to ${ran}, sleeps, then makes
// a directory under ${out} (an fs action, which a crash may repeat).
const crashCoordinator = `<coordinator-app name="crash" frequency="${coord:hours(1)}"
    start="2024-01-01T00:00Z" end="2024-01-01T16:00Z" timezone="UTC" xmlns="uri:oozie:coordinator:0.4">
  <controls><concurrency>2</concurrency></controls>
  <action><workflow><app-path>wf</app-path></workflow></action>
</coordinator-app>
`

const crashWorkflow = `<workflow-app name="crash-wf" xmlns="uri:oozie:workflow:0.5">
  <start to="append"/>
  <action name="append">
    <shell xmlns="uri:oozie:shell-action:0.3">
      <exec>/bin/sh</exec>
      <argument>-c</argument>
      <argument>echo "$1" &gt;&gt; "$2"; sleep 1</argument>
      <argument>append</argument>
      <argument>${wf:id()}</argument>
      <argument>${ran}</argument>
    </shell>
    <ok to="mark"/>
    <error to="fail"/>
  </action>
  <action name="mark">
    <fs><mkdir path="${out}/${wf:id()}"/></fs>
    <ok to="end"/>
    <error to="fail"/>
  </action>
  <kill name="fail"><message>failed: ${wf:errorMessage(wf:lastErrorNode())}</message></kill>
  <end name="end"/>
</workflow-app>
`

// TestApplyCrash is the crash test of issue 6: apply runs as a child
// process and is killed with SIGKILL at random moments, then restarted,
// until an --until-done run exits 0. Every action must have run exactly
// once and the database must be consistent. Set COORDC_CRASH_SEED to repeat
// a run.
func TestApplyCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test: skipped with -short")
	}
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv("COORDC_CRASH_SEED"); v != "" {
		var err error
		if seed, err = strconv.ParseUint(v, 10, 64); err != nil {
			t.Fatalf("COORDC_CRASH_SEED: %v", err)
		}
	}
	t.Logf("seed %d (COORDC_CRASH_SEED=%d repeats this run)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 0x636f6f7264))

	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"coordinator.xml": crashCoordinator, "wf/workflow.xml": crashWorkflow})
	ran, out := filepath.Join(dir, "ran.txt"), filepath.Join(dir, "out")
	args := []string{"apply", "--until-done", "--state", "state.db", "--poll-interval", "50ms", "--log-level", "debug",
		"-D", "ran=" + ran, "-D", "out=" + out, "coordinator.xml"}

	const minKills = 30
	start := time.Now()
	kills, rounds := 0, 0
	for done := false; !done; rounds++ {
		if time.Since(start) > 50*time.Second {
			t.Fatalf("seed %d: not done after %d rounds (%d kills)", seed, rounds, kills)
		}
		c := startChild(t, dir, args...)
		exited := make(chan int, 1)
		go func() { exited <- c.wait() }()
		var timeout <-chan time.Time
		if kills < minKills {
			timeout = time.After(time.Duration(rng.IntN(400)) * time.Millisecond)
		}
		select {
		case code := <-exited:
			if code != exitOK {
				t.Fatalf("seed %d: round %d: apply exited %d:\n%s", seed, rounds, code, c.stderr)
			}
			if kills < minKills {
				t.Fatalf("seed %d: apply finished after only %d kills; make the workload longer", seed, kills)
			}
			done = true
		case <-timeout:
			c.cmd.Process.Kill()
			<-exited
			kills++
		case <-time.After(40 * time.Second):
			c.cmd.Process.Kill()
			t.Fatalf("seed %d: round %d: apply did not finish:\n%s", seed, rounds, c.stderr)
		}
	}
	t.Logf("%d SIGKILLs, %d runs, %v", kills, rounds, time.Since(start).Round(time.Millisecond))
	checkRanOnce(t, ran)
	checkCrashState(t, filepath.Join(dir, "state.db"), out)
}

// checkRanOnce asserts that ran lists each action's workflow exactly once.
func checkRanOnce(t *testing.T, ran string) {
	t.Helper()
	data, err := os.ReadFile(ran)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, line := range strings.Fields(string(data)) {
		counts[line]++
	}
	want := map[string]int{}
	for n := 1; n <= crashActions; n++ {
		want[fmt.Sprintf("0000001-crash-C@%d-W0", n)] = 1
	}
	if diff := cmp.Diff(want, counts); diff != "" {
		t.Errorf("runs per workflow (-want +got):\n%s", diff)
	}
}

// checkCrashState asserts that the database is intact and consistent:
// every action SUCCEEDED and not pending, with exactly one SUCCEEDED
// workflow whose nodes are all OK, and every fs action's directory made.
func checkCrashState(t *testing.T, path, out string) {
	t.Helper()
	st, err := state.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	db := st.ReadDB()
	ctx := context.Background()
	var integrity string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&integrity); err != nil || integrity != "ok" {
		t.Fatalf("integrity_check = %q, %v", integrity, err)
	}
	var bad int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM coord_actions a WHERE a.status IN ('SUBMITTED', 'RUNNING')
		AND NOT EXISTS (SELECT 1 FROM wf_jobs w WHERE w.id = a.external_id)`).Scan(&bad); err != nil || bad != 0 {
		t.Errorf("%d actions SUBMITTED or RUNNING without a workflow (%v)", bad, err)
	}
	rows, err := db.QueryContext(ctx, `SELECT a.action_number, a.status, a.pending, COALESCE(a.external_id, ''),
		(SELECT COUNT(*) FROM wf_jobs w WHERE w.parent_id = a.id),
		(SELECT COALESCE(MAX(w.status), '') FROM wf_jobs w WHERE w.id = a.external_id AND w.parent_id = a.id)
		FROM coord_actions a ORDER BY a.action_number`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var wfIDs []string
	for rows.Next() {
		var n, pending, wfs int
		var status, ext, wfStatus string
		if err := rows.Scan(&n, &status, &pending, &ext, &wfs, &wfStatus); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%d %s pending=%d workflows=%d %s", n, status, pending, wfs, wfStatus))
		wfIDs = append(wfIDs, ext)
	}
	rows.Close()
	var want []string
	for n := 1; n <= crashActions; n++ {
		want = append(want, fmt.Sprintf("%d SUCCEEDED pending=0 workflows=1 SUCCEEDED", n))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("actions (-want +got):\n%s", diff)
	}
	for _, id := range wfIDs {
		nodes, err := workflowNodes(ctx, db, id)
		if err != nil {
			t.Fatal(err)
		}
		var seen []string
		for _, n := range nodes {
			seen = append(seen, n.Name+"="+n.Status)
		}
		sort.Strings(seen)
		if diff := cmp.Diff([]string{":start:=OK", "append=OK", "end=OK", "mark=OK"}, seen); diff != "" {
			t.Errorf("nodes of %s (-want +got):\n%s", id, diff)
		}
		if _, err := os.Stat(filepath.Join(out, id)); err != nil {
			t.Errorf("fs action of %s: %v", id, err)
		}
	}
}

// writeTree writes files (relative name → content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
