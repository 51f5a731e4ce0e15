package workflow

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/coordc/coordc/runtime/launch"
)

// outcome is how an action run ended.
type outcome struct {
	ok        bool
	code, msg string
	extStatus string
	data      map[string]string
}

// errSuperseded means another Check (or a Kill) changed the row first.
var errSuperseded = errors.New("workflow: the node was updated concurrently")

// actionFailure is an error in the action's definition found at start (an
// EL error, an invalid env-var): the action and the job become FAILED, as
// in Oozie, without following the error transition.
type actionFailure struct{ code, msg string }

func (f *actionFailure) Error() string { return f.code + ": " + f.msg }

func nodeDir(job *jobRow, n *Node) string { return filepath.Join(job.conf[ConfDir], n.Name) }

// startAction starts a PREP action.
func (e *Engine) startAction(ctx context.Context, job *jobRow, w *Workflow, n *Node, r *actionRow) error {
	s, err := e.state(ctx, e.db, job, w)
	if err != nil {
		return err
	}
	switch n.Type {
	case TypeShell:
		return e.startShell(ctx, job, w, n, r, s)
	case TypeFs:
		return e.startFs(ctx, job, w, n, r, s)
	case TypeFlink:
		return e.startFlink(ctx, job, w, n, r, s)
	}
	return fmt.Errorf("workflow: node %s has no runnable type %q", n.Name, n.Type)
}

// checkAction looks at a RUNNING action; done tells whether it changed.
func (e *Engine) checkAction(ctx context.Context, job *jobRow, w *Workflow, n *Node, r *actionRow) (bool, error) {
	if n.Type == TypeFs {
		// The process running the operations died in the middle: run them
		// again, tolerating what was done already.
		s, err := e.state(ctx, e.db, job, w)
		if err != nil {
			return false, err
		}
		return true, e.runFs(ctx, job, w, n, r, s, true)
	}
	if n.Type == TypeFlink {
		return e.checkFlink(ctx, job, w, n, r)
	}
	h, err := launch.ParseHandle(r.externalID)
	if err != nil {
		return true, e.finish(ctx, job, w, n, r, outcome{code: "LOST", msg: err.Error()})
	}
	st, err := launch.Attach(nodeDir(job, n), h)
	if err != nil {
		return false, err
	}
	switch st.State {
	case launch.Running:
		return false, nil
	case launch.NotStarted:
		s, err := e.state(ctx, e.db, job, w)
		if err != nil {
			return false, err
		}
		return true, e.startShell(ctx, job, w, n, r, s)
	case launch.Lost:
		return true, e.finish(ctx, job, w, n, r, outcome{code: "LOST", extStatus: "FAILED",
			msg: fmt.Sprintf("The shell process [%s] ended without an exit status: it was killed from outside coordc or the machine rebooted", r.externalID)})
	}
	return true, e.finish(ctx, job, w, n, r, e.shellOutcome(job, n, st.ExitCode))
}

// finish records an action's outcome: OK follows the ok transition, an
// error with user retries left becomes USER_RETRY, else ERROR follows the
// error transition.
func (e *Engine) finish(ctx context.Context, job *jobRow, w *Workflow, n *Node, r *actionRow, out outcome) error {
	return e.inTx(ctx, func(tx *sql.Tx) error {
		from := *r
		ts := fmtTime(e.now())
		r.end, r.externalStatus, r.guardExternalID = ts, out.extStatus, from.externalID
		if r.start == "" {
			r.start = ts
		}
		switch {
		case out.ok:
			r.status, r.transition, r.data, r.errorCode, r.errorMessage = "OK", n.next("ok"), out.data, "", ""
		case r.retries < r.retryMax:
			r.status, r.errorCode, r.errorMessage = "USER_RETRY", out.code, out.msg
			r.retries++
		default:
			r.status, r.transition, r.errorCode, r.errorMessage = "ERROR", n.next("error"), out.code, out.msg
		}
		ok, err := updateAction(ctx, tx, r, from.status, false, e.now())
		if err != nil || !ok || r.transition == "" {
			return err
		}
		return e.enter(ctx, tx, job, w, r.transition)
	})
}

// fail records a definition failure: the action and the job are FAILED.
func (e *Engine) fail(ctx context.Context, job *jobRow, r *actionRow, f *actionFailure) error {
	return e.inTx(ctx, func(tx *sql.Tx) error {
		from := r.status
		ts := fmtTime(e.now())
		r.status, r.end, r.errorCode, r.errorMessage = "FAILED", ts, f.code, f.msg
		ok, err := updateAction(ctx, tx, r, from, true, e.now())
		if err != nil || !ok {
			return err
		}
		_, err = setJobStatus(ctx, tx, job.id, []string{"RUNNING"}, "FAILED", f.code, f.msg, e.now())
		return err
	})
}

// cleanup ends what is left of a finished job: running shell processes
// are killed and unfinished nodes marked KILLED.
func (e *Engine) cleanup(ctx context.Context, job *jobRow) error {
	rows, err := loadActions(ctx, e.db, job.id)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if r.status != "PREP" && r.status != "RUNNING" && r.status != "USER_RETRY" {
			continue
		}
		if r.status == "RUNNING" && r.typ == TypeShell {
			if h, err := launch.ParseHandle(r.externalID); err == nil {
				dir := filepath.Join(job.conf[ConfDir], r.name)
				if err := launch.Kill(ctx, dir, h, e.KillGrace); err != nil {
					return err
				}
			}
		}
		if r.status == "RUNNING" && r.typ == TypeFlink {
			if err := e.stopFlink(ctx, r); err != nil {
				return err
			}
		}
		from := r.status
		r.status, r.end, r.externalStatus = "KILLED", fmtTime(e.now()), "KILLED"
		if _, err := updateAction(ctx, e.db, r, from, false, e.now()); err != nil {
			return err
		}
	}
	return nil
}
