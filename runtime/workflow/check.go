package workflow

import (
	"context"
	"time"

	"github.com/coordc/coordc/compiler/ir"

	"github.com/coordc/coordc/runtime/launch"
	"github.com/coordc/coordc/runtime/runner"
)

// Check drives a workflow job forward: it enters nodes, starts actions,
// collects the results of finished ones and applies retries, then reports
// the job's status. Every step is a transaction guarded by the expected
// status, so concurrent or repeated Checks, and Checks after a crash, are
// safe.
func (e *Engine) Check(ctx context.Context, id string) (runner.Result, error) {
	job, err := loadJob(ctx, e.db, id)
	if err != nil {
		return runner.Result{}, err
	}
	if job.status == runner.Running {
		w, err := e.definition(job)
		if err != nil {
			return runner.Result{}, err
		}
		next, cur, err := e.drive(ctx, job, w)
		if err != nil {
			return runner.Result{}, err
		}
		if cur == nil {
			if cur, err = loadJob(ctx, e.db, id); err != nil {
				return runner.Result{}, err
			}
		}
		job = cur
		if job.status == runner.Running {
			return runner.Result{Status: runner.Running, NextCheck: next}, nil
		}
	}
	// A job read ended without open nodes gets none later: there is
	// nothing to clean up.
	if job.status.Terminal() && job.open {
		if err := e.cleanup(ctx, job); err != nil {
			return runner.Result{}, err
		}
	}
	return job.result(), nil
}

// result is what Check reports of job once it has nothing more to do
// with it.
func (j *jobRow) result() runner.Result {
	return runner.Result{Status: j.status, ErrorCode: j.errorCode, ErrorMessage: j.errorMessage}
}

// settled adds to ended, when job is final and Check has nothing left to
// do with it (no open node to clean up), the Result Check would return.
func settled(ended map[string]runner.Result, job *jobRow) {
	if job.status.Terminal() && !job.open {
		ended[job.id] = job.result()
	}
}

// drive advances the job until nothing more happens now, and returns when
// checking again is useful and the job's row as read after its last
// change: job when it changed nothing, nil when it has not read the row
// since.
func (e *Engine) drive(ctx context.Context, job *jobRow, w *ir.Workflow) (next time.Time, cur *jobRow, err error) {
	cur = job
	for range 4*len(w.Nodes) + 4 {
		rows, err := loadNodes(ctx, e.db, job)
		if err != nil {
			return time.Time{}, nil, err
		}
		if len(rows) == 0 {
			if err := e.enterTx(ctx, job, w, StartNode); err != nil {
				return time.Time{}, nil, err
			}
			cur = nil
			continue
		}
		progressed, next := false, time.Time{}
		for _, r := range rows {
			p, n, err := e.advance(ctx, job, w, r)
			if err != nil {
				return time.Time{}, nil, err
			}
			progressed = progressed || p
			if !n.IsZero() && (next.IsZero() || n.Before(next)) {
				next = n
			}
		}
		if !progressed {
			return next, cur, nil
		}
		if cur, err = loadJob(ctx, e.db, job.id); err != nil || cur.status != runner.Running {
			return time.Time{}, cur, err
		}
	}
	return e.now().Add(e.PollInterval), cur, nil
}

// advance moves one node row on; progressed tells whether it changed.
func (e *Engine) advance(ctx context.Context, job *jobRow, w *ir.Workflow, r *actionRow) (progressed bool, next time.Time, err error) {
	n := w.Node(r.name)
	if n == nil || n.Action == nil {
		return false, time.Time{}, nil
	}
	switch r.status {
	case ActionPrep:
		return true, time.Time{}, e.startAction(ctx, job, w, n, r)
	case ActionRunning:
		done, err := e.checkAction(ctx, job, w, n, r)
		if err != nil || done {
			return done, time.Time{}, err
		}
		return false, e.now().Add(e.PollInterval), nil
	case ActionUserRetry:
		due := parseTime(r.end).Add(retryDelay(n.Action, r.retryInterval, r.retries))
		if e.now().Before(due) {
			return false, due, nil
		}
		if err := archiveAttempt(job, r); err != nil {
			return false, time.Time{}, err
		}
		prev := *r
		r.status, r.externalID, r.externalStatus, r.end = ActionPrep, "", "", ""
		ok, err := updateAction(ctx, e.db, r, prev.status, true, e.now())
		return ok, time.Time{}, err
	}
	return false, time.Time{}, nil
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(timeLayout, s)
	return t
}

