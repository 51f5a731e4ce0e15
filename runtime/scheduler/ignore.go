package scheduler

import (
	"context"
	"fmt"
	"strings"

	"github.com/coordc/coordc/runtime/state"
)

// Ignore is Oozie's -ignore. With sel nil it moves a KILLED or FAILED job
// to IGNORED (a job `change` cannot touch any more). With a selection it
// moves the selected actions, which must all be KILLED, FAILED or TIMEDOUT
// (else nothing changes), to IGNORED: they no longer count in the job's
// status, so a job whose only failures are ignored runs on as RUNNING and
// ends SUCCEEDED. An ignored action can be rerun.
func (s *Scheduler) Ignore(ctx context.Context, jobID string, sel *Selection) error {
	st := s.store()
	job, err := st.GetJob(ctx, jobID)
	if err != nil {
		return err
	}
	if sel == nil {
		if job.Status != state.JobKilled && job.Status != state.JobFailed {
			return fmt.Errorf("job %s is %s; only a KILLED or FAILED job can be ignored: %w", jobID, job.Status, ErrNotEligible)
		}
		ok, err := st.TransitionJob(ctx, jobID, []state.JobStatus{job.Status}, state.JobIgnored, state.JobFields{})
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("job %s changed status meanwhile; try again", jobID)
		}
		s.log().Info("job IGNORED", "job", jobID, "from", job.Status)
		return nil
	}
	acts, err := sel.actions(ctx, st, jobID)
	if err != nil {
		return err
	}
	var bad []string
	for _, a := range acts {
		if !a.Status.TerminalWithFailure() {
			bad = append(bad, fmt.Sprintf("%d (%s)", a.Number, a.Status))
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("job %s: actions %s are not KILLED, FAILED or TIMEDOUT, so none was ignored: %w", jobID, strings.Join(bad, ", "), ErrNotEligible)
	}
	for _, a := range acts {
		ok, err := st.TransitionAction(ctx, a.ID, []state.ActionStatus{a.Status}, state.Ignored, state.Fields{})
		if err != nil {
			return err
		}
		if ok {
			s.log().Info("action IGNORED", "action", a.ID, "from", a.Status)
		}
	}
	if err := st.MarkDue(ctx, jobID); err != nil {
		return err
	}
	return s.transit(ctx, st, jobID)
}
