package scheduler

import (
	"context"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lower/schedule"
	"github.com/coordc/coordc/runtime/state"
)

// skipper knows what the LAST_ONLY and NONE skip rules need of a job.
type skipper struct {
	c    *ir.Coordinator
	job  state.Job
	tol  time.Duration
	next map[int]time.Time // action number → next action's nominal time
}

func newSkipper(c *ir.Coordinator, job state.Job, tol time.Duration) *skipper {
	return &skipper{c: c, job: job, tol: tol, next: map[int]time.Time{}}
}

// nextNominal is the nominal time of the action after a, from the planner;
// zero when a is the job's last action.
func (k *skipper) nextNominal(a state.Action) time.Time {
	if t, ok := k.next[a.Number]; ok {
		return t
	}
	var t time.Time
	schedule.Walk(k.c, schedule.Options{From: a.Nominal.Add(time.Second), Count: 1}, func(n *schedule.Action) bool {
		t = n.Nominal
		return false
	})
	k.next[a.Number] = t
	return t
}

// skip applies the execution skip rules (SEMANTICS §7) to a WAITING or
// READY action and reports whether it was SKIPPED:
//   - LAST_ONLY: when now is after the next action's nominal time (the
//     job's last action is never skipped);
//   - NONE: when now is after the nominal time plus the tolerance.
//
// FIFO and LIFO never skip.
func (s *Scheduler) skip(ctx context.Context, db roundDB, k *skipper, a state.Action, now time.Time, nx *next) (bool, error) {
	var deadline time.Time
	switch k.job.Execution {
	case state.LastOnly:
		if deadline = k.nextNominal(a); deadline.IsZero() {
			return false, nil
		}
	case state.None:
		deadline = a.Nominal.Add(k.tol)
	default:
		return false, nil
	}
	if !now.After(deadline) {
		nx.at(deadline.Add(time.Second))
		return false, nil
	}
	ok, err := db.TransitionAction(ctx, a.ID, []state.ActionStatus{a.Status}, state.Skipped, state.Fields{})
	if ok {
		s.log().Info("action skipped", "action", a.ID, "execution", k.job.Execution, "deadline", deadline)
	}
	return ok, err
}
