package scheduler

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/coordc/coordc/lower/schedule"
	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/runtime/storage"
)

// Deleter is the storage that rerun cleans output directories with.
type Deleter interface {
	// Delete removes the path or URI and everything below it; a missing
	// path is not an error.
	Delete(path string) error
}

// LocalStorage is storage.Local with Delete: the Storage for local paths and
// file:// URIs.
type LocalStorage struct{ storage.Local }

// Delete removes a local path or file:// URI recursively.
func (LocalStorage) Delete(uri string) error {
	path, err := storage.LocalPath(uri)
	if err != nil {
		return err
	}
	if path == "" || path == "/" {
		return fmt.Errorf("refusing to delete %q", uri)
	}
	return os.RemoveAll(path)
}

// RerunOptions are Oozie's rerun flags.
type RerunOptions struct {
	// Refresh materializes the actions again (Oozie re-resolves
	// latest/future and checks every dependency again).
	Refresh bool
	// NoCleanup keeps the output directories, which are deleted otherwise
	// (data-outs with nocleanup="true" are always kept).
	NoCleanup bool
	// Failed reruns only the failed workflow actions (Oozie's -failed): an
	// action keeps its workflow job, which its start runs again in place
	// with oozie.wf.rerun.failnodes=true, so the nodes that ended OK are
	// skipped. It needs a Runner that reruns workflows in place.
	Failed bool
}

