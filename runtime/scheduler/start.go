package scheduler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/state"
)

// claimReady is Oozie's ready command up to the start: with LAST_ONLY/NONE,
// late READY actions are SKIPPED first; then READY actions are claimed
// (READY → SUBMITTED in db, committed before any start) in execution
// order (FIFO oldest nominal first, the others newest first) while
// RUNNING + SUBMITTED is below the concurrency (negative: unlimited, 0:
// never). It returns the actions claimed, for startAll.
func (s *Scheduler) claimReady(ctx context.Context, db roundDB, job state.Job, c *ir.Coordinator, now time.Time, nx *next) ([]state.Action, error) {
	busy, err := db.CountByStatus(ctx, job.ID, state.Running, state.Submitted)
	if err != nil {
		return nil, err
	}
	free := job.Concurrency - busy[state.Running] - busy[state.Submitted]
	limit := free
	skipping := job.Execution == state.LastOnly || job.Execution == state.None
	if job.Concurrency < 0 || skipping {
		limit = 0 // all of them: the skip rules look at every READY action
	}
	if job.Concurrency >= 0 && free <= 0 && !skipping {
		return nil, nil
	}
	acts, err := db.ActionsByStatus(ctx, job.ID, []state.ActionStatus{state.Ready}, state.StartOrder(job.Execution), limit)
	if err != nil {
		return nil, err
	}
	sk := newSkipper(c, job, s.noneTolerance())
	var claim []state.Action
	var ids []string
	for _, a := range acts {
		skipped, err := s.skip(ctx, db, sk, a, now, nx)
		if err != nil {
			return nil, err
		}
		if skipped || (job.Concurrency >= 0 && free <= 0) {
			continue
		}
		free--
		claim, ids = append(claim, a), append(ids, a.ID)
	}
	if len(claim) == 0 {
		return nil, nil
	}
	// The claims are committed before any start (commit, then start).
	oks, err := db.ClaimReadyAll(ctx, job.ID, ids, job.Concurrency, s.id())
	if err != nil {
		return nil, err
	}
	var claimed []state.Action
	for i, a := range claim {
		if !oks[i] {
			nx.at(now.Add(s.pollInterval())) // another scheduler is starting actions of the job
			continue
		}
		a.Status, a.Pending, a.Owner = state.Submitted, true, s.id()
		claimed = append(claimed, a)
	}
	return claimed, nil
}

// startSubmitted (re)starts SUBMITTED actions: those just moved there, and
// those a crashed process moved there without recording the runner's
// answer. Runner.Start is idempotent per action ID and run.
func (s *Scheduler) startSubmitted(ctx context.Context, st *state.Store, job state.Job, nx *next) error {
	acts, err := st.ActionsByStatus(ctx, job.ID, []state.ActionStatus{state.Submitted}, state.OldestFirst, 0)
	if err != nil || len(acts) == 0 {
		return err
	}
	c, err := s.coordinator(ctx, job)
	if err != nil {
		return err
	}
	now := s.clock().Now()
	var mine []state.Action
	for _, a := range acts {
		if ok, err := s.owns(ctx, st, a, now, nx); err != nil || !ok {
			if err != nil {
				return err
			}
			continue // another scheduler's start in flight
		}
		mine = append(mine, a)
	}
	return s.startAll(ctx, st, job, c, mine, nx)
}

// startAll starts SUBMITTED actions one after the other and group-commits
// their outcomes (state.Batch) once all were started: a crash before the
// commit leaves them SUBMITTED, and the next tick starts them again
// (Runner.Start is idempotent per action ID and run), as a crash between a
// start and its own commit would. A Runner that is a runner.BatchStarter
// starts them all at once (startBatch), and their outcomes are committed
// with its own records.
func (s *Scheduler) startAll(ctx context.Context, st *state.Store, job state.Job, c *ir.Coordinator, acts []state.Action, nx *next) error {
	n, err := s.startBatch(ctx, st, job, c, acts, nx)
	if err != nil {
		return err
	}
	var b state.Batch
	for _, a := range acts[n:] {
		if err = s.start(ctx, &b, job, c, a, nx, nil); err != nil {
			break
		}
	}
	return errors.Join(err, st.Commit(ctx, &b))
}

// startResult is a Runner's answer to the start of one action.
type startResult struct {
	ext string
	err error
}

