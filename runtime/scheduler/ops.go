package scheduler

import (
	"context"
	"fmt"
	"time"

	"github.com/coordc/coordc/runtime/state"
)

// Kill kills a job that is not finished: the job becomes KILLED and so do
// its WAITING, READY, SUBMITTED, RUNNING and SUSPENDED actions; the
// workflows of started actions are killed through the runner. Each action
// is marked pending before the runner call, so a crash in between is
// repaired by the next process (Tick's recovery).
//
// A bundle job ID kills the bundle and its coordinator jobs.
func (s *Scheduler) Kill(ctx context.Context, jobID string) error {
	if state.IsBundleID(jobID) {
		return s.killBundle(ctx, jobID)
	}
	st := s.store()
	job, err := st.GetJob(ctx, jobID)
	if err != nil {
		return err
	}
	if job.Status.Terminal() {
		return fmt.Errorf("job %s is %s; only an unfinished job can be killed: %w", jobID, job.Status, ErrNotEligible)
	}
	ok, err := st.TransitionJob(ctx, jobID, []state.JobStatus{job.Status}, state.JobKilled, state.JobFields{})
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("job %s changed status while being killed; try again", jobID)
	}
	s.log().Info("job KILLED", "job", jobID, "from", job.Status)
	acts, err := st.ActionsByStatus(ctx, jobID, state.ActiveStatuses, state.OldestFirst, 0)
	if err != nil {
		return err
	}
	return s.killActions(ctx, st, acts)
}

// KillActions kills the unfinished actions among those sel selects (Oozie's
// kill -action / -date) and recomputes the job status; finished actions in
// the selection are left alone. It is an error when none was unfinished.
func (s *Scheduler) KillActions(ctx context.Context, jobID string, sel Selection) error {
	if state.IsBundleID(jobID) {
		return fmt.Errorf("job %s is a bundle job: kill it whole, or kill actions of one of its coordinator jobs: %w", jobID, ErrNotEligible)
	}
	st := s.store()
	job, err := st.GetJob(ctx, jobID)
	if err != nil {
		return err
	}
	if job.Status.Terminal() {
		return fmt.Errorf("job %s is %s; its actions cannot be killed: %w", jobID, job.Status, ErrNotEligible)
	}
	acts, err := sel.actions(ctx, st, jobID)
	if err != nil {
		return err
	}
	var active []state.Action
	for _, a := range acts {
		if !a.Status.Terminal() {
			active = append(active, a)
		}
	}
	if len(active) == 0 {
		return fmt.Errorf("job %s: none of the %d selected actions is unfinished: %w", jobID, len(acts), ErrNotEligible)
	}
	if err := s.killActions(ctx, st, active); err != nil {
		return err
	}
	if err := st.MarkDue(ctx, jobID); err != nil {
		return err
	}
	return s.transit(ctx, st, jobID)
}

func (s *Scheduler) killActions(ctx context.Context, st *state.Store, acts []state.Action) error {
	remote, err := s.remoteOwners(ctx, st)
	if err != nil {
		return err
	}
	for _, a := range acts {
		pending := a.ExternalID != "" || a.Status == state.Submitted
		ok, err := st.TransitionAction(ctx, a.ID, []state.ActionStatus{a.Status}, state.Killed, state.Fields{Pending: &pending})
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		s.log().Info("action KILLED", "action", a.ID, "from", a.Status)
		if pending && remote(a) {
			s.log().Info("the kill is left to the action's scheduler on its host", "action", a.ID, "owner", a.Owner)
			continue
		}
		if pending {
			a.Status = state.Killed
			s.finishPending(ctx, st, a)
		}
	}
	return nil
}

// Suspend suspends a job (PREP → PREPSUSPENDED, RUNNING and PAUSED →
// SUSPENDED, RUNNINGWITHERROR and PAUSEDWITHERROR → SUSPENDEDWITHERROR) and its RUNNING actions' workflows.
// A suspended job materializes nothing and starts nothing. A bundle job
// ID suspends the bundle (PREP, RUNNING, RUNNINGWITHERROR, PAUSED*) and its
// coordinator jobs.
func (s *Scheduler) Suspend(ctx context.Context, jobID string) error {
	if state.IsBundleID(jobID) {
		return s.suspendResumeBundle(ctx, jobID, true)
	}
	return s.suspendResume(ctx, jobID, map[state.JobStatus]state.JobStatus{
		state.JobPrep: state.JobPrepSuspended, state.JobRunning: state.JobSuspended,
		state.JobRunningWithError: state.JobSuspendedWithError, state.JobPaused: state.JobSuspended,
		state.JobPausedWithError: state.JobSuspendedWithError,
	}, state.Running, state.Suspended, s.clock().Now())
}

// Resume undoes Suspend: the job returns to PREP, RUNNING or
// RUNNINGWITHERROR (paused again by the next tick when its pause time has
// passed) and its SUSPENDED actions' workflows are resumed. A bundle job ID
// resumes the bundle and its suspended coordinator jobs.
func (s *Scheduler) Resume(ctx context.Context, jobID string) error {
	if state.IsBundleID(jobID) {
		return s.suspendResumeBundle(ctx, jobID, false)
	}
	return s.suspendResume(ctx, jobID, map[state.JobStatus]state.JobStatus{
		state.JobPrepSuspended: state.JobPrep, state.JobSuspended: state.JobRunning,
		state.JobSuspendedWithError: state.JobRunningWithError,
	}, state.Suspended, state.Running, time.Time{})
}

func (s *Scheduler) suspendResume(ctx context.Context, jobID string, jobTo map[state.JobStatus]state.JobStatus, from, to state.ActionStatus, suspended time.Time) error {
	st := s.store()
	job, err := st.GetJob(ctx, jobID)
	if err != nil {
		return err
	}
	next, ok := jobTo[job.Status]
	if !ok {
		verb := "suspended"
		if to == state.Running {
			verb = "resumed"
		}
		return fmt.Errorf("job %s is %s and cannot be %s: %w", jobID, job.Status, verb, ErrNotEligible)
	}
	ok, err = st.TransitionJob(ctx, jobID, []state.JobStatus{job.Status}, next, state.JobFields{SuspendedTime: &suspended})
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("job %s changed status meanwhile; try again", jobID)
	}
	s.log().Info("job "+string(next), "job", jobID, "from", job.Status)
	acts, err := st.ActionsByStatus(ctx, jobID, []state.ActionStatus{from}, state.OldestFirst, 0)
	if err != nil {
		return err
	}
	remote, err := s.remoteOwners(ctx, st)
	if err != nil {
		return err
	}
	for _, a := range acts {
		ok, err := st.TransitionAction(ctx, a.ID, []state.ActionStatus{from}, to, state.Fields{Pending: state.Ptr(true)})
		if err != nil {
			return err
		}
		if ok && remote(a) {
			continue // the owner's next tick makes the call (checkRunning)
		}
		if ok {
			a.Status = to
			s.finishPending(ctx, st, a)
		}
	}
	return nil
}

// Status reports a job and its actions, or every job when jobID is "", in
// the shape of `coordc status -o json`.
func (s *Scheduler) Status(ctx context.Context, jobID string) (state.Report, error) {
	return s.Store.Status(ctx, jobID)
}
