package main

import (
	"context"
	"errors"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/settings"
	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/runtime/submit"
	"github.com/hashicorp/hcl/v2"
)

// applyTarget is one coordinator apply runs (submit.Target).
type applyTarget = submit.Target

// applyTargets lists the coordinators of a compiled project that apply
// submits (submit.Targets).
func applyTargets(ctx context.Context, res *compiler.Result, rt *settings.Runtime) ([]applyTarget, hcl.Diagnostics) {
	return submit.Targets(ctx, res, rt)
}

// submitTargets is submit.SubmitTargets with the submission's own errors
// (*submit.Problem) exiting 1.
func submitTargets(ctx context.Context, s *scheduler.Scheduler, targets []applyTarget) (ids, bundleIDs []string, err error) {
	ids, bundleIDs, err = submit.SubmitTargets(ctx, s, targets)
	var p *submit.Problem
	if errors.As(err, &p) {
		return nil, nil, withCode(exitProblems, p.Err)
	}
	return ids, bundleIDs, err
}

// jobsDone reports whether every job is finished with no action left to
// run, and whether any job or action ended in failure.
func jobsDone(ctx context.Context, st *state.Store, ids []string) (done, failed bool, err error) {
	for _, id := range ids {
		j, err := st.GetJob(ctx, id)
		if err != nil {
			return false, false, err
		}
		if !j.Status.Terminal() {
			return false, false, nil
		}
		counts, err := st.CountByStatus(ctx, id, state.ActionStatuses...)
		if err != nil {
			return false, false, err
		}
		for status, n := range counts {
			if n == 0 {
				continue
			}
			if !status.Terminal() {
				return false, false, nil
			}
			if status != state.Succeeded && status != state.Skipped {
				failed = true
			}
		}
		if j.Status != state.JobSucceeded {
			failed = true
		}
	}
	return true, failed, nil
}
