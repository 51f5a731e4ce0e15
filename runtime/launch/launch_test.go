package launch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
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
// a shell wrapper before its record).
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

// TestSupervisorKilledIsLost: a supervisor killed behind launch's back
// leaves its running launches without a record (lost), and the next
// launch starts another supervisor.
func TestSupervisorKilledIsLost(t *testing.T) {
	dir := t.TempDir()
	exited := make(chan struct{})
	h, err := Start(Spec{Dir: dir, Args: []string{"sleep", "60"}, Exited: func() { close(exited) }}, func(Handle) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	pid := commandPidOf(t, dir, h)
	defer syscall.Kill(-pid, syscall.SIGKILL) // orphaned by its supervisor's death
	if err := syscall.Kill(h.Pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if st := waitExit(t, dir, h); st.State != Lost {
		t.Errorf("state = %v, want lost", st.State)
	}
	// The hint comes once the supervisor's pipes are closed, all its
	// threads gone: from then on, a launch goes to another supervisor. (A
	// launch prepared while the supervisor's last threads were exiting
	// would be lost with it.)
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
		t.Fatal("no Exited hint after the supervisor died")
	}
	dir2 := t.TempDir()
	h2 := start(t, dir2, "sh", "-c", "exit 4")
	if h2.Pid == h.Pid && h2.StartTime == h.StartTime {
		t.Errorf("the launch after the supervisor died has its handle %v", h2)
	}
	if st := waitExit(t, dir2, h2); st != (Status{State: Exited, ExitCode: 4}) {
		t.Errorf("launch after the supervisor died: %+v, want exited 4", st)
	}
}

// commandPidOf waits for the start record of the launch h and returns the
// command's pid.
func commandPidOf(t *testing.T, dir string, h Handle) int {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		r, err := readRecord(dir, h)
		if err != nil {
			t.Fatal(err)
		}
		if r.pid > 0 {
			return r.pid
		}
		if time.Now().After(deadline) {
			t.Fatalf("no start record for %v", h)
		}
	}
}

