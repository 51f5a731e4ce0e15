package sla

import (
	"context"
	"time"

	"github.com/coordc/coordc/runtime/state"
)

// CheckWorkflows decides what can be decided at now of the SLAs of
// workflow jobs and workflow actions (registered by the workflow engine
// when it creates a job), recording the summaries and their events as
// Check does for coordinator actions. It returns when a deadline next needs
// a check (zero: none pending).
func (m *Monitor) CheckWorkflows(ctx context.Context, st *state.Store, now time.Time) (time.Time, error) {
	open, err := st.OpenWorkflowSLAs(ctx)
	if err != nil {
		return time.Time{}, err
	}
	return m.decide(ctx, st, open, now)
}
