package workflow

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/runtime/launch"
	"github.com/coordc/coordc/runtime/runner"
)

// waitRunning checks until node is RUNNING and returns its row.
func waitRunning(t *testing.T, e *Engine, id, node string) *actionRow {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if _, err := e.Check(context.Background(), id); err != nil {
			t.Fatal(err)
		}
		rows, _ := loadActions(context.Background(), e.db, id)
		for _, r := range rows {
			if r.name == node && r.status == "RUNNING" {
				return r
			}
		}
	}
	t.Fatalf("node %s never ran", node)
	return nil
}

// TestReattach: a new Engine on the same database and directories (coordc
// restarted) finds the running process and then its result, and the
// command runs once.
func TestReattach(t *testing.T) {
	db, path := newDB(t)
	log := filepath.Join(t.TempDir(), "log")
	req := request(t, "sleep", map[string]string{"seconds": "0.5", "log": log})
	first := newEngine(db, &clock{t: epoch})
	id, err := first.Start(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	row := waitRunning(t, first, id, "nap")

	second := newEngine(openDB(t, path), &clock{t: epoch})
	if again, err := second.Start(context.Background(), req); err != nil || again != id {
		t.Fatalf("Start after restart = %q, %v", again, err)
	}
	if res, err := second.Check(context.Background(), id); err != nil || res.Status != runner.Running {
		t.Fatalf("Check after restart = %+v, %v", res, err)
	}
	rows, _ := loadActions(context.Background(), second.db, id)
	for _, r := range rows {
		if r.name == "nap" && r.externalID != row.externalID {
			t.Errorf("the action was launched again: %s, then %s", row.externalID, r.externalID)
		}
	}
	if res := runToEnd(t, second, id); res.Status != runner.Succeeded {
		t.Errorf("result %+v", res)
	}
	if got := readFile(t, log); got != "woke\n" {
		t.Errorf("log = %q, want one run", got)
	}
}

func TestKill(t *testing.T) {
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	log := filepath.Join(t.TempDir(), "log")
	req := request(t, "sleep", map[string]string{"seconds": "30", "log": log})
	id, _ := e.Start(context.Background(), req)
	row := waitRunning(t, e, id, "nap")
	if err := e.Kill(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	if alive(t, e, row) {
		t.Error("the shell process survived Kill")
	}
	res, err := e.Check(context.Background(), id)
	if err != nil || res.Status != runner.Killed || res.ErrorCode != "" {
		t.Errorf("after Kill: %+v, %v", res, err)
	}
	if diff := cmp.Diff(map[string]string{StartNode: "OK", "nap": "KILLED"}, nodes(t, db, id)); diff != "" {
		t.Errorf("nodes (-want +got):\n%s", diff)
	}
	for _, op := range []func(context.Context, string) error{e.Kill, e.Suspend, e.Resume} {
		if err := op(context.Background(), id); err != nil {
			t.Errorf("operation on a killed job: %v", err)
		}
	}
	if res, _ := e.Check(context.Background(), id); res.Status != runner.Killed {
		t.Errorf("status changed after no-op operations: %s", res.Status)
	}
	if _, err := e.Check(context.Background(), "nope-W0"); err == nil {
		t.Error("Check of an unknown job succeeded")
	}
}

func TestSuspendResume(t *testing.T) {
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	log := filepath.Join(t.TempDir(), "log")
	id, _ := e.Start(context.Background(), request(t, "sleep", map[string]string{"seconds": "0.2", "log": log}))
	waitRunning(t, e, id, "nap")
	if err := e.Suspend(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	time.Sleep(400 * time.Millisecond) // the process ends while suspended
	if res, _ := e.Check(context.Background(), id); res.Status != runner.Suspended {
		t.Fatalf("status %s, want SUSPENDED", res.Status)
	}
	if got := nodes(t, db, id)["nap"]; got != "RUNNING" {
		t.Errorf("nap is %s while suspended; nothing may move", got)
	}
	if err := e.Resume(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	if res := runToEnd(t, e, id); res.Status != runner.Succeeded {
		t.Errorf("after resume: %+v", res)
	}
}

func TestFsAction(t *testing.T) {
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	out := t.TempDir()
	os.MkdirAll(filepath.Join(out, "old", "x"), 0o755)
	id, err := e.Start(context.Background(), request(t, "fs", map[string]string{"out": out}))
	if err != nil {
		t.Fatal(err)
	}
	if res := runToEnd(t, e, id); res.Status != runner.Succeeded {
		t.Fatalf("result %+v", res)
	}
	if exists(filepath.Join(out, "old")) || exists(filepath.Join(out, "a", "b")) {
		t.Error("delete or move left the source")
	}
	for path, mode := range map[string]os.FileMode{"c": 0o750, "c/_SUCCESS": 0o750} {
		fi, err := os.Stat(filepath.Join(out, path))
		if err != nil || fi.Mode().Perm() != mode {
			t.Errorf("%s: %v, %v; want mode %v", path, fi.Mode(), err, mode)
		}
	}
	// A file where a directory should be: mkdir fails, and the kill message
	// carries the error.
	out2 := t.TempDir()
	os.WriteFile(filepath.Join(out2, "a"), []byte("x"), 0o644)
	id2, _ := e.Start(context.Background(), runner.Request{ActionID: "again@1", AppPath: filepath.Join(fixtures, "fs"),
		Conf: map[string]string{"out": out2}, Dir: t.TempDir()})
	res := runToEnd(t, e, id2)
	want := "FS004: mkdir " + filepath.Join(out2, "a") + ": not a directory"
	if res.Status != runner.Killed || res.ErrorMessage != want {
		t.Errorf("second run: %+v, want message %q", res, want)
	}
}

// TestFsRefusesHDFS: without a WebHDFS client (Engine.Files nil) an HDFS
// path is FS002 with a message that says how to configure one.
func TestFsRefusesHDFS(t *testing.T) {
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	id, err := e.Start(context.Background(), request(t, "fs", map[string]string{"out": "hdfs://nn:8020/data"}))
	if err != nil {
		t.Fatal(err)
	}
	res := runToEnd(t, e, id)
	if res.Status != runner.Killed || !strings.Contains(res.ErrorMessage, "FS002: hdfs://nn:8020/data/old: no WebHDFS endpoint is configured; pass --webhdfs URL") {
		t.Errorf("result %+v", res)
	}
}

func TestStartErrors(t *testing.T) {
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	for _, req := range []runner.Request{
		{ActionID: "a@1", AppPath: "hdfs://nn/app", Dir: t.TempDir()},
		{ActionID: "b@1", AppPath: t.TempDir(), Dir: t.TempDir()},
	} {
		if _, err := e.Start(context.Background(), req); err == nil {
			t.Errorf("Start(%s) succeeded", req.AppPath)
		}
	}
}

// waitExited waits until the processes of job id's RUNNING shell nodes
// have their exit records: of the nodes named, or of all when none is.
func waitExited(t *testing.T, db *sql.DB, id string, names ...string) {
	t.Helper()
	ctx := context.Background()
	job, err := loadJob(ctx, db, id)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := loadActions(ctx, db, id)
	if err != nil {
		t.Fatal(err)
	}
	var wait []*actionRow
	for _, r := range rows {
		if r.status == ActionRunning && len(names) == 0 {
			wait = append(wait, r)
		}
	}
	for _, name := range names {
		i := len(rows) - 1
		for i >= 0 && rows[i].name != name {
			i--
		}
		if i < 0 || rows[i].status != ActionRunning {
			t.Fatalf("node %s of %s is not running", name, id)
		}
		wait = append(wait, rows[i])
	}
	deadline := time.Now().Add(20 * time.Second)
	for _, r := range wait {
		h, err := launch.ParseHandle(r.externalID)
		if err != nil {
			t.Fatal(err)
		}
		for {
			st, err := launch.Attach(filepath.Join(job.conf[ConfDir], r.name), h)
			if err != nil {
				t.Fatal(err)
			}
			if st.State == launch.Exited {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s has not exited after 20s", r.id)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
}
