package launch

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// wrapperBefore is the wrapper of coordc before the output files were
// created by the wrapper itself (commit e1a8064): its directory layout
// and records are what a running action launched by that version has.
const wrapperBefore = `d=$1
shift
IFS= read -r go <&3 || go=
exec 3<&-
if [ "$go" != go ]; then
	until printf '%s unstarted\n' "$$" >"$d/unstarted.$$"; do sleep 1; done
	exit 0
fi
s=126
if command exec >"$d/stdout" 2>"$d/stderr"; then
	"$@"
	s=$?
fi
until printf '%s %s\n' "$$" "$s" >"$d/exit"; do sleep 1; done
`

// startBefore launches args as the previous version did: it created the
// output files, forked wrapperBefore and sent "go" unless abandon.
func startBefore(t *testing.T, dir string, abandon bool, args ...string) Handle {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{StdoutFile, StderrFile} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	cmd := exec.Command("/bin/sh", append([]string{"-c", wrapperBefore, "coordc-launch", dir}, args...)...)
	cmd.Dir, cmd.ExtraFiles, cmd.SysProcAttr = dir, []*os.File{r}, &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r.Close()
	go cmd.Wait()
	st, err := readStat(cmd.Process.Pid)
	if err != nil {
		t.Fatal(err)
	}
	if !abandon {
		if _, err := w.Write([]byte("go\n")); err != nil {
			t.Fatal(err)
		}
	}
	return Handle{Pid: cmd.Process.Pid, StartTime: st.start}
}

// TestAttachAfterUpgrade checks that processes launched by the previous
// version are found by this one: a running action is Running, then
// Exited with its status and output; an abandoned launch is NotStarted
// and relaunched in the same directory without losing anything; Kill
// stops a running one and records its status.
func TestAttachAfterUpgrade(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	stop := filepath.Join(t.TempDir(), "stop")
	h := startBefore(t, dir, false, "sh", "-c", `echo started; while [ ! -e "$1" ]; do sleep 0.01; done; exit 7`, "sh", stop)
	if st, err := Attach(dir, h); err != nil || st.State != Running {
		t.Fatalf("Attach of the running action = %+v, %v; want running", st, err)
	}
	if err := os.WriteFile(stop, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if st := waitExit(t, dir, h); st != (Status{State: Exited, ExitCode: 7}) {
		t.Errorf("status = %+v, want exited 7", st)
	}
	if out, _ := os.ReadFile(filepath.Join(dir, StdoutFile)); string(out) != "started\n" {
		t.Errorf("stdout = %q", out)
	}

	// A launch of the previous version abandoned before "go", relaunched
	// by this one.
	dir2 := filepath.Join(t.TempDir(), "run")
	old := startBefore(t, dir2, true, "sh", "-c", "echo never")
	if st := waitExit(t, dir2, old); st.State != NotStarted {
		t.Fatalf("abandoned launch: %+v, want not started", st)
	}
	h2 := start(t, dir2, "sh", "-c", "echo again")
	if st := waitExit(t, dir2, h2); st != (Status{State: Exited}) {
		t.Errorf("relaunch: %+v", st)
	}
	if out, _ := os.ReadFile(filepath.Join(dir2, StdoutFile)); string(out) != "again\n" {
		t.Errorf("relaunch stdout = %q", out)
	}

	// Kill of a running action of the previous version.
	dir3 := filepath.Join(t.TempDir(), "run")
	h3 := startBefore(t, dir3, false, "sleep", "30")
	if err := Kill(context.Background(), dir3, h3, 2*time.Second); err != nil {
		t.Fatal(err)
	}
	if st, err := Attach(dir3, h3); err != nil || st != (Status{State: Exited, ExitCode: 143}) {
		t.Errorf("after Kill: %+v, %v; want exited 143", st, err)
	}
}
