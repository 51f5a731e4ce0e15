package workflow

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/runner"
)

// TestSubWorkflowSuspendResume: suspending the parent suspends the child
// of its running sub-workflow action (whose shell command ending then
// moves nothing on), and resuming the parent resumes the child, which
// goes on to the end; repeating either is harmless.
func TestSubWorkflowSuspendResume(t *testing.T) {
	app := subApp(t)
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	ctx := context.Background()
	log := filepath.Join(t.TempDir(), "log")
	id, err := e.Start(ctx, runner.Request{ActionID: "0000001-sub-C@5", AppPath: app, User: "tester", Dir: t.TempDir(),
		Conf: map[string]string{"greeting": "hello", "log": log, "seconds": "1", "code": "0"}})
	if err != nil {
		t.Fatal(err)
	}
	waitRunning(t, e, id, "sub")
	childID := id + "@sub-W0"
	say := waitRunning(t, e, childID, "say")
	status := func(id string) runner.Status {
		t.Helper()
		j, err := loadJob(ctx, db, id)
		if err != nil {
			t.Fatal(err)
		}
		return j.status
	}
	for range 2 {
		if err := e.Suspend(ctx, id); err != nil {
			t.Fatal(err)
		}
		if p, c := status(id), status(childID); p != runner.Suspended || c != runner.Suspended {
			t.Fatalf("after Suspend: parent %s, child %s", p, c)
		}
	}
	for deadline := time.Now().Add(20 * time.Second); alive(t, e, say); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the child's shell command did not end")
		}
	}
	for _, j := range []string{id, childID, id} {
		if res, err := e.Check(ctx, j); err != nil || res.Status != runner.Suspended {
			t.Fatalf("Check(%s) while suspended: %+v, %v", j, res, err)
		}
	}
	if got := nodes(t, db, childID)["say"]; got != string(ActionRunning) {
		t.Errorf("the suspended child's action moved on to %s", got)
	}
	for range 2 {
		if err := e.Resume(ctx, id); err != nil {
			t.Fatal(err)
		}
		if p, c := status(id), status(childID); p != runner.Running || c != runner.Running {
			t.Fatalf("after Resume: parent %s, child %s", p, c)
		}
	}
	if res := runToEnd(t, e, id); res.Status != runner.Succeeded {
		t.Fatalf("result %+v", res)
	}
	if got := readFile(t, log); got != "hello from parent\n" {
		t.Errorf("child ran with %q", got)
	}
}