// startBatch starts the first n of acts with one runner.BatchStarter call
// when the Runner is one: the actions up to the first that is a rerun in
// place or whose request cannot be made (startAll then starts it, and
// those after it, one by one). Their outcomes are recorded in the
// Runner's transaction (runner.Tx): the jobs it creates and their actions
// RUNNING are committed together. An error leaves them all SUBMITTED,
// for the next tick.
func (s *Scheduler) startBatch(ctx context.Context, st *state.Store, job state.Job, c *ir.Coordinator, acts []state.Action, nx *next) (n int, err error) {
	bs, ok := s.Runner.(runner.BatchStarter)
	if !ok || len(acts) < 2 {
		return 0, nil
	}
	var reqs []runner.Request
	for _, a := range acts {
		req, err := s.request(job, c, a)
		if err != nil || a.ExternalID != "" {
			break
		}
		reqs = append(reqs, req)
	}
	if len(reqs) < 2 {
		return 0, nil
	}
	var joined *state.Tx
	_, _, err = bs.StartAll(ctx, reqs, func(ctx context.Context, tx runner.Tx, exts []string, errs []error) error {
		var b state.Batch
		for i := range reqs {
			if err := s.start(ctx, &b, job, c, acts[i], nx, &startResult{ext: exts[i], err: errs[i]}); err != nil {
				return err
			}
		}
		joined = st.Join(tx.Conn, tx.Tx)
		return joined.Apply(ctx, &b)
	})
	if err != nil {
		return 0, err
	}
	if joined != nil {
		joined.Committed()
	}
	return len(reqs), nil
}

// request is the runner's request for a SUBMITTED action: the job's
// properties overlaid with the action's resolved configuration.
func (s *Scheduler) request(job state.Job, c *ir.Coordinator, a state.Action) (runner.Request, error) {
	var params map[string]string
	if err := json.Unmarshal([]byte(job.Conf), &params); err != nil {
		return runner.Request{}, fmt.Errorf("job %s: stored properties: %w", job.ID, err)
	}
	conf := maps.Clone(params)
	if conf == nil {
		conf = map[string]string{}
	}
	if a.RunConf != "" {
		var run map[string]string
		if err := json.Unmarshal([]byte(a.RunConf), &run); err != nil {
			return runner.Request{}, fmt.Errorf("action %s: stored configuration: %w", a.ID, err)
		}
		maps.Copy(conf, run)
	}
	return runner.Request{ActionID: a.ID, Run: a.Run, AppPath: c.Action.AppPath.Value, Conf: conf, User: job.User, Dir: s.actionDir(a)}, nil
}

// start calls Runner.Start for a SUBMITTED action, unless startBatch did
// (started), and queues the outcome in b: RUNNING with the external ID, or
// FAILED with the error. A cancelled
// context leaves the action SUBMITTED for the next tick.
func (s *Scheduler) start(ctx context.Context, b *state.Batch, job state.Job, c *ir.Coordinator, a state.Action, nx *next, started *startResult) error {
	var ext string
	var err error
	if started != nil {
		ext, err = started.ext, started.err // by startBatch
	} else {
		var req runner.Request
		if req, err = s.request(job, c, a); err != nil {
			return err
		}
		if a.ExternalID != "" {
			ext, err = s.rerunInPlace(ctx, a, req.Conf) // rerun --failed
		} else {
			ext, err = s.Runner.Start(ctx, req)
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		msg := err.Error()
		b.TransitionAction(a.ID, []state.ActionStatus{state.Submitted}, state.Failed,
			state.Fields{ErrorMessage: &msg, Pending: state.Ptr(false)}, func(ok bool) {
				if ok {
					s.log().Warn("action failed to start", "action", a.ID, "error", msg)
				}
			})
		return nil
	}
	// A Runner started afresh wakes the workflow when it has news (see
	// EventDriven); a rerun in place is checked at the next tick.
	fresh := started != nil || a.ExternalID == ""
	b.TransitionAction(a.ID, []state.ActionStatus{state.Submitted}, state.Running,
		state.Fields{ExternalID: &ext, ExternalStatus: state.Ptr(string(runner.Running)), Pending: state.Ptr(false)}, func(ok bool) {
			if ok {
				s.log().Info("action started", "action", a.ID, "external_id", ext, "run", a.Run)
				at := s.clock().Now().Add(s.pollInterval())
				nx.at(at)
				if fresh {
					s.checked(a.ID, at)
				}
			}
		})
	return nil
}

// checkRunning asks the runner about RUNNING and SUSPENDED actions: a final
// workflow status ends the action (SUCCEEDED, FAILED, KILLED); RUNNING and
// SUSPENDED mirror the workflow, except that a suspended job keeps its
// actions suspended. A pending suspend or resume is repeated first. The
// changes are group-committed (state.Batch) after the runner calls: one
// lost in a crash is decided again from the workflow by the next tick.
func (s *Scheduler) checkRunning(ctx context.Context, st *state.Store, job state.Job, nx *next) (err error) {
	acts, err := st.ActionsByStatus(ctx, job.ID, []state.ActionStatus{state.Running, state.Suspended}, state.OldestFirst, 0)
	if err != nil {
		return err
	}
	var b state.Batch
	defer func() { err = errors.Join(err, st.Commit(ctx, &b)) }()
	now := s.clock().Now()
	var due []state.Action
	for _, a := range acts {
		if mine, err := s.owns(ctx, st, a, now, nx); err != nil || !mine {
			if err != nil {
				return err
			}
			continue // a live scheduler's action: it checks it
		}
		if a.Pending && !s.finishPending(ctx, st, a) {
			nx.at(now.Add(s.pollInterval()))
			continue
		}
		if ok, at := s.checkDue(a, now); !ok {
			nx.at(at)
			continue
		}
		due = append(due, a)
	}
	ended := s.settle(ctx, st, job, due)
	for _, a := range due {
		if _, ok := ended[a.ExternalID]; ok {
			s.checked(a.ID, time.Time{}) // final, recorded by settle
			continue
		}
		res, err := s.Runner.Check(ctx, a.ExternalID)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			s.log().Warn("cannot check action", "action", a.ID, "external_id", a.ExternalID, "error", err)
			nx.at(now.Add(s.pollInterval()))
			continue
		}
		if to := s.record(&b, job, a, res); to.Terminal() {
			s.checked(a.ID, time.Time{})
			continue
		}
		at := res.NextCheck
		if at.IsZero() {
			at = now.Add(s.pollInterval())
		}
		nx.at(at)
		s.checked(a.ID, at)
	}
	return nil
}

