package launch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// waitExit polls Attach until the state is not Running.
func waitExit(t *testing.T, dir string, h Handle) Status {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		st, err := Attach(dir, h)
		if err != nil {
			t.Fatalf("Attach: %v", err)
		}
		if st.State != Running {
			return st
		}
		if time.Now().After(deadline) {
			t.Fatalf("process %v still running after 10s", h)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func start(t *testing.T, dir string, args ...string) Handle {
	t.Helper()
	var recorded Handle
	h, err := Start(Spec{Dir: dir, Args: args}, func(h Handle) error { recorded = h; return nil })
	if err != nil {
		t.Fatalf("Start(%q): %v", args, err)
	}
	if recorded != h || h.Pid <= 0 {
		t.Fatalf("recorded %v, returned %v", recorded, h)
	}
	return h
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		args []string
		want Status
	}{
		{[]string{"true"}, Status{State: Exited}},
		{[]string{"false"}, Status{State: Exited, ExitCode: 1}},
		{[]string{"sh", "-c", "exit 3"}, Status{State: Exited, ExitCode: 3}},
		{[]string{"/nonexistent/command"}, Status{State: Exited, ExitCode: 127}},
		{[]string{"no-such-command-coordc"}, Status{State: Exited, ExitCode: 127}},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		h := start(t, dir, tt.args...)
		if diff := cmp.Diff(tt.want, waitExit(t, dir, h)); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.args, diff)
		}
	}
}

// TestArgvNotShellParsed passes shell syntax as arguments: it must arrive
// byte for byte, and nothing in it may run.
func TestArgvNotShellParsed(t *testing.T) {
	dir := t.TempDir()
	marker := filepath.Join(dir, "pwned")
	args := []string{"printf", `%s|`, "$(touch " + marker + ")", "a b", "`id`", "'\"", "; rm -rf /", "$HOME", ""}
	h := start(t, dir, args...)
	if st := waitExit(t, dir, h); st != (Status{State: Exited}) {
		t.Fatalf("status %+v", st)
	}
	out, err := os.ReadFile(filepath.Join(dir, StdoutFile))
	if err != nil {
		t.Fatal(err)
	}
	want := "$(touch " + marker + ")|a b|`id`|'\"|; rm -rf /|$HOME||"
	if diff := cmp.Diff(want, string(out)); diff != "" {
		t.Errorf("stdout (-want +got):\n%s", diff)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("an argument was run by a shell")
	}
}

// TestBuiltinNamesRunExecutables: a command named like a shell builtin
// runs the executable of that name on PATH, as Oozie's launcher runs it;
// one without an executable is not found, and never runs as the builtin
// (eval would parse its argument as shell code, exit and exec would end
// the wrapper before its record).
func TestBuiltinNamesRunExecutables(t *testing.T) {
	marker := filepath.Join(t.TempDir(), "pwned")
	tests := []struct {
		args   []string
		want   Status
		stdout string
	}{
		// dash's builtin echo would print two lines; /bin/echo does not
		// interpret the backslash.
		{[]string{"echo", `a\nb`}, Status{State: Exited}, "a\\nb\n"},
		{[]string{"printf", `%s`, "x"}, Status{State: Exited}, "x"},
		{[]string{"eval", "touch " + marker}, Status{State: Exited, ExitCode: 127}, ""},
		{[]string{"exit", "3"}, Status{State: Exited, ExitCode: 127}, ""},
		{[]string{"exec", "touch", marker}, Status{State: Exited, ExitCode: 127}, ""},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		h := start(t, dir, tt.args...)
		if diff := cmp.Diff(tt.want, waitExit(t, dir, h)); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.args, diff)
		}
		out, err := os.ReadFile(filepath.Join(dir, StdoutFile))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.stdout, string(out)); diff != "" {
			t.Errorf("%q stdout (-want +got):\n%s", tt.args, diff)
		}
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("a builtin ran the command")
	}
}

