package workflow

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/sshrun"
	"github.com/coordc/coordc/runtime/sshrun/sshtest"
	"github.com/coordc/coordc/runtime/workflow/javatest"
)

// row returns the job's row of node.
func row(t *testing.T, e *Engine, id, node string) *actionRow {
	t.Helper()
	rows, err := loadActions(context.Background(), e.db, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.name == node {
			return r
		}
	}
	t.Fatalf("no row for %s", node)
	return nil
}

// wantTimedOut checks that node ended in error TIMEOUT, killed, with the
// job KILLED through the error transition.
func wantTimedOut(t *testing.T, e *Engine, id, node string) {
	t.Helper()
	res, err := e.Check(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	r := row(t, e, id, node)
	if res.Status != runner.Killed || r.status != ActionError || r.errorCode != "TIMEOUT" || r.externalStatus != "KILLED" ||
		!strings.Contains(r.errorMessage, "ran longer than the timeout of 1m0s and was killed") {
		t.Errorf("job %+v; %s: %s %s %s %q", res, node, r.status, r.externalStatus, r.errorCode, r.errorMessage)
	}
}

// TestShellTimeout: a shell action running past coordc.action.timeout
// (minutes) is killed and ends in error TIMEOUT; each user retry gets the
// full time again; a row found marked TIMING_OUT (a crash between marking
// and killing) is killed and ended by the next check.
func TestShellTimeout(t *testing.T) {
	app := t.TempDir()
	wf := strings.Replace(readFile(t, filepath.Join(fixtures, "sleep", "workflow.xml")), `<action name="nap">`, `<action name="nap" retry-max="1" retry-interval="1">`, 1)
	writeFiles(t, app, map[string]string{"workflow.xml": wf})
	db, _ := newDB(t)
	c := &clock{t: epoch}
	e := newEngine(db, c)
	ctx := context.Background()
	req := runner.Request{ActionID: "0000001-to-C@1", AppPath: app, User: "tester", Dir: t.TempDir(),
		Conf: map[string]string{"seconds": "60", "log": filepath.Join(t.TempDir(), "log"), ConfActionTimeout: "1"}}
	id, err := e.Start(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	for attempt := 0; attempt < 2; attempt++ {
		nap := waitRunning(t, e, id, "nap")
		c.add(59 * time.Second)
		if _, err := e.Check(ctx, id); err != nil {
			t.Fatal(err)
		}
		if r := row(t, e, id, "nap"); r.status != ActionRunning || !alive(t, e, nap) {
			t.Fatalf("attempt %d: before the timeout: %s, alive %v", attempt, r.status, alive(t, e, nap))
		}
		c.add(2 * time.Second)
		if attempt == 0 {
			if _, err := e.Check(ctx, id); err != nil {
				t.Fatal(err)
			}
			if r := row(t, e, id, "nap"); r.status != ActionUserRetry || r.errorCode != "TIMEOUT" {
				t.Fatalf("first attempt: %s %s", r.status, r.errorCode)
			}
			c.add(time.Minute)
		} else {
			wantTimedOut(t, e, id, "nap")
		}
		if alive(t, e, nap) {
			t.Errorf("attempt %d: the command survived its timeout", attempt)
		}
	}
	if _, err := os.Stat(filepath.Join(req.Dir, "nap.attempt-1")); err != nil {
		t.Errorf("the first attempt's files: %v", err)
	}

	// A crash after marking the row, before the kill (no retries here).
	req = request(t, "sleep", req.Conf)
	id, err = e.Start(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	nap := waitRunning(t, e, id, "nap")
	marked := *nap
	marked.externalStatus = timingOut
	if ok, err := updateAction(ctx, db, &marked, ActionRunning, false, e.now()); err != nil || !ok {
		t.Fatal(ok, err)
	}
	c.add(2 * time.Minute)
	wantTimedOut(t, e, id, "nap")
	if alive(t, e, nap) {
		t.Error("the command survived the recovered timeout")
	}

	req.ActionID, req.Conf[ConfActionTimeout] = "0000001-to-C@2", "soon"
	if _, err := e.Start(ctx, req); err == nil || err.Error() != `E0701: coordc.action.timeout [soon] must be a positive number of minutes or a duration such as "90s"` {
		t.Errorf("an invalid timeout: %v", err)
	}
}

// TestJavaTimeout: a JVM running past Engine.ActionTimeout is killed (its
// process group) and the action ends in error TIMEOUT.
func TestJavaTimeout(t *testing.T) {
	app := t.TempDir()
	javatest.BuildJar(t, filepath.Join(app, "lib", "probe.jar"))
	wf := strings.Replace(javaWorkflow, "<file>data.txt#renamed.txt</file>\n      <archive>res.zip#res</archive>\n", "", 1)
	writeFiles(t, app, map[string]string{"workflow.xml": wf})
	db, _ := newDB(t)
	c := &clock{t: epoch}
	e := newEngine(db, c)
	e.ActionTimeout = time.Minute
	started := filepath.Join(t.TempDir(), "started")
	id, err := e.Start(context.Background(), javaRequest(t, app, "t", map[string]string{"mode": "sleep", "arg": started, "ms": "60000"}))
	if err != nil {
		t.Fatal(err)
	}
	j := waitRunning(t, e, id, "j")
	c.add(time.Minute)
	wantTimedOut(t, e, id, "j")
	if alive(t, e, j) {
		t.Error("the JVM survived its timeout")
	}
}

// TestSSHTimeout: a remote command running past coordc.action.timeout is
// killed on the remote host and the action ends in error TIMEOUT.
func TestSSHTimeout(t *testing.T) {
	srv := sshtest.Start(t)
	app := t.TempDir()
	writeFiles(t, app, map[string]string{"workflow.xml": strings.Replace(sshWorkflow, `exit ${code}`, `sleep 60`, 1)})
	e := sshEngine(t, srv)
	c := &clock{t: epoch}
	e.Clock = newEngine(e.db, c).Clock
	id, err := e.Start(context.Background(), runner.Request{ActionID: "0000001-ssh-C@7", AppPath: app, User: "tester", Dir: t.TempDir(),
		Conf: map[string]string{"host": srv.Target(), "first": "x", "code": "0", ConfActionTimeout: "60s"}})
	if err != nil {
		t.Fatal(err)
	}
	remote := waitRunning(t, e, id, "remote")
	c.add(time.Minute)
	wantTimedOut(t, e, id, "remote")
	tgt, rec, err := e.sshRecord(remote)
	if err != nil {
		t.Fatal(err)
	}
	if st, _, err := e.SSH.Status(context.Background(), tgt, rec.Run); err != nil || st == sshrun.Running {
		t.Errorf("remote command after its timeout: %v, %v", st, err)
	}
}
