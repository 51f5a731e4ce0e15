package state

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// LockJob makes t the only transaction changing job id until it ends: on
// PostgreSQL it locks the job's row (SELECT … FOR UPDATE, waiting while
// another transaction holds it); on SQLite a transaction already is the
// only writer (BEGIN IMMEDIATE) and the call only checks the job exists.
// A decision that reads a job's actions and then changes the job (the
// status transit, a rerun) takes the lock first, so two such decisions
// never interleave. An unknown job wraps ErrNotFound.
func (t *Tx) LockJob(ctx context.Context, id string) error {
	q := `SELECT id FROM coord_jobs WHERE id = ?`
	if t.backend == PostgreSQL {
		q += ` FOR UPDATE`
	}
	var got string
	if err := t.q.QueryRowContext(ctx, q, id).Scan(&got); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("coordinator job %q: %w", id, ErrNotFound)
		}
		return fmt.Errorf("lock job %s: %w", id, err)
	}
	return nil
}
