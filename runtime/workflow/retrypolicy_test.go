package workflow

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/runtime/launch"
	"github.com/coordc/coordc/runtime/runner"
)

const retryWorkflow = `<workflow-app name="retry" xmlns="uri:oozie:workflow:1.0">
  <start to="flaky"/>
  <action name="flaky" retry-max="3" retry-interval="1" retry-policy="%s">
    <shell xmlns="uri:oozie:shell-action:1.0">
      <exec>sh</exec>
      <argument>-c</argument>
      <argument>n=$(cat "$1" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$1"; echo "try $n"; echo "err $n" >&amp;2; exit $((n+10))</argument>
      <argument>sh</argument>
      <argument>${counter}</argument>
    </shell>
    <ok to="end"/>
    <error to="fail"/>
  </action>
  <kill name="fail"><message>flaky failed</message></kill>
  <end name="end"/>
</workflow-app>
`

// TestRetryPolicy: periodic retries wait retry-interval each time,
// exponential ones 1, 2, 4 … times it; every attempt keeps its own
// stdout, stderr and exit record.
func TestRetryPolicy(t *testing.T) {
	for policy, want := range map[string][]time.Duration{
		"periodic":    {time.Minute, time.Minute, time.Minute},
		"exponential": {time.Minute, 2 * time.Minute, 4 * time.Minute},
	} {
		app := t.TempDir()
		writeFiles(t, app, map[string]string{"workflow.xml": fmt.Sprintf(retryWorkflow, policy)})
		db, _ := newDB(t)
		c := &clock{t: epoch}
		e := newEngine(db, c)
		req := runner.Request{ActionID: "0000001-retry-C@1", AppPath: app, User: "tester", Dir: t.TempDir(),
			Conf: map[string]string{"counter": filepath.Join(t.TempDir(), "count")}}
		id, err := e.Start(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		var waits []time.Duration
		var res runner.Result
		for deadline := time.Now().Add(20 * time.Second); !res.Status.Terminal() && time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
			if res, err = e.Check(context.Background(), id); err != nil {
				t.Fatal(err)
			}
			if d := res.NextCheck.Sub(c.now()); !res.NextCheck.IsZero() && d > time.Second {
				waits = append(waits, d)
				c.add(d)
			}
		}
		if res.Status != runner.Killed {
			t.Fatalf("%s: result %+v", policy, res)
		}
		if diff := cmp.Diff(want, waits); diff != "" {
			t.Errorf("%s: waits before the retries (-want +got):\n%s", policy, diff)
		}
		ns, dirs := AttemptDirs(req.Dir, "flaky")
		if !cmp.Equal(ns, []int{1, 2, 3}) {
			t.Fatalf("%s: attempts kept %v", policy, ns)
		}
		for i, dir := range append(dirs, filepath.Join(req.Dir, "flaky")) {
			n := i + 1
			if got := readFile(t, filepath.Join(dir, launch.StdoutFile)); got != fmt.Sprintf("try %d\n", n) {
				t.Errorf("%s: attempt %d stdout %q", policy, n, got)
			}
			if got := readFile(t, filepath.Join(dir, launch.StderrFile)); got != fmt.Sprintf("err %d\n", n) {
				t.Errorf("%s: attempt %d stderr %q", policy, n, got)
			}
			if got := readFile(t, filepath.Join(dir, launch.ExitFile)); !strings.HasSuffix(strings.TrimSpace(got), fmt.Sprint(n+10)) {
				t.Errorf("%s: attempt %d exit record %q", policy, n, got)
			}
		}
	}
}
