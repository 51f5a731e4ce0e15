package workflow

import (
	"context"
	"database/sql/driver"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/launch"
	"github.com/coordc/coordc/runtime/runner"
	"modernc.org/sqlite"
)

// markWorkflow is an application whose only action appends a line to the
// file named by the parameter marker: how many times it ran.
const markWorkflow = `<workflow-app name="mark" xmlns="uri:oozie:workflow:0.5">
    <start to="mark"/>
    <action name="mark">
        <shell xmlns="uri:oozie:shell-action:0.3">
            <exec>sh</exec>
            <argument>-c</argument>
            <argument>echo ran >>"$1"</argument>
            <argument>mark</argument>
            <argument>${marker}</argument>
        </shell>
        <ok to="end"/>
        <error to="fail"/>
    </action>
    <kill name="fail"><message>mark failed</message></kill>
    <end name="end"/>
</workflow-app>
`

// markRequests returns n requests of markWorkflow, each with its own run
// directory and marker file.
func markRequests(t *testing.T, n int) []runner.Request {
	t.Helper()
	app, root := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(app, "workflow.xml"), []byte(markWorkflow), 0o600); err != nil {
		t.Fatal(err)
	}
	var reqs []runner.Request
	for i := range n {
		dir := filepath.Join(root, fmt.Sprint(i), "0")
		reqs = append(reqs, runner.Request{ActionID: fmt.Sprintf("0000001-mark-C@%d", i+1), AppPath: app,
			Conf: map[string]string{"marker": filepath.Join(root, fmt.Sprint(i), "marker")}, User: "tester", Dir: dir})
	}
	return reqs
}

// marks returns how many times the command of req ran.
func marks(t *testing.T, req runner.Request) int {
	t.Helper()
	data, err := os.ReadFile(req.Conf["marker"])
	if os.IsNotExist(err) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range string(data) {
		if c == '\n' {
			n++
		}
	}
	return n
}