// Rerun moves the selected actions back to WAITING with run + 1 (Oozie's
// coord rerun, SEMANTICS §8.1). The job must not be PREP, KILLED or FAILED
// and every selected action must be TIMEDOUT, SUCCEEDED, KILLED, FAILED or
// IGNORED, else nothing changes. Output directories are deleted first unless
// NoCleanup (a failed delete is logged, as Oozie does); the created time is
// kept, so the timeout counts from the first materialization as in Oozie. A
// finished job becomes RUNNING again. With Failed, an action that had a
// workflow keeps it and its run number instead (see rerunInPlace).
//
// A bundle job ID reruns the bundle (RerunBundle) with sel's date ranges;
// action numbers do not apply to a bundle.
func (s *Scheduler) Rerun(ctx context.Context, jobID string, sel Selection, opts RerunOptions) error {
	if state.IsBundleID(jobID) {
		if len(sel.Numbers) > 0 {
			return fmt.Errorf("job %s is a bundle job: rerun it by --coordinator and --date, not by action numbers: %w", jobID, ErrNotEligible)
		}
		return s.RerunBundle(ctx, jobID, BundleRerun{Dates: sel.Dates}, opts)
	}
	st := s.store()
	job, err := st.GetJob(ctx, jobID)
	if err != nil {
		return err
	}
	switch job.Status {
	case state.JobKilled, state.JobFailed, state.JobPrep, state.JobIgnored:
		return fmt.Errorf("job %s is %s; its actions are not eligible to rerun (E1018): %w", jobID, job.Status, ErrNotEligible)
	}
	if opts.Failed {
		if _, ok := s.Runner.(WorkflowRerunner); !ok {
			return fmt.Errorf("job %s: this runner cannot rerun the failed nodes of a workflow in place: %w", jobID, ErrNotEligible)
		}
	}
	acts, err := sel.actions(ctx, st, jobID)
	if err != nil {
		return err
	}
	var bad []string
	for _, a := range acts {
		if !a.Status.Rerunnable() {
			bad = append(bad, fmt.Sprintf("%d (%s)", a.Number, a.Status))
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("job %s: actions %s are not finished, so none was rerun (E1018); wait for them or kill them: %w", jobID, strings.Join(bad, ", "), ErrNotEligible)
	}
	c, err := s.coordinator(ctx, job)
	if err != nil {
		return err
	}
	keep := map[string]bool{}
	for _, out := range c.Outputs {
		if out.NoCleanup != nil && strings.TrimSpace(out.NoCleanup.Value) == "true" {
			keep[out.Name] = true
		}
	}
	// Each action's new fields (and, with Refresh, its new plan) are made
	// and its outputs deleted first; then one transaction holding the job's
	// lock moves every action back to WAITING, each guarded by the status
	// it was checked in, and a finished job back to RUNNING, so that a tick
	// finishing the job meanwhile cannot strand the rerun (see transit).
	sets := make([]state.Fields, len(acts))
	for i, a := range acts {
		var plan schedule.Action
		if err := json.Unmarshal([]byte(a.ActionJSON), &plan); err != nil {
			return fmt.Errorf("action %s: stored plan is not valid JSON: %w", a.ID, err)
		}
		set := state.Fields{Run: state.Ptr(a.Run + 1), RerunTime: state.Ptr(s.clock().Now()), ExternalID: state.Ptr(""),
			ExternalStatus: state.Ptr(""), ErrorCode: state.Ptr(""), ErrorMessage: state.Ptr(""),
			MissingDependencies: state.Ptr(""), RunConf: state.Ptr(""), Pending: state.Ptr(false)}
		if opts.Failed && a.ExternalID != "" {
			set.Run, set.ExternalID = nil, nil // the same workflow job runs again (rerunInPlace)
		}
		if opts.Refresh {
			act, diags := schedule.ActionAt(c, a.Nominal, schedule.Options{JobID: jobID, ActualTime: func(time.Time) time.Time { return a.Created }})
			if diags.HasErrors() || act == nil {
				return fmt.Errorf("action %s cannot be materialized again: %v", a.ID, diags.Errs())
			}
			data, err := json.Marshal(act)
			if err != nil {
				return err
			}
			set.ActionJSON = state.Ptr(string(data))
		}
		if !opts.NoCleanup {
			s.cleanup(a, plan, keep)
		}
		sets[i] = set
	}
	err = st.Tx(ctx, func(tx *state.Tx) error {
		if err := tx.LockJob(ctx, jobID); err != nil {
			return err
		}
		cur, err := tx.GetJob(ctx, jobID)
		if err != nil {
			return err
		}
		from := cur.Status
		switch from {
		case state.JobKilled, state.JobFailed, state.JobPrep, state.JobIgnored:
			return fmt.Errorf("job %s is %s; its actions are not eligible to rerun (E1018): %w", jobID, from, ErrNotEligible)
		}
		for i, a := range acts {
			ok, err := tx.TransitionAction(ctx, a.ID, []state.ActionStatus{a.Status}, state.Waiting, sets[i])
			if err != nil {
				return err
			}
			if !ok {
				return fmt.Errorf("job %s: action %d changed status meanwhile, so none was rerun; try again", jobID, a.Number)
			}
		}
		if from == state.JobSucceeded || from == state.JobDoneWithError {
			if _, err := tx.TransitionJob(ctx, jobID, []state.JobStatus{from}, state.JobRunning, state.JobFields{}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, a := range acts {
		s.log().Info("action rerun", "action", a.ID, "from", a.Status, "run", a.Run+1)
	}
	if err := st.MarkDue(ctx, jobID); err != nil {
		return err
	}
	return s.transit(ctx, st, jobID)
}

// cleanup deletes an action's output instances before a rerun.
func (s *Scheduler) cleanup(a state.Action, plan schedule.Action, keep map[string]bool) {
	d, ok := s.Storage.(Deleter)
	for _, out := range plan.Outputs {
		if keep[out.Name] {
			continue
		}
		for _, uri := range out.URIs {
			if !ok {
				s.log().Warn("storage cannot delete; output kept", "action", a.ID, "uri", uri)
				continue
			}
			if err := d.Delete(uri); err != nil {
				s.log().Warn("cannot delete output before rerun", "action", a.ID, "uri", uri, "error", err)
				continue
			}
			s.log().Info("output deleted before rerun", "action", a.ID, "uri", uri)
		}
	}
}
