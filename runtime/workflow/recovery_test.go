package workflow

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/launch"
	"github.com/coordc/coordc/runtime/runner"
)

// killWrapper kills a shell action's wrapper behind the engine's back and
// waits until it is gone.
func killWrapper(t *testing.T, r *actionRow) launch.Handle {
	t.Helper()
	h, err := launch.ParseHandle(r.externalID)
	if err != nil {
		t.Fatal(err)
	}
	syscall.Kill(-h.Pid, syscall.SIGKILL)
	for deadline := time.Now().Add(5 * time.Second); launch.Alive(h); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the wrapper survived SIGKILL")
		}
	}
	return h
}

// TestRelaunchNotStarted: a wrapper that reports it never started the
// command (its launcher died during the handshake) is launched again, once.
func TestRelaunchNotStarted(t *testing.T) {
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	log := filepath.Join(t.TempDir(), "log")
	req := request(t, "sleep", map[string]string{"seconds": "0.3", "log": log})
	id, _ := e.Start(context.Background(), req)
	row := waitRunning(t, e, id, "nap")
	// Replace the running wrapper by the record a wrapper leaves when its
	// launcher died after recording the handle but before the handshake.
	h := killWrapper(t, row)
	exit := fmt.Sprintf("%d unstarted\n", h.Pid)
	if err := os.WriteFile(filepath.Join(req.Dir, "nap", launch.ExitFile), []byte(exit), 0o644); err != nil {
		t.Fatal(err)
	}
	if res := runToEnd(t, e, id); res.Status != runner.Succeeded {
		t.Fatalf("result %+v", res)
	}
	if got := readFile(t, log); got != "woke\n" {
		t.Errorf("log = %q, want one relaunched run", got)
	}
	rows, _ := loadActions(context.Background(), db, id)
	for _, r := range rows {
		if r.name == "nap" && r.externalID == row.externalID {
			t.Error("the relaunch kept the old process handle")
		}
	}
}

// TestLostProcess: a wrapper killed from outside leaves no exit record;
// the action ends in error (LOST) and the error transition is taken.
func TestLostProcess(t *testing.T) {
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	id, _ := e.Start(context.Background(), request(t, "sleep", map[string]string{"seconds": "30", "log": filepath.Join(t.TempDir(), "log")}))
	killWrapper(t, waitRunning(t, e, id, "nap"))
	res := runToEnd(t, e, id)
	if res.Status != runner.Killed || res.ErrorMessage != "nap failed" {
		t.Errorf("result %+v", res)
	}
	rows, _ := loadActions(context.Background(), db, id)
	for _, r := range rows {
		if r.name == "nap" && (r.status != "ERROR" || r.errorCode != "LOST") {
			t.Errorf("nap: %s %s", r.status, r.errorCode)
		}
	}
}
