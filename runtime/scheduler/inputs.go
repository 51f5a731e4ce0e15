package scheduler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lower/inputlogic"
	"github.com/coordc/coordc/lower/schedule"
	"github.com/coordc/coordc/runtime/state"
	"github.com/hashicorp/hcl/v2"
)

// checkInputs is Oozie's input check (CoordActionInputCheckXCommand) for
// every WAITING action of job whose nominal time has come, in nominal order:
//  1. LAST_ONLY/NONE: a late action is SKIPPED (see skip);
//  2. without <input-logic> the done-flags are checked in list order,
//     stopping at the first missing one (recorded as missing_dependencies);
//     with it, the logic is evaluated as Oozie does (package
//     lower/inputlogic) and its first missing done-flag is recorded; once
//     the inputs are met, latest/future are resolved against Storage with
//     the action's created time as coord:actualTime (and the logic
//     evaluated again over them, Oozie's second phase);
//  3. when the inputs are met the configuration is resolved, with
//     coord:dataIn('<node name>') giving the URIs that satisfied the node,
//     and the action becomes READY (an EL error makes it FAILED, E1004);
//  4. otherwise it times out when timeout ≥ 0 and
//     floor((now − max(nominal, created)) / 1 min) > timeout → TIMEDOUT.
//
// A storage error is recorded on the action (E1021) and counts as missing.
// The outcomes are group-committed (state.Batch) once every due action is
// checked: storage calls never run inside a transaction, and a crash before
// the commit only means the next tick checks the same inputs again.
func (s *Scheduler) checkInputs(ctx context.Context, db roundDB, job state.Job, c *ir.Coordinator, now time.Time, nx *next) (err error) {
	acts, err := db.ActionsByStatus(ctx, job.ID, []state.ActionStatus{state.Waiting}, state.OldestFirst, 0)
	if err != nil {
		return err
	}
	l, diags := inputlogic.Compile(c)
	if diags.HasErrors() {
		return fmt.Errorf("job %s: %s", job.ID, diags.Errs()[0])
	}
	sk := newSkipper(c, job, s.noneTolerance())
	var b state.Batch
	defer func() { err = errors.Join(err, db.Commit(ctx, &b)) }()
	for _, a := range acts {
		if a.Nominal.After(now) {
			nx.at(a.Nominal)
			continue
		}
		skipped, err := s.skip(ctx, db, sk, a, now, nx)
		if err != nil {
			return err
		}
		if skipped {
			continue
		}
		if err := s.checkAction(&b, job, c, l, a, now, nx); err != nil {
			return err
		}
	}
	return nil
}

// checkAction checks the inputs of one due WAITING action and queues its
// outcome in b.
func (s *Scheduler) checkAction(b *state.Batch, job state.Job, c *ir.Coordinator, l *inputlogic.Logic, a state.Action, now time.Time, nx *next) error {
	var plan schedule.Action
	if err := json.Unmarshal([]byte(a.ActionJSON), &plan); err != nil {
		return fmt.Errorf("action %s: stored plan is not valid JSON: %w", a.ID, err)
	}
	in, checkErr := s.evalInputs(l, a, plan, plan, now, false)
	if in.met {
		act, diags := s.resolve(job, c, a, plan, nil)
		if diags.HasErrors() || act == nil {
			s.failAction(b, a, diags)
			return nil
		}
		if unresolved(plan) != "" {
			in, checkErr = s.evalInputs(l, a, plan, *act, now, true)
		}
		if in.met && l != nil {
			act, diags = s.resolve(job, c, a, plan, in.nodes)
			if diags.HasErrors() || act == nil {
				s.failAction(b, a, diags)
				return nil
			}
		}
		if in.met {
			return s.ready(b, a, plan, *act)
		}
	}
	missing := in.missing
	errMsg := ""
	var set state.Fields
	set.MissingDependencies = &missing
	if checkErr != nil {
		errMsg = "Coord Action Input Check Error: " + checkErr.Error()
		set.ErrorCode, set.ErrorMessage = state.Ptr(string(diag.E1021)), &errMsg
	}
	if waited := int(now.Sub(later(a.Nominal, a.Created)) / time.Minute); a.Timeout >= 0 && waited > a.Timeout {
		b.TransitionAction(a.ID, []state.ActionStatus{state.Waiting}, state.TimedOut, set, func(ok bool) {
			if ok {
				s.log().Info("action timed out", "action", a.ID, "waited_minutes", waited, "timeout", a.Timeout, "missing", missing)
			}
		})
		return nil
	}
	nx.at(now.Add(Requeue))
	if missing == a.MissingDependencies && errMsg == a.ErrorMessage {
		return nil
	}
	b.TransitionAction(a.ID, []state.ActionStatus{state.Waiting}, state.Waiting, set, nil)
	return nil
}

