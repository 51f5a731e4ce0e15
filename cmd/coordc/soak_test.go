package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestApplySoak runs many short actions through one apply process and
// checks that its memory stays flat (issue 11, bounded growth): the peak
// RSS of the last fifth of the run is within 20% of the RSS once a fifth of
// the actions have run (start-up done, caches warm). Every action must
// still run exactly once. COORDC_SOAK_ACTIONS sets the size: 1000 takes
// about a minute on 2 cores, 20000 is the full soak. It needs the workflow
// engine's bounded parsed-workflow cache (an LRU by definition hash, branch
// harden); without it RSS grows by about 20 KiB per action.
func TestApplySoak(t *testing.T) {
	v := os.Getenv("COORDC_SOAK_ACTIONS")
	if v == "" {
		t.Skip("soak test: set COORDC_SOAK_ACTIONS (1000 for a one-minute run, 20000 for the full soak)")
	}
	actions, err := strconv.Atoi(v)
	if err != nil || actions < 100 {
		t.Fatalf("COORDC_SOAK_ACTIONS=%q: want a number ≥ 100", v)
	}
	load := crashLoad{actions: actions, concurrency: 8, sleep: "0"}
	dir := t.TempDir()
	writeTree(t, dir, load.files())
	ran, out := filepath.Join(dir, "ran.txt"), filepath.Join(dir, "out")
	c := startChild(t, dir, "apply", "--until-done", "--state", "state.db", "--poll-interval", "50ms",
		"-D", "ran="+ran, "-D", "out="+out, "coordinator.xml")
	exited := make(chan int, 1)
	go func() { exited <- c.wait() }()

	start := time.Now()
	var warm, late int64 // RSS (KiB) once 20% have run, peak RSS of the last 20%
	var samples []string
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for done := false; !done; {
		select {
		case code := <-exited:
			if code != exitOK {
				t.Fatalf("apply exited %d:\n%s", code, c.stderr)
			}
			done = true
		case <-tick.C:
			if time.Since(start) > 30*time.Minute {
				c.cmd.Process.Kill()
				t.Fatal("soak not done after 30 minutes")
			}
			rss := rssKiB(c.cmd.Process.Pid)
			n := countLines(ran)
			switch {
			case n >= actions*4/5:
				late = max(late, rss)
			case n >= actions/5 && warm == 0:
				warm = rss
			}
			if len(samples) == 0 || n/(actions/10) != soakCount(samples[len(samples)-1])/(actions/10) {
				samples = append(samples, fmt.Sprintf("%d actions: %d KiB", n, rss))
			}
		}
	}
	elapsed := time.Since(start)
	t.Logf("%d actions in %v (%.0f/s); RSS after 20%%: %d KiB, last 20%%: %d KiB (%+.1f%%)", actions,
		elapsed.Round(time.Millisecond), float64(actions)/elapsed.Seconds(), warm, late, 100*float64(late-warm)/float64(warm))
	t.Logf("RSS by progress: %s", strings.Join(samples, "; "))
	if warm == 0 || late == 0 {
		t.Fatalf("too few RSS samples (warm %d, late %d KiB)", warm, late)
	}
	if float64(late) > 1.2*float64(warm) {
		t.Errorf("RSS grew from %d to %d KiB (> 20%%)", warm, late)
	}
	checkRanOnce(t, ran, actions)
}

// rssKiB is a process's resident set size in KiB (0 when it is gone).
func rssKiB(pid int) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// countLines counts the lines of path (0 when absent).
func countLines(path string) int {
	data, _ := os.ReadFile(path)
	return bytes.Count(data, []byte("\n"))
}

// soakCount reads the action count at the start of a sample line.
func soakCount(sample string) int {
	n, _ := strconv.Atoi(strings.Fields(sample)[0])
	return n
}