// record queues in b the change of a RUNNING or SUSPENDED action that
// res, its workflow's status, makes (none when it stays as it is), and
// returns the action's status after it.
func (s *Scheduler) record(b *state.Batch, job state.Job, a state.Action, res runner.Result) state.ActionStatus {
	to := a.Status
	switch res.Status {
	case runner.Succeeded:
		to = state.Succeeded
	case runner.Failed:
		to = state.Failed
	case runner.Killed:
		to = state.Killed
	case runner.Suspended:
		to = state.Suspended
	case runner.Running, runner.Prep:
		if !job.Status.Suspended() {
			to = state.Running
		}
	}
	if to != a.Status {
		set := state.Fields{ExternalStatus: state.Ptr(string(res.Status))}
		if to.Terminal() {
			set.ErrorCode, set.ErrorMessage = &res.ErrorCode, &res.ErrorMessage
		}
		b.TransitionAction(a.ID, []state.ActionStatus{a.Status}, to, set, func(ok bool) {
			if ok {
				s.log().Info("action "+string(to), "action", a.ID, "external_id", a.ExternalID, "error", res.ErrorMessage)
			}
		})
	}
	return to
}

// settle lets a Runner that is a runner.Settler record the decided
// outcomes of the workflows of acts in one commit, with the actions of
// those it reports final (by external ID, returned) ended in the same
// transaction: those workflows are not checked (Check would return the
// same), the others find their outcomes recorded. A failure only costs
// the commits and checks saved: each Check records its outcome itself.
func (s *Scheduler) settle(ctx context.Context, st *state.Store, job state.Job, acts []state.Action) map[string]runner.Result {
	r, ok := s.Runner.(runner.Settler)
	if !ok || len(acts) < 2 {
		return nil
	}
	ids := make([]string, len(acts))
	for i, a := range acts {
		ids[i] = a.ExternalID
	}
	var joined *state.Tx
	ended, err := r.Settle(ctx, ids, func(ctx context.Context, tx runner.Tx, ended map[string]runner.Result) error {
		var b state.Batch
		for _, a := range acts {
			if res, ok := ended[a.ExternalID]; ok {
				s.record(&b, job, a, res)
			}
		}
		joined = st.Join(tx.Conn, tx.Tx)
		return joined.Apply(ctx, &b)
	})
	if err != nil {
		if ctx.Err() == nil {
			s.log().Warn("cannot record the outcomes of finished workflows together; each check records its own", "error", err)
		}
		return nil
	}
	if joined != nil {
		joined.Committed()
	}
	return ended
}

// finishPending makes the runner call a pending action is waiting for
// (KILLED: Kill, SUSPENDED: Suspend, RUNNING: Resume) and clears pending;
// false when the call failed (it is repeated later).
func (s *Scheduler) finishPending(ctx context.Context, st *state.Store, a state.Action) bool {
	ext := a.ExternalID
	var err error
	switch a.Status {
	case state.Killed:
		if ext == "" {
			ext = WorkflowID(a.ID, a.Run) // started or not: the ID it would have
		}
		err = s.Runner.Kill(ctx, ext)
	case state.Suspended:
		err = s.Runner.Suspend(ctx, ext)
	case state.Running:
		err = s.Runner.Resume(ctx, ext)
	default:
		return true
	}
	if err != nil {
		s.log().Warn("runner call failed; it will be repeated", "action", a.ID, "status", a.Status, "external_id", ext, "error", err)
		return false
	}
	_, err = st.TransitionAction(ctx, a.ID, []state.ActionStatus{a.Status}, a.Status, state.Fields{Pending: state.Ptr(false)})
	if err != nil {
		s.log().Warn("cannot clear pending", "action", a.ID, "error", err)
		return false
	}
	return true
}
