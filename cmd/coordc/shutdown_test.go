package main

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/loop"
)

// hangingTree is a coordinator whose input lives on HDFS, so every tick
// asks the NameNode.
var hangingTree = map[string]string{
	"coordinator.xml": `<coordinator-app name="hang" frequency="1440" start="2024-01-01T00:00Z" end="2024-01-02T00:00Z"
    timezone="UTC" xmlns="uri:oozie:coordinator:0.2">
  <datasets><dataset name="d" frequency="1440" initial-instance="2024-01-01T00:00Z" timezone="UTC">
    <uri-template>hdfs://ns1/data/${YEAR}${MONTH}${DAY}</uri-template></dataset></datasets>
  <input-events><data-in name="i" dataset="d"><instance>${coord:current(0)}</instance></data-in></input-events>
  <action><workflow><app-path>wf</app-path></workflow></action></coordinator-app>`,
	"wf/workflow.xml": `<workflow-app name="w" xmlns="uri:oozie:workflow:0.4"><start to="end"/><end name="end"/></workflow-app>`,
}

// TestShutdownWhileNameNodeHangs is the shutdown bullet of issue 11:
// SIGTERM while the NameNode hangs took 229 s, and a second SIGTERM was
// ignored. Now the tick in progress is cancelled after a short grace, and
// a second signal ends apply at once.
func TestShutdownWhileNameNodeHangs(t *testing.T) {
	if testing.Short() {
		t.Skip("starts apply as a child process: skipped with -short")
	}
	var requests atomic.Int32
	nn := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		<-r.Context().Done() // never answers
	}))
	t.Cleanup(nn.Close)
	for _, signals := range []int{1, 2} {
		dir := t.TempDir()
		writeTree(t, dir, hangingTree)
		requests.Store(0)
		c := startChild(t, dir, "apply", "--until-done", "--state", filepath.Join(dir, "state.db"), "--poll-interval", "50ms",
			"--webhdfs", "ns1="+nn.URL, "coordinator.xml")
		defer c.cmd.Process.Kill()
		waitFor(t, 20*time.Second, "a request to the NameNode", c, func() bool { return requests.Load() > 0 })
		start := time.Now()
		c.cmd.Process.Signal(syscall.SIGTERM)
		limit := loop.ShutdownGrace + 4*time.Second
		if signals == 2 {
			// Give the child time to see the first signal (the machine may
			// be loaded), then time the second from when it is sent.
			time.Sleep(500 * time.Millisecond)
			start = time.Now()
			c.cmd.Process.Signal(syscall.SIGTERM)
			limit = 2 * time.Second
		}
		code := c.wait()
		if d := time.Since(start); d > limit {
			t.Errorf("%d signal(s): apply took %v to stop, want at most %v\n%s", signals, d, limit, c.stderr)
		}
		if signals == 1 && code != exitProblems {
			t.Errorf("one signal: exit %d, want %d (--until-done, jobs not done)\n%s", code, exitProblems, c.stderr)
		}
		if _, _, code := coordc(t, "status", "--state", filepath.Join(dir, "state.db")); code != exitOK {
			t.Errorf("%d signal(s): the state database is not readable after the stop (exit %d)", signals, code)
		}
	}
}
