package workflow

import (
	"context"
	"database/sql"
	"strings"

	"github.com/coordc/coordc/compiler/wfapp"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/runner"
)

// Error codes of the engine (Oozie's where it has one).
const (
	CodeKilled  = "E0729"    // a kill node was reached; the message is the kill message
	CodeELError = "EL_ERROR" // an EL expression failed at run time
)

// inTx runs fn in one transaction.
func (e *Engine) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return withTx(ctx, e.db, fn)
}

func (e *Engine) enterTx(ctx context.Context, job *jobRow, w *ir.Workflow, name string) error {
	return e.inTx(ctx, func(tx *sql.Tx) error { return e.enter(ctx, tx, job, w, name) })
}

// state loads what EL functions read.
func (e *Engine) state(ctx context.Context, q querier, job *jobRow, w *ir.Workflow) (*evalState, error) {
	rows, err := loadNodes(ctx, q, job)
	if err != nil {
		return nil, err
	}
	return e.stateOf(ctx, job, w, rows)
}

// stateOf is state with the job's node rows already loaded.
func (e *Engine) stateOf(ctx context.Context, job *jobRow, w *ir.Workflow, rows []*actionRow) (*evalState, error) {
	cat, err := wfapp.LoadCatalog()
	if err != nil {
		return nil, err
	}
	s := &evalState{ctx: ctx, files: e.files(), job: job, nodes: map[string]*actionRow{}, wfName: w.Name, global: w.Global, now: e.now(), catalog: cat}
	for _, r := range rows {
		s.nodes[r.name] = r
	}
	return s, nil
}

// enter creates the row of node name and, for control nodes, follows
// their transitions, all inside tx. Nothing happens unless the job is
// RUNNING (in tx: statusIn) or when the node was entered before.
func (e *Engine) enter(ctx context.Context, tx *sql.Tx, job *jobRow, w *ir.Workflow, name string) error {
	status, err := statusIn(ctx, tx, job)
	if err != nil {
		return err
	}
	if status != runner.Running {
		return nil
	}
	n := w.Node(name)
	ts := fmtTime(e.now())
	row := &actionRow{id: job.id + "@" + n.Name, wfID: job.id, name: n.Name, typ: n.Type, status: ActionOK, start: ts, end: ts,
		extras: job.nodeExtras()}
	if n.Type == ir.NodeDecision || n.Action != nil {
		if to, ok, err := carriedOver(ctx, tx, job, n); err != nil || ok {
			for _, t := range to {
				if err == nil {
					err = e.enter(ctx, tx, job, w, t)
				}
			}
			return err
		}
	}
	var next []string
	finish := func(to runner.Status, code, msg string) (bool, error) {
		return setJobStatus(ctx, tx, job, []runner.Status{runner.Running}, to, code, msg, e.now())
	}
	switch n.Type {
	case ir.NodeStart, ir.NodeFork:
		for _, t := range n.Transitions {
			next = append(next, t.To)
		}
		row.transition = strings.Join(next, ",")
	case ir.NodeEnd:
		if _, err := finish(runner.Succeeded, "", ""); err != nil {
			return err
		}
	case ir.NodeKill:
		msg, err := e.evalIn(ctx, tx, job, w, n.Message)
		if err != nil {
			return err
		}
		if _, err := finish(runner.Killed, CodeKilled, msg); err != nil {
			return err
		}
	case ir.NodeJoin:
		return e.join(ctx, tx, job, w, n, row)
	case ir.NodeDecision:
		to, diags, err := e.decide(ctx, tx, job, w, n)
		if err != nil {
			return err
		}
		if diags.HasErrors() {
			row.status, row.errorCode, row.errorMessage = ActionFailed, CodeELError, diagText(diags)
			if _, err := finish(runner.Failed, CodeELError, row.errorMessage); err != nil {
				return err
			}
			break
		}
		row.transition, next = to, []string{to}
	default:
		row.status, row.start, row.end = ActionPrep, "", ""
		row.retryMax, row.retryInterval = n.Action.RetryMax, n.Action.RetryInterval
	}
	inserted, err := e.insertNode(ctx, tx, job, row)
	if err != nil || !inserted {
		return err
	}
	for _, to := range next {
		if err := e.enter(ctx, tx, job, w, to); err != nil {
			return err
		}
	}
	return nil
}

// join records one arrival at a join node; the last arrival of its fork's
// paths completes it and goes on.
func (e *Engine) join(ctx context.Context, tx *sql.Tx, job *jobRow, w *ir.Workflow, n *ir.WorkflowNode, row *actionRow) error {
	rows, err := loadNodes(ctx, tx, job)
	if err != nil {
		return err
	}
	job.txNodes = nil // the join's row changes after it is inserted
	arrived := 0
	for _, r := range rows {
		for _, to := range strings.Split(r.transition, ",") {
			if to == n.Name {
				arrived++
			}
		}
	}
	row.status, row.start, row.end = ActionPrep, "", ""
	if _, err := insertAction(ctx, tx, row, e.now()); err != nil {
		return err
	}
	if arrived < len(w.Node(w.JoinFork[n.Name]).Transitions) {
		return nil
	}
	ts := fmtTime(e.now())
	row.status, row.transition, row.start, row.end = ActionOK, n.Next("to"), ts, ts
	ok, err := updateAction(ctx, tx, row, ActionPrep, true, e.now())
	if err != nil || !ok {
		return err
	}
	return e.enter(ctx, tx, job, w, row.transition)
}

// insertNode is insertAction of a node row of job in tx; the job carries
// the row when tx created it (jobRow.txNodes).
func (e *Engine) insertNode(ctx context.Context, tx *sql.Tx, job *jobRow, row *actionRow) (inserted bool, err error) {
	now := e.now()
	if job.holdFirst && job.held == nil && row.status == ActionPrep && job.tx == tx && job.txNodes != nil {
		job.held = row // see jobRow.holdFirst
	} else if inserted, err = insertAction(ctx, tx, row, now); err != nil || !inserted {
		return inserted, err
	}
	if job.tx == tx && job.txNodes != nil {
		stored := *row
		stored.created, stored.modified = fmtTime(now), fmtTime(now)
		job.txNodes = append(job.txNodes, &stored)
	}
	return true, nil
}

// decide evaluates a decision's predicates in order: the first true one
// wins, else the default.
func (e *Engine) decide(ctx context.Context, tx *sql.Tx, job *jobRow, w *ir.Workflow, n *ir.WorkflowNode) (string, hcl.Diagnostics, error) {
	s, err := e.state(ctx, tx, job, w)
	if err != nil {
		return "", nil, err
	}
	for i, c := range n.Cases {
		v, diags := s.evaluate(c)
		if diags.HasErrors() {
			return "", diags, nil
		}
		if strings.EqualFold(strings.TrimSpace(v), "true") {
			return n.Transitions[i].To, nil, nil
		}
	}
	return n.Next("default"), nil, nil
}

// evalIn evaluates a template against the state seen by tx; an EL error
// becomes the text (a kill message must not stop the kill).
func (e *Engine) evalIn(ctx context.Context, tx *sql.Tx, job *jobRow, w *ir.Workflow, t *ir.Template) (string, error) {
	s, err := e.state(ctx, tx, job, w)
	if err != nil {
		return "", err
	}
	v, diags := s.evaluate(t)
	if diags.HasErrors() {
		return diagText(diags), nil
	}
	return v, nil
}

// diagText renders diagnostics for an error_message column.
func diagText(diags hcl.Diagnostics) string {
	return (&DefinitionError{Diags: diags}).Error()
}