// firstMissing is the first done-flag path (in event and instance order)
// that does not exist; "" when all exist. A storage error stops the check.
func (s *Scheduler) firstMissing(plan schedule.Action) (string, error) {
	for _, ev := range plan.Inputs {
		for _, p := range ev.DoneFlags {
			ok, err := s.Storage.Exists(p)
			if err != nil {
				return p, err
			}
			if !ok {
				return p, nil
			}
		}
	}
	return "", nil
}

// unresolved is the first latest/future text act still has, or "".
func unresolved(act schedule.Action) string {
	for _, ev := range act.Inputs {
		if ev.Unresolved != "" {
			return ev.Unresolved
		}
	}
	return ""
}

// resolve materializes the action again with its created time as
// coord:actualTime, against Storage when latest/future are unresolved, to
// resolve them and evaluate the action configuration.
// nodes are the URIs of the satisfied input-logic nodes (nil without
// input logic, or while only latest/future are being resolved).
func (s *Scheduler) resolve(job state.Job, c *ir.Coordinator, a state.Action, plan schedule.Action, nodes map[string][]string) (*schedule.Action, hcl.Diagnostics) {
	opts := schedule.Options{JobID: job.ID, ActualTime: func(time.Time) time.Time { return a.Created }, InputLogic: nodes}
	if unresolved(plan) != "" {
		opts.Storage = s.Storage
	}
	return schedule.ActionAt(c, a.Nominal, opts)
}

// failAction moves a WAITING action whose configuration does not evaluate to
// FAILED (Oozie's ElException, E1004).
func (s *Scheduler) failAction(b *state.Batch, a state.Action, diags hcl.Diagnostics) {
	msg := "the action could not be materialized again"
	if diags.HasErrors() {
		msg = diags.Errs()[0].Error()
	}
	b.TransitionAction(a.ID, []state.ActionStatus{state.Waiting}, state.Failed,
		state.Fields{ErrorCode: state.Ptr(string(diag.E1004)), ErrorMessage: &msg}, func(ok bool) {
			if ok {
				s.log().Warn("action failed: configuration error", "action", a.ID, "error", msg)
			}
		})
}

// ready moves the action WAITING → READY with its resolved configuration
// (run_conf) and, when latest/future were resolved, the resolved plan.
func (s *Scheduler) ready(b *state.Batch, a state.Action, plan, act schedule.Action) error {
	conf := map[string]string{}
	for _, p := range act.Configuration {
		conf[p.Name] = p.Value
	}
	confJSON, err := json.Marshal(conf)
	if err != nil {
		return err
	}
	set := state.Fields{RunConf: state.Ptr(string(confJSON)), MissingDependencies: state.Ptr(""), ErrorCode: state.Ptr(""), ErrorMessage: state.Ptr("")}
	if unresolved(plan) != "" {
		planJSON, err := json.Marshal(act)
		if err != nil {
			return err
		}
		set.ActionJSON = state.Ptr(string(planJSON))
	}
	b.TransitionAction(a.ID, []state.ActionStatus{state.Waiting}, state.Ready, set, func(ok bool) {
		if ok {
			s.log().Info("action ready", "action", a.ID, "nominal_time", a.Nominal)
		}
	})
	return nil
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
