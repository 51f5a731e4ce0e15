package workflow

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/launch"
	"github.com/coordc/coordc/runtime/runner"
)

// wakeChannel sets e.Wake to send the IDs of the jobs woken to the
// channel returned (dropping them when it is full).
func wakeChannel(e *Engine) <-chan string {
	woken := make(chan string, 64)
	e.Wake = func(id string) {
		select {
		case woken <- id:
		default:
		}
	}
	return woken
}

// killSupervisor kills the supervisor of a shell action's launch behind
// the engine's back (so that the launch is lost), waits until it is gone
// and the engine was woken for the job (the launch package has noticed:
// the next launch starts another supervisor), then kills the orphaned
// command. woken is the engine's wakeChannel, set before the launch.
func killSupervisor(t *testing.T, e *Engine, r *actionRow, woken <-chan string) launch.Handle {
	t.Helper()
	h, err := launch.ParseHandle(r.externalID)
	if err != nil {
		t.Fatal(err)
	}
	dir := nodeDirOf(t, e, r)
	var pid int // the command's, from the start record "<launch> <pid>"
	for deadline := time.Now().Add(5 * time.Second); pid == 0; time.Sleep(5 * time.Millisecond) {
		rec, _ := os.ReadFile(filepath.Join(dir, launch.ExitFile))
		if f := strings.Fields(string(rec)); len(f) == 2 {
			pid, _ = strconv.Atoi(f[1])
		}
		if time.Now().After(deadline) {
			t.Fatal("the command did not start")
		}
	}
	syscall.Kill(h.Pid, syscall.SIGKILL)
	for deadline := time.Now().Add(5 * time.Second); launch.Alive(dir, h); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the supervisor survived SIGKILL")
		}
	}
	for timeout := time.After(5 * time.Second); ; {
		select {
		case id := <-woken:
			if id != r.wfID {
				continue
			}
		case <-timeout:
			t.Fatal("no wake for the launch of the killed supervisor")
		}
		break
	}
	syscall.Kill(-pid, syscall.SIGKILL)
	return h
}

// nodeDirOf is the directory of the launches of node row r.
func nodeDirOf(t *testing.T, e *Engine, r *actionRow) string {
	t.Helper()
	job, err := loadJob(context.Background(), e.db, r.wfID)
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(job.conf[ConfDir], r.name)
}

// alive reports whether the launch of node row r is still running.
func alive(t *testing.T, e *Engine, r *actionRow) bool {
	t.Helper()
	h, err := launch.ParseHandle(r.externalID)
	if err != nil {
		t.Fatal(err)
	}
	return launch.Alive(nodeDirOf(t, e, r), h)
}

// TestRelaunchNotStarted: a launch recorded as never started (its
// launcher died during the handshake) is launched again, once.
func TestRelaunchNotStarted(t *testing.T) {
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	woken := wakeChannel(e)
	log := filepath.Join(t.TempDir(), "log")
	req := request(t, "sleep", map[string]string{"seconds": "0.3", "log": log})
	id, _ := e.Start(context.Background(), req)
	row := waitRunning(t, e, id, "nap")
	// Replace the running launch by the record its supervisor leaves when
	// the launcher died after recording the handle but before the
	// handshake: unstarted.<pid>:<start time>:<seq>.
	h := killSupervisor(t, e, row, woken)
	rec := fmt.Sprintf("unstarted.%d:%d:%d", h.Pid, h.StartTime, h.Seq)
	if err := os.WriteFile(filepath.Join(req.Dir, "nap", rec), nil, 0o644); err != nil {
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

// TestLostProcess: a supervisor killed from outside leaves no exit record;
// the action ends in error (LOST) and the error transition is taken.
func TestLostProcess(t *testing.T) {
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	woken := wakeChannel(e)
	id, _ := e.Start(context.Background(), request(t, "sleep", map[string]string{"seconds": "30", "log": filepath.Join(t.TempDir(), "log")}))
	killSupervisor(t, e, waitRunning(t, e, id, "nap"), woken)
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
