package scheduler

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/state"
)

// startReady is Oozie's ready command: with LAST_ONLY/NONE, late READY
// actions are SKIPPED first; then READY actions start in execution order
// (FIFO oldest nominal first, the others newest first) while RUNNING +
// SUBMITTED is below the concurrency (negative: unlimited, 0: never).
func (s *Scheduler) startReady(ctx context.Context, st *state.Store, job state.Job, c *ir.Coordinator, now time.Time, nx *next) error {
	busy, err := st.CountByStatus(ctx, job.ID, state.Running, state.Submitted)
	if err != nil {
		return err
	}
	free := job.Concurrency - busy[state.Running] - busy[state.Submitted]
	limit := free
	skipping := job.Execution == state.LastOnly || job.Execution == state.None
	if job.Concurrency < 0 || skipping {
		limit = 0 // all of them: the skip rules look at every READY action
	}
	if job.Concurrency >= 0 && free <= 0 && !skipping {
		return nil
	}
	acts, err := st.ActionsByStatus(ctx, job.ID, []state.ActionStatus{state.Ready}, state.StartOrder(job.Execution), limit)
	if err != nil {
		return err
	}
	sk := newSkipper(c, job, s.noneTolerance())
	for _, a := range acts {
		skipped, err := s.skip(ctx, st, sk, a, now, nx)
		if err != nil {
			return err
		}
		if skipped || (job.Concurrency >= 0 && free <= 0) {
			continue
		}
		ok, err := st.ClaimReady(ctx, job.ID, a.ID, job.Concurrency, s.id())
		if err != nil {
			return err
		}
		if !ok {
			nx.at(now.Add(s.pollInterval())) // another scheduler is starting actions of the job
			continue
		}
		free--
		a.Status, a.Pending, a.Owner = state.Submitted, true, s.id()
		if err := s.start(ctx, st, job, c, a, nx); err != nil {
			return err
		}
	}
	return nil
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
	for _, a := range acts {
		if mine, err := s.owns(ctx, st, a, now, nx); err != nil || !mine {
			if err != nil {
				return err
			}
			continue // another scheduler's start in flight
		}
		if err := s.start(ctx, st, job, c, a, nx); err != nil {
			return err
		}
	}
	return nil
}

// start calls Runner.Start for a SUBMITTED action and records the outcome:
// RUNNING with the external ID, or FAILED with the error. A cancelled
// context leaves the action SUBMITTED for the next tick.
func (s *Scheduler) start(ctx context.Context, st *state.Store, job state.Job, c *ir.Coordinator, a state.Action, nx *next) error {
	var params map[string]string
	if err := json.Unmarshal([]byte(job.Conf), &params); err != nil {
		return fmt.Errorf("job %s: stored properties: %w", job.ID, err)
	}
	conf := maps.Clone(params)
	if conf == nil {
		conf = map[string]string{}
	}
	if a.RunConf != "" {
		var run map[string]string
		if err := json.Unmarshal([]byte(a.RunConf), &run); err != nil {
			return fmt.Errorf("action %s: stored configuration: %w", a.ID, err)
		}
		maps.Copy(conf, run)
	}
	req := runner.Request{ActionID: a.ID, Run: a.Run, AppPath: c.Action.AppPath.Value, Conf: conf, User: job.User, Dir: s.actionDir(a)}
	var ext string
	var err error
	if a.ExternalID != "" {
		ext, err = s.rerunInPlace(ctx, a, conf) // rerun --failed
	} else {
		ext, err = s.Runner.Start(ctx, req)
	}
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		msg := err.Error()
		ok, terr := st.TransitionAction(ctx, a.ID, []state.ActionStatus{state.Submitted}, state.Failed,
			state.Fields{ErrorMessage: &msg, Pending: state.Ptr(false)})
		if ok {
			s.log().Warn("action failed to start", "action", a.ID, "error", msg)
		}
		return terr
	}
	ok, err := st.TransitionAction(ctx, a.ID, []state.ActionStatus{state.Submitted}, state.Running,
		state.Fields{ExternalID: &ext, ExternalStatus: state.Ptr(string(runner.Running)), Pending: state.Ptr(false)})
	if ok {
		s.log().Info("action started", "action", a.ID, "external_id", ext, "run", a.Run)
		nx.at(s.clock().Now().Add(s.pollInterval()))
	}
	return err
}

// checkRunning asks the runner about RUNNING and SUSPENDED actions: a final
// workflow status ends the action (SUCCEEDED, FAILED, KILLED); RUNNING and
// SUSPENDED mirror the workflow, except that a suspended job keeps its
// actions suspended. A pending suspend or resume is repeated first.
func (s *Scheduler) checkRunning(ctx context.Context, st *state.Store, job state.Job, nx *next) error {
	acts, err := st.ActionsByStatus(ctx, job.ID, []state.ActionStatus{state.Running, state.Suspended}, state.OldestFirst, 0)
	if err != nil {
		return err
	}
	now := s.clock().Now()
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
		if due, at := s.checkDue(a, now); !due {
			nx.at(at)
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
			ok, err := st.TransitionAction(ctx, a.ID, []state.ActionStatus{a.Status}, to, set)
			if err != nil {
				return err
			}
			if ok {
				s.log().Info("action "+string(to), "action", a.ID, "external_id", a.ExternalID, "error", res.ErrorMessage)
			}
		}
		if to.Terminal() {
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
