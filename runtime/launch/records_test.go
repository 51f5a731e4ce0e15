package launch

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var errLost = errors.New("the launch lost: its handle was not committed")

// waitFile waits until path exists.
func waitFile(t *testing.T, path string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := os.Stat(path); err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not appear within 10s", path)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestLosingLaunchLeavesOthersAlone is issue 11 F1's second half: two
// processes launch the same node; the one whose handle is not committed
// must not delete the winner's exit record or truncate its output (before
// the fix, it did both before its record callback was refused, and the
// winner's finished action read as lost).
func TestLosingLaunchLeavesOthersAlone(t *testing.T) {
	dir := t.TempDir()
	win := start(t, dir, "sh", "-c", "echo winner output; exit 3")
	if st := waitExit(t, dir, win); st != (Status{State: Exited, ExitCode: 3}) {
		t.Fatalf("winner: %+v", st)
	}
	var loser Handle
	_, err := Start(Spec{Dir: dir, Args: []string{"sh", "-c", "echo loser; exit 9"}}, func(h Handle) error {
		loser = h
		return errLost
	})
	if !errors.Is(err, errLost) {
		t.Fatalf("Start = %v, want the record error", err)
	}
	waitFile(t, filepath.Join(dir, unstartedPrefix+loser.ident()))
	if st := waitExit(t, dir, win); st != (Status{State: Exited, ExitCode: 3}) {
		t.Errorf("winner after the losing launch: %+v, want exited 3", st)
	}
	if out, _ := os.ReadFile(filepath.Join(dir, StdoutFile)); string(out) != "winner output\n" {
		t.Errorf("stdout = %q, want the winner's", out)
	}
	if st := waitExit(t, dir, loser); st.State != NotStarted {
		t.Errorf("loser: %+v, want not started", st)
	}
}

// TestRelaunchCrashWindow is issue 11 F2: the first launch's handle is
// committed but its command never starts (coordc died before "go"); a
// relaunch then dies before committing its own handle. The first handle
// must still read as NotStarted, so the next apply launches again; before
// the fix the relaunch had already removed the first exit record and the
// action read as lost (KILLED without ever running).
func TestRelaunchCrashWindow(t *testing.T) {
	dir := t.TempDir()
	var committed Handle
	_, err := Start(Spec{Dir: dir, Args: []string{"true"}}, func(h Handle) error {
		committed = h // the commit succeeded, then coordc died before "go"
		return errLost
	})
	if !errors.Is(err, errLost) {
		t.Fatal(err)
	}
	if st := waitExit(t, dir, committed); st.State != NotStarted {
		t.Fatalf("first launch: %+v, want not started", st)
	}
	// The relaunch dies between forking and committing.
	if _, err := Start(Spec{Dir: dir, Args: []string{"true"}}, func(Handle) error { return errLost }); !errors.Is(err, errLost) {
		t.Fatal(err)
	}
	if st := waitExit(t, dir, committed); st.State != NotStarted {
		t.Errorf("the committed handle after a relaunch crashed: %+v, want not started", st)
	}
	// The supervisor writes its unstarted record; wait for it, so that the
	// cleanup below has it to remove (on a loaded machine the record can
	// come late).
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if recs, _ := filepath.Glob(filepath.Join(dir, unstartedPrefix+"*")); len(recs) >= 2 || time.Now().After(deadline) {
			break
		}
	}
	// The next relaunch commits and runs; the old records are cleaned up.
	h := start(t, dir, "sh", "-c", "echo ran")
	if st := waitExit(t, dir, h); st != (Status{State: Exited}) {
		t.Errorf("relaunch: %+v", st)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, unstartedPrefix+"*")); len(left) != 0 {
		t.Errorf("stale records left: %v", left)
	}
}

// TestExitRecordWriteFailureIsRetried injects a failing record write: the
// exit record's name is a symlink into a directory that does not exist, so
// the supervisor's write fails (as on a full disk) until the link is
// removed. The launch must read as running and get its record once it
// can; before the fix (of the wrapper) the write was given up, and an
// action whose command succeeded read as lost (KILLED).
func TestExitRecordWriteFailureIsRetried(t *testing.T) {
	dir := t.TempDir()
	blocked := filepath.Join(dir, ExitFile)
	if err := os.Symlink(filepath.Join(t.TempDir(), "gone", "exit"), blocked); err != nil {
		t.Fatal(err)
	}
	h := start(t, dir, "true")
	time.Sleep(1500 * time.Millisecond) // the command is done; the record write fails
	st, err := Attach(dir, h)
	if err != nil || st.State != Running {
		t.Fatalf("while the record cannot be written: %+v, %v; want running (re-checked later)", st, err)
	}
	os.Remove(blocked)
	if st := waitExit(t, dir, h); st != (Status{State: Exited}) {
		t.Errorf("after the disk has room: %+v, want exited 0", st)
	}
}

// TestExitRecordExtendsStart checks the exit record of a command whose
// start record is still in place, which the supervisor appends its status
// to, and of one whose start record was replaced meanwhile (here by hand),
// which the supervisor writes whole instead: in both cases the file holds
// exactly the launch's exit record.
func TestExitRecordExtendsStart(t *testing.T) {
	for _, replace := range []bool{false, true} {
		dir := t.TempDir()
		h := start(t, dir, "sh", "-c", "sleep 0.3; exit 7")
		path := filepath.Join(dir, ExitFile)
		var startRec string
		for deadline := time.Now().Add(10 * time.Second); startRec == ""; time.Sleep(time.Millisecond) {
			data, _ := os.ReadFile(path)
			startRec = string(data)
			if time.Now().After(deadline) {
				t.Fatal("no start record within 10s")
			}
		}
		if replace {
			if err := os.WriteFile(path, []byte("1:2:3 4 0\n"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		if st := waitExit(t, dir, h); st != (Status{State: Exited, ExitCode: 7}) {
			t.Errorf("replaced %v: %+v, want exited 7", replace, st)
		}
		if got, err := os.ReadFile(path); err != nil || string(got) != startRec+" 7\n" {
			t.Errorf("replaced %v: exit record %q (%v), want %q", replace, got, err, startRec+" 7\n")
		}
	}
}

// TestIncompleteExitRecord: a record without its final newline is one
// still being written, read as no record at all.
func TestIncompleteExitRecord(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ExitFile), []byte("42 0"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r, err := readRecord(dir, Handle{Pid: 42}); r.ended() || err != nil {
		t.Errorf("readRecord of an incomplete record = %+v, %v; want none", r, err)
	}
	if err := os.WriteFile(filepath.Join(dir, ExitFile), []byte("42 0\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r, err := readRecord(dir, Handle{Pid: 42}); err != nil || r.status != (Status{State: Exited}) {
		t.Errorf("readRecord of the complete record = %+v, %v; want exited 0", r, err)
	}
}

// TestOutputIsPrivate checks the modes of the action directory and the
// output files, also when they existed with wider modes.
func TestOutputIsPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "node")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, StdoutFile), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	h := start(t, dir, "sh", "-c", "echo out; echo err >&2")
	waitExit(t, dir, h)
	for name, want := range map[string]os.FileMode{"": 0o700, StdoutFile: 0o600, StderrFile: 0o600} {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Mode().Perm(); got&^want != 0 {
			t.Errorf("%s: mode %v, want at most %v", cmpOr(name, "dir"), got, want)
		}
	}
	if out, _ := os.ReadFile(filepath.Join(dir, StdoutFile)); string(out) != "out\n" {
		t.Errorf("stdout = %q", out)
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
