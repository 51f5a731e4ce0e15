package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/state/statetest"
)

// childArgsEnv makes the test binary run the CLI instead of the tests:
// its value is the JSON array of arguments (after "coordc").
const childArgsEnv = "COORDC_TEST_CHILD_ARGS"

// TestMain runs the CLI when the test binary is re-executed as a child
// (crash and signal tests), and the tests otherwise.
func TestMain(m *testing.M) {
	if v := os.Getenv(childArgsEnv); v != "" {
		var args []string
		if err := json.Unmarshal([]byte(v), &args); err != nil {
			os.Stderr.WriteString("bad " + childArgsEnv + ": " + err.Error() + "\n")
			os.Exit(exitInternal)
		}
		os.Exit(run(append([]string{"coordc"}, args...), os.Stdin, os.Stdout, os.Stderr))
	}
	statetest.Main(m, pgTests)
}

// pgTests are the tests that run again on PostgreSQL (statetest.Main):
// every test of apply and the ops commands on a state database.
const pgTests = "^(TestJobOperations|TestJobsAndStatusText|TestReadmeCommand|TestApplyIdempotent|TestApplyChangedDefinition|" +
	"TestApplyFailure|TestApplyBundle|TestBundleCommands|TestBundleLifecycleEndToEnd|TestOpsWhileApplyRuns|TestKillWhileApplyRuns|TestApplyCrash|TestApplyCrashRelaunch|" +
	"TestConcurrentApply|TestStatusJSONEmpty|TestStateTarget|TestStatusDefinition|TestChaos.*|TestPurgeAndPages|TestServerAcceptancePostgres|TestTwoServersOnePostgres|TestRerunFailedNodes|TestSLAThroughServer|TestRerunWorkflowJob|TestRerunWorkflowJobServer)$"

// stateDB is a fresh state database for t: <dir>/state.db on SQLite, a
// postgres:// URL of a schema of t's own on PostgreSQL.
func stateDB(t *testing.T, dir string) string {
	t.Helper()
	if statetest.Postgres() {
		return statetest.Schema(t)
	}
	return filepath.Join(dir, "state.db")
}

// child is coordc running in a child process.
type child struct {
	cmd    *exec.Cmd
	stderr *bytes.Buffer
}

// startChild starts `coordc args...` as a child process in dir.
func startChild(t *testing.T, dir string, args ...string) *child {
	t.Helper()
	data, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), childArgsEnv+"="+string(data))
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return &child{cmd: cmd, stderr: &stderr}
}

// wait waits for the child and returns its exit code (-1 when killed by a
// signal).
func (c *child) wait() int {
	err := c.cmd.Wait()
	if err == nil {
		return 0
	}
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	return -1
}

// waitOK waits at most timeout for the child to exit 0 (what names it in
// the failure); a child still running then is killed.
func (c *child) waitOK(t *testing.T, timeout time.Duration, what string) {
	t.Helper()
	exited := make(chan int, 1)
	go func() { exited <- c.wait() }()
	select {
	case code := <-exited:
		if code != exitOK {
			t.Fatalf("%s exited %d:\n%s", what, code, c.stderr)
		}
	case <-time.After(timeout):
		c.cmd.Process.Kill()
		<-exited
		t.Fatalf("%s did not finish:\n%s", what, c.stderr)
	}
}

// killOnceStarted runs apply (args) as a child in dir, SIGKILLs it as soon
// as the file marker is not empty (what names the awaited start in the
// failure), runs apply again in-process to the end and returns marker's
// final content: the crash tests of the action types count executions in
// it.
func killOnceStarted(t *testing.T, dir, marker, what string, timeout time.Duration, args []string) string {
	t.Helper()
	ch := startChild(t, dir, args...)
	for deadline := time.Now().Add(timeout); ; time.Sleep(5 * time.Millisecond) {
		if data, _ := os.ReadFile(marker); len(data) > 0 {
			break
		}
		if time.Now().After(deadline) {
			ch.cmd.Process.Kill()
			ch.wait()
			t.Fatalf("no %s started:\n%s", what, ch.stderr)
		}
	}
	if err := ch.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	ch.wait()
	t.Chdir(dir)
	if stdout, stderr, code := coordc(t, args...); code != exitOK {
		t.Fatalf("restarted apply: exit %d\n%s%s", code, stdout, stderr)
	}
	data, err := os.ReadFile(marker)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