func TestReusedPidIsNotAlive(t *testing.T) {
	st, err := readStat(os.Getpid())
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	self := Handle{Pid: os.Getpid(), StartTime: st.start}
	if !Alive(t.TempDir(), self) {
		t.Error("the test process is not alive")
	}
	other := Handle{Pid: os.Getpid(), StartTime: st.start + 1}
	if Alive(t.TempDir(), other) {
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
// while the records and output files are made readable by the owner only.
func TestCommandKeepsUmask(t *testing.T) {
	want := umaskOf(t)
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

// umaskOf reads the test process's umask, in octal, from /proc.
func umaskOf(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(data)) {
		if v, ok := strings.CutPrefix(line, "Umask:"); ok {
			return strings.TrimSpace(v)
		}
	}
	t.Fatal("no umask in /proc/self/status")
	return ""
}

// TestShellScriptWithoutInterpreter: an executable file that is neither a
// binary nor a "#!" script runs with /bin/sh, as Java's ProcessBuilder
// (Oozie's launcher) runs it; found on PATH or named by a path.
func TestShellScriptWithoutInterpreter(t *testing.T) {
	bin := t.TempDir()
	script := filepath.Join(bin, "plain-script")
	if err := os.WriteFile(script, []byte("echo \"ran $1\"\nexit 5\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, spec := range []Spec{
		{Args: []string{script, "by path"}},
		{Args: []string{"plain-script", "on PATH"}, Env: []string{"PATH=" + bin + ":/usr/bin:/bin"}},
	} {
		spec.Dir = t.TempDir()
		h, err := Start(spec, func(Handle) error { return nil })
		if err != nil {
			t.Fatal(err)
		}
		if st := waitExit(t, spec.Dir, h); st != (Status{State: Exited, ExitCode: 5}) {
			t.Errorf("%q: %+v, want exited 5", spec.Args, st)
		}
		if out, _ := os.ReadFile(filepath.Join(spec.Dir, StdoutFile)); string(out) != "ran "+spec.Args[1]+"\n" {
			t.Errorf("%q: stdout %q", spec.Args, out)
		}
	}
}

// TestCannotStart: a command that cannot start ends with a shell's status
// (127 not found, 126 not executable) and says why on its stderr.
func TestCannotStart(t *testing.T) {
	bin := t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "not-exec"), []byte("echo no\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(bin, "a-dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"no-such-command-coordc"}, 127},
		{[]string{filepath.Join(bin, "missing")}, 127},
		{[]string{"not-exec"}, 126},
		{[]string{filepath.Join(bin, "not-exec")}, 126},
		{[]string{"a-dir"}, 126},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		h, err := Start(Spec{Dir: dir, Args: tt.args, Env: []string{"PATH=" + bin}}, func(Handle) error { return nil })
		if err != nil {
			t.Fatal(err)
		}
		if st := waitExit(t, dir, h); st != (Status{State: Exited, ExitCode: tt.code}) {
			t.Errorf("%q: %+v, want exited %d", tt.args, st, tt.code)
		}
		if msg, _ := os.ReadFile(filepath.Join(dir, StderrFile)); !strings.HasPrefix(string(msg), "coordc: cannot run "+tt.args[0]+": ") {
			t.Errorf("%q: stderr %q", tt.args, msg)
		}
	}
	// A working directory that is gone.
	dir := t.TempDir()
	h, err := Start(Spec{Dir: dir, WorkDir: filepath.Join(bin, "gone"), Args: []string{"true"}}, func(Handle) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if st := waitExit(t, dir, h); st != (Status{State: Exited, ExitCode: 126}) {
		t.Errorf("missing working directory: %+v, want exited 126", st)
	}
	if msg, _ := os.ReadFile(filepath.Join(dir, StderrFile)); !strings.HasPrefix(string(msg), "coordc: cannot run true: working directory: ") {
		t.Errorf("missing working directory: stderr %q", msg)
	}
}

// TestLookPath: a name is searched in the environment's PATH (an empty
// entry or "." is the working directory; the first executable file
// wins; a default path when PATH is unset), a name with a slash is used
// as it is.
func TestLookPath(t *testing.T) {
	a, b, work := t.TempDir(), t.TempDir(), t.TempDir()
	for _, f := range []struct {
		path string
		mode os.FileMode
	}{{filepath.Join(a, "tool"), 0o644}, {filepath.Join(b, "tool"), 0o755}, {filepath.Join(work, "here"), 0o755}} {
		if err := os.WriteFile(f.path, nil, f.mode); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name, path string
		want       string
		err        error
	}{
		{"tool", a + ":" + b, b + "/tool", nil},
		{"tool", a, "", syscall.EACCES},
		{"here", a + "::" + b, "./here", nil},
		{"here", ".", "./here", nil},
		{"here", a, "", errNotFound},
		{"./x/y", a, "./x/y", nil},
		{"sh", "", "", nil}, // PATH unset: the default path
	}
	for _, tt := range tests {
		env := []string{"HOME=/"}
		if tt.path != "" {
			env = append(env, "PATH="+tt.path)
		}
		got, err := lookPath(tt.name, work, env)
		if tt.path == "" {
			if err != nil || !strings.HasSuffix(got, "/sh") {
				t.Errorf("lookPath(sh) without PATH = %q, %v", got, err)
			}
			continue
		}
		if got != tt.want || !errors.Is(err, tt.err) && err != tt.err {
			t.Errorf("lookPath(%q, PATH=%q) = %q, %v; want %q, %v", tt.name, tt.path, got, err, tt.want, tt.err)
		}
	}
}

// TestEnvironment: the command gets the launcher's environment, Spec.Env
// (a later entry wins) and PWD set to its working directory, as a shell
// would set it.
func TestEnvironment(t *testing.T) {
	t.Setenv("COORDC_TEST_INHERITED", "yes")
	t.Setenv("PWD", "/somewhere/else")
	dir := t.TempDir()
	h, err := Start(Spec{Dir: dir, Args: []string{"env"}, Env: []string{"COORDC_A=1", "COORDC_B=2", "COORDC_A=3"}},
		func(Handle) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	waitExit(t, dir, h)
	out, _ := os.ReadFile(filepath.Join(dir, StdoutFile))
	got := map[string]int{}
	for line := range strings.Lines(string(out)) {
		got[strings.TrimSuffix(line, "\n")]++
	}
	for _, want := range []string{"COORDC_TEST_INHERITED=yes", "COORDC_A=3", "COORDC_B=2", "PWD=" + dir} {
		if got[want] != 1 {
			t.Errorf("environment has %q %d times, want once:\n%s", want, got[want], out)
		}
	}
	if got["COORDC_A=1"] != 0 {
		t.Errorf("the earlier COORDC_A is in the environment:\n%s", out)
	}
}

func TestMergeEnv(t *testing.T) {
	got := mergeEnv([]string{"A=1", "B=2", "C"}, []string{"B=3", "D=4", "A=5"})
	if diff := cmp.Diff([]string{"A=5", "B=3", "C", "D=4"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestKillSparesReusedPid: Kill signals the pid of a launch's start record
// only while it is its supervisor's child; here the record names another
// process (as a pid reused after the command was reaped would), which
// must survive.
func TestKillSparesReusedPid(t *testing.T) {
	dir := t.TempDir()
	h := start(t, dir, "sleep", "60")
	pid := commandPidOf(t, dir, h)
	t.Cleanup(func() { // before the directory is removed: the end record goes there
		syscall.Kill(-pid, syscall.SIGKILL)
		waitExit(t, dir, h)
	})
	other := exec.Command("sleep", "60")
	other.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := other.Start(); err != nil {
		t.Fatal(err)
	}
	defer other.Wait()
	defer other.Process.Kill()
	rec := fmt.Sprintf("%d:%d:%d %d", h.Pid, h.StartTime, h.Seq, other.Process.Pid)
	if err := os.WriteFile(filepath.Join(dir, ExitFile), []byte(rec), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Kill(context.Background(), dir, h, time.Second); err != nil {
		t.Fatal(err)
	}
	// Not Signal(0): a process killed but not yet waited for still takes
	// signals, as a zombie.
	if st, err := readStat(other.Process.Pid); err != nil || st.state == 'Z' {
		t.Errorf("Kill signalled a process that is not the supervisor's child: state %q, %v", st.state, err)
	}
}
