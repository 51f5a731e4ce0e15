package launch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// pollInterval is how often Kill looks whether the process group is gone.
const pollInterval = 20 * time.Millisecond

// Kill stops the process h launched in dir and everything it started:
// SIGTERM to its process group, then SIGKILL when the group is still there
// after grace (or when ctx ends). It then writes the exit record, 143 or
// 137, unless the command had already ended and the wrapper wrote its own.
// A process that is no longer running is left alone, so a reused pid is
// never signalled.
func Kill(ctx context.Context, dir string, h Handle, grace time.Duration) error {
	if !Alive(h) {
		return nil
	}
	sig := syscall.SIGTERM
	if err := signalGroup(h.Pid, sig); err != nil {
		return err
	}
	timer := time.NewTimer(grace)
	defer timer.Stop()
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	for waiting := true; waiting && groupExists(h.Pid); {
		select {
		case <-tick.C:
			continue
		case <-timer.C:
		case <-ctx.Done():
		}
		sig, waiting = syscall.SIGKILL, false
		if err := signalGroup(h.Pid, sig); err != nil {
			return err
		}
	}
	// SIGKILL cannot be refused, but the kernel and the reaper need a moment.
	for i := 0; i < 50 && groupExists(h.Pid); i++ {
		time.Sleep(pollInterval)
	}
	return writeKilled(dir, h.Pid, 128+int(sig))
}

func signalGroup(pgid int, sig syscall.Signal) error {
	err := syscall.Kill(-pgid, sig)
	if err != nil && !errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("launch: cannot send %v to process group %d: %w", sig, pgid, err)
	}
	return nil
}

// groupExists reports whether a process of group pgid is left (a zombie
// counts until its parent reaps it: launch's own or, after a restart, init).
func groupExists(pgid int) bool { return syscall.Kill(-pgid, 0) == nil }

// writeKilled writes the exit record of a killed wrapper without replacing
// one the wrapper wrote itself.
func writeKilled(dir string, pid, code int) error {
	tmp := filepath.Join(dir, fmt.Sprintf("exit.kill.%d", pid))
	if err := os.WriteFile(tmp, fmt.Appendf(nil, "%d %d\n", pid, code), 0o600); err != nil {
		return fmt.Errorf("launch: %w", err)
	}
	defer os.Remove(tmp)
	err := os.Link(tmp, filepath.Join(dir, ExitFile))
	if errors.Is(err, os.ErrExist) {
		if _, ours, rerr := readExit(dir, pid); ours || rerr != nil {
			return rerr
		}
		err = os.Rename(tmp, filepath.Join(dir, ExitFile)) // a stale record of another launch
	}
	if err != nil {
		return fmt.Errorf("launch: %w", err)
	}
	return nil
}
