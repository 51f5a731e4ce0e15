package workflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/coordc/coordc/runtime/launch"
)

// localProcess is what an action type that runs a detached local process
// (package launch) gives the shared launch and check code: how to
// (re)start the action and how an exit status becomes its outcome.
type localProcess struct {
	// restart resolves and launches the action again (a launch that
	// provably never started the command).
	restart func(ctx context.Context, e *Engine, a *nodeRun, s *evalState) error
	// outcome turns the command's exit status into the action's outcome.
	outcome func(e *Engine, a *nodeRun, exitCode int) outcome
	// what names the process in messages ("java").
	what string
}

// launchNode starts argv detached in the node directory: the process
// handle and the resolved request (conf, recorded as JSON) are committed
// with the row RUNNING before the command may start.
func (e *Engine) launchNode(ctx context.Context, a *nodeRun, spec launch.Spec, conf any) error {
	confJSON, err := json.Marshal(conf)
	if err != nil {
		return err
	}
	from := *a.r
	_, err = launch.Start(spec, func(h launch.Handle) error {
		next := from
		next.status, next.externalID, next.externalStatus, next.conf = ActionRunning, h.String(), "RUNNING", string(confJSON)
		next.start, next.guardExternalID = fmtTime(e.now()), from.externalID
		ok, err := updateAction(ctx, e.db, &next, from.status, true, e.now())
		if err == nil && !ok {
			return errSuperseded
		}
		if err != nil {
			return &recordError{err}
		}
		return nil
	})
	var rec *recordError
	switch {
	case errors.Is(err, errSuperseded):
		return nil
	case errors.As(err, &rec):
		return rec.err // nothing ran; the next check launches again
	case err != nil:
		return e.finish(ctx, a.job, a.w, a.n, a.r, outcome{code: "LAUNCH_ERROR", msg: err.Error(), extStatus: "FAILED"})
	}
	return nil
}

// check re-attaches to the recorded process, also after a crash: a
// running one is left, one whose launch never started the command is
// launched again, and an ended one gives the outcome of its exit record.
func (p localProcess) check(ctx context.Context, e *Engine, a *nodeRun) (bool, error) {
	job, w, n, r := a.job, a.w, a.n, a.r
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
		return true, p.restart(ctx, e, a, s)
	case launch.Lost:
		return true, e.finish(ctx, job, w, n, r, outcome{code: "LOST", extStatus: "FAILED",
			msg: fmt.Sprintf("The %s process [%s] ended without an exit status: it was killed from outside coordc or the machine rebooted", p.what, r.externalID)})
	}
	return true, e.finish(ctx, job, w, n, r, p.outcome(e, a, st.ExitCode))
}
