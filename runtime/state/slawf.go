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
