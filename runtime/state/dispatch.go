package state

import (
	"context"
	"fmt"
	"slices"

	"github.com/coordc/coordc/runtime/sqltable"
)

// Batch reads and writes of the notification outbox (outbox.go): the
// delivery worker dispatches its new events a batch at a time, so the
// events of a batch are marked dispatched by one guarded statement and
// the jobs they belong to read by one query, instead of one of each per
// event.

// EventDeliveries is one event of a dispatch batch with its deliveries
// (none for an event no destination selects).
type EventDeliveries struct {
	EventID    string
	Deliveries []Delivery
}

// DispatchAll stores the deliveries of a batch of events (due now) and
// marks the events dispatched, in the caller's transaction: one guarded
// UPDATE … RETURNING for up to maxIDList events, then one INSERT per
// delivery. ok[i] is false when batch[i]'s event was dispatched before (by
// another worker, or earlier in batch): it is left as it is and its
// deliveries are not stored again. It must run inside Store.Tx.
//
// On PostgreSQL the rows are locked in ID order before they are updated
// (the statements take the IDs in order, and each locks its rows in
// order), so that two workers dispatching overlapping batches wait for
// each other rather than deadlock; the one that waited finds the rows
// dispatched and leaves them.
func (t *Tx) DispatchAll(ctx context.Context, batch []EventDeliveries) ([]bool, error) {
	ids := make([]string, len(batch))
	for i, e := range batch {
		ids[i] = e.EventID
	}
	slices.Sort(ids) // the lock order, across the statements too
	won := make(map[string]bool, len(batch))
	err := sqltable.IDLists("id", ids, maxIDList, func(where string, args []any) error {
		query := `UPDATE events SET dispatched = 1 WHERE dispatched = 0 AND ` + where + ` RETURNING id`
		if t.backend == PostgreSQL {
			query = `UPDATE events SET dispatched = 1 WHERE id IN (SELECT id FROM events WHERE dispatched = 0 AND ` + where +
				` ORDER BY id FOR UPDATE) RETURNING id`
		}
		rows, err := t.q.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		return sqltable.ScanIDs(rows, won)
	})
	if err != nil {
		return nil, fmt.Errorf("mark events dispatched: %w", err)
	}
	ok := make([]bool, len(batch))
	insert := deliveries.Insert()
	for i, e := range batch {
		if ok[i] = won[e.EventID]; !ok[i] {
			continue
		}
		delete(won, e.EventID) // a repeat later in batch is not dispatched again
		for n, d := range e.Deliveries {
			d.ID, d.EventID, d.NextAttempt, d.Attempts = fmt.Sprintf("%s/%d", e.EventID, n+1), e.EventID, t.now(), 0
			if _, err := t.q.ExecContext(ctx, insert, deliveries.Values(&d)...); err != nil {
				return nil, fmt.Errorf("store delivery of event %s: %w", e.EventID, err)
			}
		}
	}
	return ok, nil
}

// GetJobs reads the jobs of ids by ID, with one query per maxIDList IDs;
// an unknown ID is absent from the map.
func (t *Tx) GetJobs(ctx context.Context, ids []string) (map[string]Job, error) {
	out := make(map[string]Job, len(ids))
	err := sqltable.IDLists("id", ids, maxIDList, func(where string, args []any) error {
		js, err := t.queryJobs(ctx, `WHERE `+where, args...)
		for _, j := range js {
			out[j.ID] = j
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// GetJobs reads jobs by ID (see Tx.GetJobs).
func (s *Store) GetJobs(ctx context.Context, ids []string) (map[string]Job, error) {
	return s.reader().GetJobs(ctx, ids)
}

// maxIDList is the longest IN list of IDs a statement carries.
const maxIDList = 128