// waitUnstarted waits until the node directory of req's action mark holds
// n unstarted records (launches that never ran the command) and returns
// them.
func waitUnstarted(t *testing.T, req runner.Request, n int) []string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		names, err := filepath.Glob(filepath.Join(req.Dir, "mark", "unstarted.*"))
		if err != nil {
			t.Fatal(err)
		}
		if len(names) >= n || time.Now().After(deadline) {
			return names
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// onHandle is what the SQL function test_on_handle() calls; see
// registerOnHandle.
var onHandle atomic.Pointer[func()]

// registerOnHandle registers test_on_handle() with the SQLite driver (for
// the connections opened afterwards): a trigger calls it to act in the
// middle of a transaction.
var registerOnHandle = sync.OnceFunc(func() {
	sqlite.MustRegisterScalarFunction("test_on_handle", 0, func(*sqlite.FunctionContext, []driver.Value) (driver.Value, error) {
		if f := onHandle.Load(); f != nil {
			(*f)()
		}
		return nil, nil
	})
})

// TestStartAllCommitFails checks that a batch whose commit fails aborts
// every first launch it prepared: the batch's context is cancelled while
// its first handle is recorded, so the transaction is rolled back, and the
// fallback to Start fails too. No job exists, the launch the batch
// prepared is recorded unstarted, and no command runs.
func TestStartAllCommitFails(t *testing.T) {
	registerOnHandle()
	db, _ := newDB(t)
	// A first launch's handle is recorded by the insert of its node
	// (holdFirst) or an update of it.
	for _, op := range []string{"INSERT", "UPDATE"} {
		if _, err := db.Exec(`CREATE TRIGGER cancel_batch_` + op + ` AFTER ` + op + ` ON wf_actions WHEN NEW.external_id LIKE 'pid:%'
			BEGIN SELECT test_on_handle(); END`); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cancelFunc := func() { cancel() }
	onHandle.Store(&cancelFunc)
	defer onHandle.Store(nil)
	e := newEngine(db, &clock{t: epoch})
	reqs := markRequests(t, 8)
	_, errs := startAll(ctx, t, e, reqs)
	for i := range reqs {
		if errs[i] == nil {
			t.Errorf("request %d: no error, want one", i+1)
		}
	}
	var jobs int
	if err := db.QueryRow(`SELECT COUNT(*) FROM wf_jobs`).Scan(&jobs); err != nil {
		t.Fatal(err)
	}
	if jobs != 0 {
		t.Errorf("%d jobs after a failed batch, want none", jobs)
	}
	// The first request's launch was prepared (its handle recorded when the
	// context was cancelled); the others were not prepared before the
	// transaction failed, or were aborted too.
	if names := waitUnstarted(t, reqs[0], 1); len(names) != 1 {
		t.Errorf("request 1: unstarted records %q, want the batch's launch's", names)
	}
	for i, req := range reqs {
		if names, _ := filepath.Glob(filepath.Join(req.Dir, "mark", "unstarted.*")); len(names) > 1 {
			t.Errorf("request %d: unstarted records %q, want at most one", i+1, names)
		}
		if _, err := os.Stat(filepath.Join(req.Dir, "mark", launch.StdoutFile)); !os.IsNotExist(err) {
			t.Errorf("request %d: the launch opened its output (%v): it was let run", i+1, err)
		}
		if n := marks(t, req); n != 0 {
			t.Errorf("request %d: the command ran %d times", i+1, n)
		}
	}
}

// TestStartAllRefusedHandle checks that a batch whose handle is refused
// for one job (its node is no longer PREP when the batch records the
// handle: here a trigger skips the update) aborts that job's launch alone:
// it is recorded unstarted and the node stays PREP, the other jobs'
// launches are recorded and run, and in the end every command has run
// exactly once (Check launches the refused node).
func TestStartAllRefusedHandle(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	reqs := markRequests(t, 8)
	const refused = 2
	for _, op := range []string{"INSERT", "UPDATE"} {
		if _, err := db.Exec(`CREATE TRIGGER refuse_` + op + ` BEFORE ` + op + ` ON wf_actions WHEN NEW.external_id LIKE 'pid:%' AND NEW.wf_id = '` +
			JobID(reqs[refused].ActionID, 0) + `' BEGIN SELECT RAISE(IGNORE); END`); err != nil {
			t.Fatal(err)
		}
	}
	e := newEngine(db, &clock{t: epoch})
	ids, errs := startAll(ctx, t, e, reqs)
	for i := range reqs {
		if errs[i] != nil {
			t.Fatalf("request %d: %v", i+1, errs[i])
		}
		rows, err := loadActions(ctx, db, ids[i])
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if r.name != "mark" {
				continue
			}
			_, err := launch.ParseHandle(r.externalID)
			if i == refused && (r.status != ActionPrep || err == nil) {
				t.Errorf("refused request: mark = %s %q, want PREP without a handle", r.status, r.externalID)
			}
			if i != refused && (r.status != ActionRunning || err != nil) {
				t.Errorf("request %d: mark = %s %q, want RUNNING with a handle", i+1, r.status, r.externalID)
			}
		}
	}
	if names := waitUnstarted(t, reqs[refused], 1); len(names) != 1 {
		t.Errorf("refused request: unstarted records %q, want the batch's launch's", names)
	}
	if n := marks(t, reqs[refused]); n != 0 {
		t.Errorf("refused request: the batch's launch ran the command %d times", n)
	}
	if _, err := db.Exec(`DROP TRIGGER refuse_INSERT; DROP TRIGGER refuse_UPDATE`); err != nil {
		t.Fatal(err)
	}
	for i, req := range reqs {
		if res := runToEnd(t, e, ids[i]); res.Status != runner.Succeeded {
			t.Errorf("request %d: %+v", i+1, res)
		}
		if n := marks(t, req); n != 1 {
			t.Errorf("request %d: the command ran %d times, want once", i+1, n)
		}
	}
}
