package workflow

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/xmlfront"
	"github.com/coordc/coordc/runtime/runner"
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

func nodeDir(job *jobRow, n *ir.WorkflowNode) string { return filepath.Join(job.conf[ConfDir], n.Name) }

// actionRunner is the runtime half of one action type; runners holds
// one per type the definition front end accepts, and an action whose type
// has no runner is refused, never run as another type.
type actionRunner interface {
	// start runs a PREP action (or a RUNNING one whose launch provably
	// never happened): it resolves the definition with s, records the
	// action RUNNING with what identifies the run (an external id) before
	// anything irreversible happens, and records the outcome when the run
	// ends at once. A definition error fails the action and the job.
	start(ctx context.Context, e *Engine, a *nodeRun, s *evalState) error
	// check looks at a RUNNING action, also after a crash of any engine
	// (recovery): it re-attaches to what the recorded external id names,
	// completes a start that was interrupted, and records the outcome of a
	// run that ended. done tells whether the row changed.
	check(ctx context.Context, e *Engine, a *nodeRun) (done bool, err error)
	// kill stops what a RUNNING action of a finished or killed job still
	// runs; the engine then marks the row KILLED.
	kill(ctx context.Context, e *Engine, job *jobRow, r *actionRow) error
}

// runners are the action types coordc runs, by wf_actions.type.
var runners = map[string]actionRunner{
	ir.ActionShell:       shellRunner{},
	ir.ActionFs:          fsRunner{},
	ir.ActionFlink:       flinkRunner{},
	ir.ActionJava:        javaRunner{},
	ir.ActionEmail:       emailRunner{},
	ir.ActionSSH:         sshRunner{},
	ir.ActionSubWorkflow: subWorkflowRunner{},
	ir.ActionFlinkSQL:    flinkSQLRunner{},
}

// init makes sure every action type the front end accepts has a runner:
// the front end refuses the others (E0723), so no accepted action can
// reach a runner of another type.
func init() {
	for _, t := range xmlfront.ActionTypes() {
		if runners[t] == nil {
			panic("workflow: no runner for the action type " + t + " that compiler/xmlfront accepts")
		}
	}
}

// nodeRun is an action node of a job with its row.
type nodeRun struct {
	job *jobRow
	w   *ir.Workflow
	n   *ir.WorkflowNode
	r   *actionRow
}

// runnerOf returns the runner of an action type; an unknown type is an
// error, never another type's code path.
func runnerOf(typ string) (actionRunner, error) {
	if x, ok := runners[typ]; ok {
		return x, nil
	}
	return nil, fmt.Errorf("workflow: coordc cannot run actions of type %q", typ)
}

// startAction starts a PREP action.
func (e *Engine) startAction(ctx context.Context, job *jobRow, w *ir.Workflow, n *ir.WorkflowNode, r *actionRow) error {
	x, err := runnerOf(n.Type)
	if err != nil {
		return err
	}
	s, err := e.state(ctx, e.db, job, w)
	if err != nil {
		return err
	}
	return x.start(ctx, e, &nodeRun{job: job, w: w, n: n, r: r}, s)
}

// checkAction looks at a RUNNING action; done tells whether it changed.
func (e *Engine) checkAction(ctx context.Context, job *jobRow, w *ir.Workflow, n *ir.WorkflowNode, r *actionRow) (bool, error) {
	x, err := runnerOf(n.Type)
	if err != nil {
		return false, err
	}
	return e.checkTimed(ctx, x, &nodeRun{job: job, w: w, n: n, r: r})
}

// finish records an action's outcome: OK follows the ok transition, an
// error with user retries left becomes USER_RETRY, else ERROR follows the
// error transition.
func (e *Engine) finish(ctx context.Context, job *jobRow, w *ir.Workflow, n *ir.WorkflowNode, r *actionRow, out outcome) error {
	return e.inTx(ctx, func(tx *sql.Tx) error { return e.finishIn(ctx, tx, job, w, n, r, out) })
}

// finishIn is finish inside tx.
func (e *Engine) finishIn(ctx context.Context, tx *sql.Tx, job *jobRow, w *ir.Workflow, n *ir.WorkflowNode, r *actionRow, out outcome) error {
	from := *r
	ts := fmtTime(e.now())
	r.end, r.externalStatus, r.guardExternalID = ts, out.extStatus, from.externalID
	if r.start == "" {
		r.start = ts
	}
	switch {
	case out.ok:
		r.status, r.transition, r.data, r.errorCode, r.errorMessage = ActionOK, n.Next("ok"), out.data, "", ""
	case r.retries < r.retryMax:
		r.status, r.errorCode, r.errorMessage = ActionUserRetry, out.code, out.msg
		r.retries++
	default:
		r.status, r.transition, r.errorCode, r.errorMessage = ActionError, n.Next("error"), out.code, out.msg
	}
	ok, err := updateNode(ctx, tx, job, r, from.status, false, e.now())
	if err != nil || !ok || r.transition == "" {
		return err
	}
	return e.enter(ctx, tx, job, w, r.transition)
}

// fail records a definition failure: the action and the job are FAILED.
func (e *Engine) fail(ctx context.Context, job *jobRow, r *actionRow, f *actionFailure) error {
	return e.inTx(ctx, func(tx *sql.Tx) error {
		from := r.status
		ts := fmtTime(e.now())
		r.status, r.end, r.errorCode, r.errorMessage = ActionFailed, ts, f.code, f.msg
		ok, err := updateAction(ctx, tx, r, from, true, e.now())
		if err != nil || !ok {
			return err
		}
		_, err = setJobStatus(ctx, tx, job, []runner.Status{runner.Running}, runner.Failed, f.code, f.msg, e.now())
		return err
	})
}

// openStatuses are the statuses of the nodes that a finished job's cleanup
// ends.
var openStatuses = []ActionStatus{ActionPrep, ActionRunning, ActionUserRetry}

// cleanup ends what is left of a finished job: what running actions run
// is stopped and unfinished nodes (openStatuses) are marked KILLED.
func (e *Engine) cleanup(ctx context.Context, job *jobRow) error {
	rows, err := loadNodes(ctx, e.db, job)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if !slices.Contains(openStatuses, r.status) {
			continue
		}
		if r.status == ActionRunning {
			x, err := runnerOf(r.typ)
			if err != nil {
				return err
			}
			if err := x.kill(ctx, e, job, r); err != nil {
				return err
			}
		}
		from := r.status
		r.status, r.end, r.externalStatus = ActionKilled, fmtTime(e.now()), "KILLED"
		if _, err := updateAction(ctx, e.db, r, from, false, e.now()); err != nil {
			return err
		}
	}
	return nil
}
