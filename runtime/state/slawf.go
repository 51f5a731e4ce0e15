package state

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// AppWorkflowAction is the app type of a workflow action's SLA and events
// (Oozie's WORKFLOW_ACTION).
const AppWorkflowAction AppType = "WORKFLOW_ACTION"

// Execer is what *sql.DB and *sql.Tx offer to write a row.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// RecordEvent adds e to the outbox (its ID and created time set from now)
// through q, for writers of state tables outside Store.Tx (the workflow
// engine): q must be the transaction that makes the change e reports.
func RecordEvent(ctx context.Context, q Execer, now time.Time, e Event) error {
	e.Created = now
	e.ID = newEventID(now)
	e.Dispatched = false
	if _, err := q.ExecContext(ctx, events.Insert(), events.Values(&e)...); err != nil {
		return fmt.Errorf("record %s event of %s: %w", e.EventStatus, e.EntityID, err)
	}
	return nil
}

// Querier is what *sql.DB and *sql.Tx offer.
type Querier interface {
	Execer
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// RegisterSLAIn is Tx.RegisterSLA (created at now) in q, the transaction
// of a writer of state tables outside Store.Tx (the workflow engine
// registers a workflow's SLAs in the transaction that creates the job).
func RegisterSLAIn(ctx context.Context, q Querier, now time.Time, s SLA) (bool, error) {
	return (&Tx{q: q, now: func() time.Time { return now }}).RegisterSLA(ctx, s)
}

// OpenWorkflowSLAs reads the SLAs of workflow jobs and workflow actions
// not yet fully decided, by nominal time.
func (t *Tx) OpenWorkflowSLAs(ctx context.Context) ([]SLA, error) {
	return t.querySLAs(ctx, `WHERE s.event_processed < ? AND s.app_type IN (?, ?) ORDER BY s.nominal_time, s.job_id`,
		SLAAllDone, string(AppWorkflowJob), string(AppWorkflowAction))
}

// OpenWorkflowSLAs reads the open workflow SLAs (see Tx.OpenWorkflowSLAs).
func (s *Store) OpenWorkflowSLAs(ctx context.Context) ([]SLA, error) {
	return s.reader().OpenWorkflowSLAs(ctx)
}
