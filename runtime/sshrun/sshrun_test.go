package sshrun_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/sshrun"
	"github.com/coordc/coordc/runtime/sshrun/sshtest"
)

func client(t *testing.T, srv *sshtest.Server, knownHosts string) *sshrun.Client {
	t.Helper()
	c, err := sshrun.New(sshrun.Config{KnownHosts: []string{knownHosts}, IdentityFiles: []string{srv.Identity}, RemoteDir: srv.Dir})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestRemoteRun runs commands through a real sshd: arguments with spaces,
// quotes and shell syntax arrive as single words (never interpreted),
// the exit status and stdout come back, a second Start of the same run
// starts nothing, and Kill stops a running command.
func TestRemoteRun(t *testing.T) {
	srv := sshtest.Start(t)
	c := client(t, srv, srv.KnownHosts)
	tgt, err := c.ParseTarget(srv.Target())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	marker := filepath.Join(srv.Dir, "pwned")
	args := []string{"a b", "it's", "$(touch " + marker + ")", "`x`;|&"}
	if st, err := c.Start(ctx, tgt, "run1", append([]string{"printf", "%s\\n"}, args...)); err != nil || st != sshrun.Running {
		t.Fatalf("Start = %v, %v", st, err)
	}
	st, code := wait(t, c, tgt, "run1")
	if st != sshrun.Exited || code != 0 {
		t.Fatalf("status %v %d", st, code)
	}
	out, err := c.Output(ctx, tgt, "run1", 2049)
	if err != nil || string(out) != strings.Join(args, "\n")+"\n" {
		t.Errorf("output %q, %v", out, err)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("an argument was run by the remote shell")
	}
	// Starting the same run again starts nothing.
	if st, err := c.Start(ctx, tgt, "run1", []string{"sh", "-c", "echo again >>" + marker}); err != nil || st != sshrun.Running {
		t.Fatalf("second Start = %v, %v", st, err)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("a claimed run was started again")
	}
	if st, _, _ := c.Status(ctx, tgt, "never"); st != sshrun.NotStarted {
		t.Errorf("unknown run: %v", st)
	}
	// Exit status and kill.
	c.Start(ctx, tgt, "run2", []string{"sh", "-c", "exit 7"})
	if st, code := wait(t, c, tgt, "run2"); st != sshrun.Exited || code != 7 {
		t.Errorf("exit 7: %v %d", st, code)
	}
	c.Start(ctx, tgt, "run3", []string{"sleep", "60"})
	if st, _, _ := c.Status(ctx, tgt, "run3"); st != sshrun.Running {
		t.Fatalf("sleep: %v", st)
	}
	if err := c.Kill(ctx, tgt, "run3"); err != nil {
		t.Fatal(err)
	}
	if st, _, _ := c.Status(ctx, tgt, "run3"); st != sshrun.Lost {
		t.Errorf("after kill: %v", st)
	}
}

// TestHostKeyChecked: a server whose key is not in known_hosts is refused.
func TestHostKeyChecked(t *testing.T) {
	srv := sshtest.Start(t)
	other := filepath.Join(t.TempDir(), "known_hosts")
	os.WriteFile(other, []byte("[127.0.0.1]:1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKMDs8+hLQ8tLmtBSEpcQTVBVbRdZ5DxwIoxmKLi3IuK\n"), 0o600)
	c := client(t, srv, other)
	tgt, _ := c.ParseTarget(srv.Target())
	if _, err := c.Start(context.Background(), tgt, "r", []string{"true"}); err == nil || !strings.Contains(err.Error(), "knownhosts") {
		t.Errorf("unknown host key: %v", err)
	}
}

func wait(t *testing.T, c *sshrun.Client, tgt sshrun.Target, run string) (sshrun.State, int) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		st, code, err := c.Status(context.Background(), tgt, run)
		if err != nil {
			t.Fatal(err)
		}
		if st != sshrun.Running {
			return st, code
		}
	}
	t.Fatalf("run %s still running", run)
	return 0, 0
}
