package workflow

import (
	"context"
	"errors"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/runner"
)

// alsoChildren applies op (Suspend or Resume) to the child jobs of the
// running sub-workflow actions of job id, as Oozie's SuspendXCommand and
// ResumeXCommand do, once the job itself has status want. It runs whether
// or not this call changed the job's status, so repeating a Suspend or a
// Resume that a crash interrupted between the parent and its children
// finishes it. Children pass op on to theirs.
func (e *Engine) alsoChildren(ctx context.Context, id string, want runner.Status, op func(context.Context, string) error) error {
	job, err := loadJob(ctx, e.db, id)
	if err != nil || job.status != want {
		return err
	}
	rows, err := loadActions(ctx, e.db, id)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if r.typ != string(ir.ActionSubWorkflow) || r.status != ActionRunning || r.externalID == "" {
			continue
		}
		if err := op(ctx, r.externalID); err != nil && !errors.Is(err, errNotFound) {
			return err
		}
	}
	return nil
}
