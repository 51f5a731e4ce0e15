package scheduler

import (
	"context"
	"fmt"
	"maps"

	"github.com/coordc/coordc/runtime/state"
)

// failNodesProperty is Oozie's oozie.wf.rerun.failnodes: a workflow rerun
// that skips the nodes that ended OK.
const failNodesProperty = "oozie.wf.rerun.failnodes"

// rerunInPlace starts an action that `rerun --failed` sent back with its
// workflow job kept (Oozie's CoordActionStartXCommand for an action with an
// external ID): the job runs again with oozie.wf.rerun.failnodes=true, the
// action's configuration merged over its own. A job found running again is
// the rerun of an earlier start that crashed before recording it, and is
// followed as it is. (A crash after the rerun and before its record, with
// the rerun ending before the next start, reruns the failed nodes once
// more.)
func (s *Scheduler) rerunInPlace(ctx context.Context, a state.Action, conf map[string]string) (string, error) {
	rr, ok := s.Runner.(WorkflowRerunner)
	if !ok {
		return "", fmt.Errorf("action %s: this runner cannot rerun the failed nodes of workflow %s in place", a.ID, a.ExternalID)
	}
	res, err := s.Runner.Check(ctx, a.ExternalID)
	if err != nil {
		return "", fmt.Errorf("action %s: workflow %s: %w", a.ID, a.ExternalID, err)
	}
	if res.Status.Terminal() {
		rc := maps.Clone(conf)
		delete(rc, "oozie.wf.rerun.skip.nodes")
		rc[failNodesProperty] = "true"
		if err := rr.Rerun(ctx, a.ExternalID, rc); err != nil {
			return "", fmt.Errorf("action %s: rerun of workflow %s: %w", a.ID, a.ExternalID, err)
		}
	}
	s.log().Info("workflow rerun in place, failed nodes only", "action", a.ID, "external_id", a.ExternalID)
	return a.ExternalID, nil
}