func TestEnvWorkDirAndStderr(t *testing.T) {
	dir, work := t.TempDir(), t.TempDir()
	h, err := Start(Spec{Dir: dir, WorkDir: work, Env: []string{"COORDC_X=a b", "COORDC_X=c"},
		Args: []string{"sh", "-c", `printf '%s %s' "$COORDC_X" "$(pwd)"; echo oops >&2; read x; echo "stdin=$x"`}},
		func(Handle) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	waitExit(t, dir, h)
	out, _ := os.ReadFile(filepath.Join(dir, StdoutFile))
	errOut, _ := os.ReadFile(filepath.Join(dir, StderrFile))
	if diff := cmp.Diff("c "+work+"stdin=\n", string(out)); diff != "" {
		t.Errorf("stdout (-want +got):\n%s", diff)
	}
	if string(errOut) != "oops\n" {
		t.Errorf("stderr = %q", errOut)
	}
}

// TestRecordFailureNeverRuns: when the caller cannot persist the handle,
// the command must not run.
func TestRecordFailureNeverRuns(t *testing.T) {
	dir := t.TempDir()
	marker := filepath.Join(dir, "ran")
	var h Handle
	_, err := Start(Spec{Dir: dir, Args: []string{"touch", marker}}, func(got Handle) error {
		h = got
		return errors.New("disk full")
	})
	if err == nil || err.Error() != "disk full" {
		t.Fatalf("Start error = %v, want the record error", err)
	}
	if st := waitExit(t, dir, h); st.State != NotStarted {
		t.Errorf("state = %v, want not started", st.State)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("the command ran although its handle was not recorded")
	}
}

func TestKill(t *testing.T) {
	dir := t.TempDir()
	h := start(t, dir, "sleep", "60")
	if st, _ := Attach(dir, h); st.State != Running {
		t.Fatalf("state = %v, want running", st.State)
	}
	begin := time.Now()
	if err := Kill(context.Background(), dir, h, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(begin); d > 3*time.Second {
		t.Errorf("Kill took %v for a process that stops on SIGTERM", d)
	}
	if diff := cmp.Diff(Status{State: Exited, ExitCode: 143}, waitExit(t, dir, h)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if err := Kill(context.Background(), dir, h, time.Second); err != nil {
		t.Errorf("second Kill: %v", err)
	}
}

func TestKillEscalates(t *testing.T) {
	dir := t.TempDir()
	h := start(t, dir, "sh", "-c", "trap '' TERM; echo ready; while :; do sleep 0.05; done")
	for deadline := time.Now().Add(5 * time.Second); ; {
		if out, _ := os.ReadFile(filepath.Join(dir, StdoutFile)); string(out) == "ready\n" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the command did not start")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := Kill(context.Background(), dir, h, 200*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Status{State: Exited, ExitCode: 137}, waitExit(t, dir, h)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestWrapperKilledIsLost: a wrapper killed behind launch's back leaves no
// record.
func TestWrapperKilledIsLost(t *testing.T) {
	dir := t.TempDir()
	h := start(t, dir, "sleep", "60")
	if err := syscall.Kill(-h.Pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if st := waitExit(t, dir, h); st.State != Lost {
		t.Errorf("state = %v, want lost", st.State)
	}
}

func TestReusedPidIsNotAlive(t *testing.T) {
	st, err := readStat(os.Getpid())
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	self := Handle{Pid: os.Getpid(), StartTime: st.start}
	if !Alive(self) {
		t.Error("the test process is not alive")
	}
	other := Handle{Pid: os.Getpid(), StartTime: st.start + 1}
	if Alive(other) {
		t.Error("a handle with another start time is alive")
	}
	if s, err := Attach(t.TempDir(), other); err != nil || s.State != Lost {
		t.Errorf("Attach = %+v, %v; want lost", s, err)
	}
}

func TestStaleExitRecordIgnored(t *testing.T) {
	dir := t.TempDir()
	h := start(t, dir, "sleep", "0.3")
	// A record left by another launch (another pid) must not count.
	if err := os.WriteFile(filepath.Join(dir, ExitFile), []byte("1 0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if st, _ := Attach(dir, h); st.State != Running {
		t.Errorf("state = %v, want running", st.State)
	}
	if st := waitExit(t, dir, h); st != (Status{State: Exited}) {
		t.Errorf("status %+v", st)
	}
}

func TestStartErrors(t *testing.T) {
	ok := func(Handle) error { return nil }
	for _, spec := range []Spec{{Dir: t.TempDir()}, {Dir: t.TempDir(), Args: []string{""}}, {Args: []string{"true"}}} {
		if _, err := Start(spec, ok); err == nil {
			t.Errorf("Start(%+v) succeeded", spec)
		}
	}
	file := filepath.Join(t.TempDir(), "f")
	os.WriteFile(file, nil, 0o644)
	if _, err := Start(Spec{Dir: filepath.Join(file, "sub"), Args: []string{"true"}}, ok); err == nil {
		t.Error("Start under a file succeeded")
	}
	if _, err := Attach(file, Handle{Pid: 1}); err == nil {
		t.Error("Attach with a file as directory succeeded")
	}
}

// TestExitedCalledOnce: Spec.Exited is called once the process ended, with
// its exit record already readable, whether it ran or never started.
func TestExitedCalledOnce(t *testing.T) {
	for _, refuse := range []bool{false, true} {
		dir := t.TempDir()
		exited := make(chan struct{}, 2)
		spec := Spec{Dir: dir, Args: []string{"true"}, Exited: func() { exited <- struct{}{} }}
		h, err := Start(spec, func(Handle) error {
			if refuse {
				return errors.New("refused")
			}
			return nil
		})
		if (err != nil) != refuse {
			t.Fatalf("refuse=%v: Start: %v", refuse, err)
		}
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			t.Fatalf("refuse=%v: Exited not called within 10s", refuse)
		}
		if !refuse {
			if st, err := Attach(dir, h); err != nil || st.State != Exited {
				t.Errorf("after Exited: Attach = %v, %v; want exited", st, err)
			}
		}
		select {
		case <-exited:
			t.Errorf("refuse=%v: Exited called twice", refuse)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// TestCommandKeepsUmask checks that the command runs under coordc's umask,
// although the wrapper creates the output files and records under 077.
func TestCommandKeepsUmask(t *testing.T) {
	want, err := umask()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "node")
	h := start(t, dir, "sh", "-c", "umask")
	if st := waitExit(t, dir, h); st != (Status{State: Exited}) {
		t.Fatalf("status = %+v", st)
	}
	out, _ := os.ReadFile(filepath.Join(dir, StdoutFile))
	if got := strings.TrimSpace(string(out)); got != want {
		t.Errorf("command's umask = %q, want coordc's %q", got, want)
	}
	for _, name := range []string{StdoutFile, StderrFile, ExitFile} {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Mode().Perm(); got&^0o600 != 0 {
			t.Errorf("%s: mode %v, want at most 0600", name, got)
		}
	}
}
