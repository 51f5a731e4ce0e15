package launch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// pollInterval is how often Kill looks whether the process group is gone.
const pollInterval = 20 * time.Millisecond

// Kill stops the launch h in dir and everything its command started:
// SIGTERM to the command's process group, then SIGKILL when the group is
// still there after grace (or when ctx ends). Its exit record then says
// 143 or 137: the supervisor (or wrapper) writes it as the command ends,
// and Kill writes it itself when they cannot. A launch that is no longer
// running is left alone, so a reused pid is never signalled.
func Kill(ctx context.Context, dir string, h Handle, grace time.Duration) error {
	if !Alive(dir, h) {
		return nil
	}
	pgid := h.Pid // a wrapper leads the group of its command
	if h.Seq != 0 {
		pid, err := commandPid(ctx, dir, h)
		if err != nil || pid == 0 {
			return err
		}
		pgid = pid
	}
	sig := syscall.SIGTERM
	if err := signalGroup(pgid, sig); err != nil {
		return err
	}
	timer := time.NewTimer(grace)
	defer timer.Stop()
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	for waiting := true; waiting && groupExists(pgid); {
		select {
		case <-tick.C:
			continue
		case <-timer.C:
		case <-ctx.Done():
		}
		sig, waiting = syscall.SIGKILL, false
		if err := signalGroup(pgid, sig); err != nil {
			return err
		}
	}
	// SIGKILL cannot be refused, but the kernel and the reaper need a
	// moment, and so does the record of the process that reaps.
	for i := 0; i < 50 && (groupExists(pgid) || Alive(dir, h)); i++ {
		time.Sleep(pollInterval)
	}
	return writeKilled(dir, h, pgid, 128+int(sig))
}

// commandPid returns the pid of the command of the supervisor's launch h
// from its start record, waiting while the launch is about to start; 0
// when the launch ended first. The pid counts only while it is the
// supervisor's child (running, or ended and not yet reaped): once reaped
// the pid is free for another process, whose group must not be signalled,
// and the command's record is on its way.
func commandPid(ctx context.Context, dir string, h Handle) (int, error) {
	for {
		r, err := readRecord(dir, h)
		if err != nil || r.ended() {
			return 0, err
		}
		if r.pid > 0 {
			if st, err := readStat(r.pid); err != nil || st.ppid != h.Pid {
				return 0, nil
			}
			return r.pid, nil
		}
		if !Alive(dir, h) {
			return 0, nil
		}
		select {
		case <-ctx.Done():
			return 0, fmt.Errorf("launch: the command of %v has not started: %w", h, ctx.Err())
		case <-time.After(pollInterval):
		}
	}
}

func signalGroup(pgid int, sig syscall.Signal) error {
	err := syscall.Kill(-pgid, sig)
	if err != nil && !errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("launch: cannot send %v to process group %d: %w", sig, pgid, err)
	}
	return nil
}

// groupExists reports whether a process of group pgid is left (a zombie
// counts until its parent reaps it: the supervisor, the wrapper, or after
// a restart init).
func groupExists(pgid int) bool { return syscall.Kill(-pgid, 0) == nil }

// writeKilled writes the exit record of a killed launch without replacing
// one its supervisor or wrapper wrote.
func writeKilled(dir string, h Handle, pid, code int) error {
	rec := fmt.Sprintf("%s %d\n", h.ident(), code)
	if h.Seq != 0 {
		rec = fmt.Sprintf("%s %d %d\n", h.ident(), pid, code)
	}
	tmp := filepath.Join(dir, "exit.kill."+strings.ReplaceAll(h.ident(), ":", "."))
	if err := os.WriteFile(tmp, []byte(rec), 0o600); err != nil {
		return fmt.Errorf("launch: %w", err)
	}
	defer os.Remove(tmp)
	err := os.Link(tmp, filepath.Join(dir, ExitFile))
	if errors.Is(err, os.ErrExist) {
		if r, rerr := readRecord(dir, h); r.ended() || rerr != nil {
			return rerr
		}
		err = os.Rename(tmp, filepath.Join(dir, ExitFile)) // a stale record of another launch
	}
	if err != nil {
		return fmt.Errorf("launch: %w", err)
	}
	return nil
}
