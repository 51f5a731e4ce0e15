package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/coordc/coordc/compiler/redact"
	"github.com/coordc/coordc/runtime/actionlog"
	"github.com/coordc/coordc/runtime/launch"
	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/runtime/workflow"
)

// errorCopier copies the output of actions that ended in failure (FAILED,
// KILLED, TIMEDOUT; a workflow that reaches a kill node makes its action
// KILLED, as in Oozie) into apply's
// --error-dir: <dir>/<workflow id>/error (code and message) and
// <dir>/<workflow id>/<node>/stdout and stderr for each node that ran a
// process. Each failed run is copied once, also across restarts: a
// directory already there is left alone.
type errorCopier struct {
	dir  string
	pol  *redact.Policy // masks secrets in what is copied
	st   *state.Store
	log  *slog.Logger
	done map[string]bool
}

// newErrorCopier returns a copier, or nil when dir is "" (nothing to do).
func newErrorCopier(dir string, st *state.Store, log *slog.Logger, pol *redact.Policy) *errorCopier {
	if dir == "" {
		return nil
	}
	return &errorCopier{dir: dir, pol: pol, st: st, log: log, done: map[string]bool{}}
}

// copy copies the failed actions of jobs that were not copied yet.
func (e *errorCopier) copy(ctx context.Context, jobs []string) {
	if e == nil {
		return
	}
	for _, job := range jobs {
		acts, err := e.st.ActionsByStatus(ctx, job, []state.ActionStatus{state.Failed, state.Killed, state.TimedOut}, state.OldestFirst, 0)
		if err != nil {
			e.log.Warn("cannot list failed actions", "job", job, "error", err)
			return
		}
		for _, a := range acts {
			name := workflow.JobID(a.ID, a.Run)
			if e.done[name] {
				continue
			}
			dest := filepath.Join(e.dir, name)
			if _, err := os.Stat(dest); err == nil {
				e.done[name] = true
				continue
			}
			if err := e.copyAction(ctx, a, dest); err != nil {
				e.log.Warn("cannot copy the error output", "action", a.ID, "dir", dest, "error", err)
				continue
			}
			e.done[name] = true
			e.log.Info("error output copied", "action", a.ID, "dir", dest)
		}
	}
}

// copyAction writes the copy in a temporary directory renamed into place,
// so that dest is complete or absent.
func (e *errorCopier) copyAction(ctx context.Context, a state.Action, dest string) error {
	if err := os.MkdirAll(e.dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(e.dir, ".tmp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	summary := fmt.Sprintf("action: %s\nrun: %d\nnominal time: %s\nerror code: %s\nerror message: %s\n",
		a.ID, a.Run, state.FormatTime(a.Nominal), a.ErrorCode, a.ErrorMessage)
	if err := os.WriteFile(filepath.Join(tmp, "error"), []byte(e.pol.Text(summary)), 0o600); err != nil {
		return err
	}
	runs, err := actionlog.Runs(ctx, e.st.ReadDB(), a.ID)
	if err != nil {
		return err
	}
	for _, r := range runs {
		if r.Run != a.Run || r.Dir == "" {
			continue
		}
		for _, n := range r.Nodes {
			for _, f := range []string{launch.StdoutFile, launch.StderrFile} {
				if err := copyFile(filepath.Join(r.Dir, n.Name, f), filepath.Join(tmp, n.Name, f), e.pol); err != nil {
					return err
				}
			}
		}
	}
	return os.Rename(tmp, dest)
}

// copyFile copies src to dst, creating dst's directory; a missing src is
// not an error (the node ran no process).
func copyFile(src, dst string, pol *redact.Policy) error {
	in, err := os.Open(src)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	rw := redact.NewWriter(out, pol)
	if _, err := io.Copy(rw, in); err != nil {
		out.Close()
		return err
	}
	if err := rw.Flush(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