// retryDelay is how long the n-th user retry (n from 1) waits: the
// interval (minutes), doubled for each earlier retry under the
// exponential policy.
func retryDelay(a *ir.WorkflowAction, interval, n int) time.Duration {
	d := time.Duration(interval) * time.Minute
	if a.RetryPolicy == ir.RetryExponential {
		for i := 1; i < n && d < 365*24*time.Hour; i++ {
			d *= 2
		}
	}
	return d
}

// Settle implements runner.Settler: for the running jobs of ids, the
// outcomes of shell actions whose process ended (an exit record) are
// recorded, with the nodes they lead to (the end node ends the job), in
// one transaction; the jobs, and then their nodes, are read with one
// statement each. Each is the guarded change Check would make (finish),
// so a Check or a Settle of another engine that got there first leaves it
// unchanged, and a crash before the commit leaves it to the next Check.
// Everything else (running, lost or unstarted processes, other action
// types, starting the next actions) is left to Check.
//
// Settle reports the jobs of ids that are final without open nodes (what
// Check would find and report without changing anything): those read so
// before the transaction, and those the transaction did not leave
// RUNNING, read again in it with one statement. then, when not nil, runs
// in that transaction with them (in one of its own when there is nothing
// to record but jobs to report).
func (e *Engine) Settle(ctx context.Context, ids []string, then runner.SettleThen) (map[string]runner.Result, error) {
	type ended struct {
		a   nodeRun
		out outcome
	}
	found, err := loadJobs(ctx, e.db, ids)
	if err != nil {
		return nil, err
	}
	done := map[string]runner.Result{}
	var running []*jobRow
	defs := map[*jobRow]*ir.Workflow{}
	for _, job := range found {
		if job.status != runner.Running {
			settled(done, job)
			continue
		}
		w, err := e.definition(job)
		if err != nil {
			continue
		}
		defs[job] = w
		running = append(running, job)
	}
	nodes, err := loadNodesOf(ctx, e.db, running)
	if err != nil {
		return nil, err
	}
	var todo []ended
	for _, job := range running {
		w := defs[job]
		for _, r := range nodes[job.id] {
			n := w.Node(r.name)
			if r.status != ActionRunning || r.typ != ir.ActionShell || n == nil || n.Action == nil {
				continue
			}
			h, err := launch.ParseHandle(r.externalID)
			if err != nil {
				continue
			}
			st, err := launch.Attach(nodeDir(job, n), h)
			if err != nil || st.State != launch.Exited {
				continue
			}
			todo = append(todo, ended{nodeRun{job: job, w: w, n: n, r: r}, e.shellOutcome(job, n, st.ExitCode)})
		}
	}
	if len(todo) == 0 && (then == nil || len(done) == 0) {
		return done, nil
	}
	err = e.inSharedTx(ctx, func(stx runner.Tx) error {
		tx := stx.Tx
		for _, t := range todo {
			if err := e.finishIn(ctx, tx, t.a.job, t.a.w, t.a.n, t.a.r, t.out); err != nil {
				return err
			}
		}
		// The jobs that tx does not know RUNNING may have ended (todo
		// holds the nodes of a job one after the other).
		var reread []string
		for i, t := range todo {
			job := t.a.job
			if (i == 0 || todo[i-1].a.job != job) && (job.tx != tx || job.txStatus != runner.Running) {
				reread = append(reread, job.id)
			}
		}
		if len(reread) > 0 {
			after, err := loadJobs(ctx, tx, reread)
			if err != nil {
				return err
			}
			for _, job := range after {
				settled(done, job)
			}
		}
		if then != nil {
			return then(ctx, stx, done)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return done, nil
}
