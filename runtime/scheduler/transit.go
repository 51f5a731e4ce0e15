package scheduler

import (
	"context"

	"github.com/coordc/coordc/runtime/state"
)

// jobStatus is Oozie's status transit (CoordStatusTransitXCommand,
// SEMANTICS §8.2) for a job in status cur, given which statuses its actions
// are in:
//  1. when materialization is done and every non-ignored action is terminal:
//     SUCCEEDED if all are SUCCEEDED or SKIPPED (none counts), KILLED if all
//     are KILLED, FAILED if all are FAILED, otherwise DONEWITHERROR;
//  2. a suspended (paused) job stays suspended (paused), WITHERROR when an
//     action is KILLED, FAILED or TIMEDOUT (PREPSUSPENDED and PREPPAUSED
//     stay as they are);
//  3. otherwise RUNNING, or RUNNINGWITHERROR with such an action.
//
// PREP (nothing materialized yet) and the final statuses are kept. A paused
// job is never finished: its materialization stopped before the end.
func jobStatus(cur state.JobStatus, done bool, present map[state.ActionStatus]bool) state.JobStatus {
	if cur == state.JobPrep || cur == state.JobPrepSuspended || cur == state.JobPrepPaused || cur.Terminal() {
		return cur
	}
	active := false
	for _, st := range state.ActiveStatuses {
		active = active || present[st]
	}
	failure := present[state.Killed] || present[state.Failed] || present[state.TimedOut]
	switch {
	case cur.Suspended():
		if failure {
			return state.JobSuspendedWithError
		}
		return state.JobSuspended
	case cur.Paused():
		if failure {
			return state.JobPausedWithError
		}
		return state.JobPaused
	case done && !active:
		only := func(want ...state.ActionStatus) bool {
			for _, st := range []state.ActionStatus{state.TimedOut, state.Succeeded, state.Killed, state.Failed, state.Skipped} {
				if present[st] && !contains(want, st) {
					return false
				}
			}
			return true
		}
		switch {
		case only(state.Succeeded, state.Skipped):
			return state.JobSucceeded
		case only(state.Killed):
			return state.JobKilled
		case only(state.Failed):
			return state.JobFailed
		}
		return state.JobDoneWithError
	case failure:
		return state.JobRunningWithError
	}
	return state.JobRunning
}

// transit recomputes a job's status and stores a change. The change is
// decided again inside one transaction holding the job's lock
// (state.Tx.LockJob), the lock a rerun takes too: a rerun that moves a
// finished action back to WAITING between the first reading and the write
// can never leave a finished job with an action to run.
func (s *Scheduler) transit(ctx context.Context, st *state.Store, id string) error {
	job, err := st.GetJob(ctx, id)
	if err != nil {
		return err
	}
	present, err := st.Present(ctx, id)
	if err != nil {
		return err
	}
	if jobStatus(job.Status, job.DoneMaterialization, present) == job.Status {
		return nil
	}
	if beforeTransitWrite != nil {
		beforeTransitWrite()
	}
	var from, to state.JobStatus
	var moved bool
	err = st.Tx(ctx, func(tx *state.Tx) error {
		if err := tx.LockJob(ctx, id); err != nil {
			return err
		}
		job, err := tx.GetJob(ctx, id)
		if err != nil {
			return err
		}
		present, err := tx.Present(ctx, id)
		if err != nil {
			return err
		}
		from, to = job.Status, jobStatus(job.Status, job.DoneMaterialization, present)
		if to == from {
			return nil
		}
		moved, err = tx.TransitionJob(ctx, id, []state.JobStatus{from}, to, state.JobFields{})
		return err
	})
	if moved {
		s.log().Info("job "+string(to), "job", id, "from", from)
	}
	return err
}

// beforeTransitWrite, when set (by a test), runs between transit's first
// reading and its transaction: the window a concurrent operation can
// change the job in.
var beforeTransitWrite func()

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
