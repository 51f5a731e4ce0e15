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
//
// Ticks closer than WorkflowCheckEvery to the last check, and before the
// deadline it found, are skipped (a busy tick loop does not read the SLA
// tables each time): a met or missed event is recorded within
// WorkflowCheckEvery of the change or deadline that decides it.
func (m *Monitor) CheckWorkflows(ctx context.Context, st *state.Store, now time.Time) (time.Time, error) {
	m.mu.Lock()
	skip := !m.wfChecked.IsZero() && now.Sub(m.wfChecked) < WorkflowCheckEvery && now.Sub(m.wfChecked) >= 0 &&
		(m.wfNext.IsZero() || now.Before(m.wfNext))
	next := m.wfNext
	m.mu.Unlock()
	if skip {
		return next, nil
	}
	open, err := st.OpenWorkflowSLAs(ctx)
	if err != nil {
		return time.Time{}, err
	}
	next, err = m.decide(ctx, st, open, now)
	if err == nil {
		m.mu.Lock()
		m.wfChecked, m.wfNext = now, next
		m.mu.Unlock()
	}
	return next, err
}

// WorkflowCheckEvery is the least time between two reads of the open
// workflow SLAs by one Monitor (see CheckWorkflows).
const WorkflowCheckEvery = time.Second
