package scheduler

import (
	"context"
	"fmt"
	"regexp"
	"sync"

	"github.com/coordc/coordc/runtime/state"
)

// WorkflowRerunner is a Runner that can run an ended workflow job again
// in place (package workflow's Engine: Oozie's job -rerun of a workflow,
// with oozie.wf.rerun.skip.nodes or oozie.wf.rerun.failnodes in conf).
type WorkflowRerunner interface {
	Rerun(ctx context.Context, id string, conf map[string]string) error
}

// workflowJobID is a workflow job started for a coordinator action:
// "<action id>-W<run>".
var workflowJobID = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(.+)-W[0-9]+$`) })

// IsWorkflowJobID reports whether id has the form of a workflow job ID
// ("<coordinator action id>-W<run>"), which `rerun` takes instead of a
// coordinator job ID.
func IsWorkflowJobID(id string) bool { return workflowJobID().MatchString(id) }

// RerunWorkflow reruns the workflow job wfID of a coordinator action (the
// action's current run) with conf, and brings the action (SUCCEEDED,
// KILLED or FAILED, as its workflow ended) back to RUNNING so that the
// scheduler follows the workflow again, and a finished job (also KILLED,
// FAILED or IGNORED, which Oozie's workflow rerun does not look at) back
// to RUNNING; the action and the job end again with the workflow. The
// workflow rerun is done first: a crash before the action is moved leaves
// a RUNNING workflow of an ended action, which repeating the command
// completes (the runner's Check then reports the workflow running). The
// action and the job then move in one transaction under the job's lock
// (state.Tx.LockJob), as Rerun's.
func (s *Scheduler) RerunWorkflow(ctx context.Context, wfID string, conf map[string]string) error {
	rr, ok := s.Runner.(WorkflowRerunner)
	if !ok {
		return fmt.Errorf("this runner cannot rerun workflow jobs: %w", ErrNotEligible)
	}
	m := workflowJobID().FindStringSubmatch(wfID)
	if m == nil {
		return fmt.Errorf("%q is not a workflow job ID (<coordinator action id>-W<run>): %w", wfID, state.ErrNotFound)
	}
	st := s.store()
	a, err := st.GetAction(ctx, m[1])
	if err != nil {
		return fmt.Errorf("workflow job %s: %w", wfID, err)
	}
	if a.ExternalID != wfID {
		return fmt.Errorf("workflow job %s is not the current run of action %s (that is %q); rerun the action with --action: %w", wfID, a.ID, a.ExternalID, ErrNotEligible)
	}
	job, err := st.GetJob(ctx, a.JobID)
	if err != nil {
		return err
	}
	ended := []state.ActionStatus{state.Succeeded, state.Killed, state.Failed}
	if !contains(ended, a.Status) {
		return fmt.Errorf("action %s is %s; only the workflow of an ended action (SUCCEEDED, KILLED, FAILED) can be rerun: %w", a.ID, a.Status, ErrNotEligible)
	}
	if err := rr.Rerun(ctx, wfID, conf); err != nil {
		// A workflow running again under an ended action is the crash
		// case above: complete it; otherwise the refusal stands.
		if res, cerr := s.Runner.Check(ctx, wfID); cerr != nil || res.Status.Terminal() {
			return fmt.Errorf("workflow job %s: %w", wfID, err)
		}
	}
	// The action and the job move in one transaction holding the job's
	// lock (as Rerun and the status transit take it), the job's status
	// read again there: a tick that finished the job while the workflow
	// was being rerun cannot leave a finished job with a RUNNING action.
	var moved bool
	err = st.Tx(ctx, func(tx *state.Tx) error {
		if err := tx.LockJob(ctx, job.ID); err != nil {
			return err
		}
		cur, err := tx.GetJob(ctx, job.ID)
		if err != nil {
			return err
		}
		if moved, err = tx.TransitionAction(ctx, a.ID, ended, state.Running, state.Fields{ExternalStatus: state.Ptr("RUNNING"),
			ErrorCode: state.Ptr(""), ErrorMessage: state.Ptr(""), Pending: state.Ptr(false)}); err != nil || !moved {
			return err
		}
		switch cur.Status {
		case state.JobSucceeded, state.JobDoneWithError, state.JobKilled, state.JobFailed, state.JobIgnored:
			_, err = tx.TransitionJob(ctx, job.ID, []state.JobStatus{cur.Status}, state.JobRunning, state.JobFields{})
		}
		return err
	})
	if err != nil {
		return err
	}
	if !moved {
		return fmt.Errorf("action %s changed status meanwhile; try again: %w", a.ID, ErrNotEligible)
	}
	s.log().Info("workflow rerun", "action", a.ID, "workflow", wfID)
	if err := st.MarkDue(ctx, job.ID); err != nil {
		return err
	}
	return s.transit(ctx, st, job.ID)
}
