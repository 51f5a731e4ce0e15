package state

import (
	"context"
	"fmt"
	"time"
)

// Purge deletes the finished jobs (SUCCEEDED, DONEWITHERROR, KILLED,
// FAILED, IGNORED) last changed before before, with their actions and
// workflow jobs and nodes, as Oozie's PurgeService does, and returns their
// IDs (the caller removes their log directories). Each job goes in one
// transaction that first re-checks, under the row's lock, that it is still
// finished and old: a job rerun meanwhile is kept. A running job is never
// purged. A bundle's coordinator jobs are purged once the bundle is
// finished too, and a finished bundle job, last changed before before, once
// none of its coordinator jobs is left.
func (s *Store) Purge(ctx context.Context, before time.Time) ([]string, error) {
	var final []JobStatus
	for _, st := range JobStatuses {
		if st.Terminal() {
			final = append(final, st)
		}
	}
	where, args := inList("status", final)
	// A coordinator job of a bundle goes with its bundle: not while the
	// bundle is unfinished.
	bwhere, bargs := inList("b.status", final)
	rows, err := s.r.QueryContext(ctx, `SELECT id FROM coord_jobs WHERE `+where+` AND last_modified_time < ?
		AND NOT EXISTS (SELECT 1 FROM bundle_jobs b WHERE b.id = coord_jobs.bundle_id AND NOT (`+bwhere+`)) ORDER BY id`,
		append(append(args, FormatTime(before)), bargs...)...)
	if err != nil {
		return nil, fmt.Errorf("purge: %w", err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("purge: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("purge: %w", err)
	}
	var purged []string
	for _, id := range ids {
		err := s.Tx(ctx, func(tx *Tx) error {
			ok, err := tx.update(ctx, `UPDATE coord_jobs SET pending = pending WHERE id = ? AND `+where+` AND last_modified_time < ?`,
				append(append([]any{id}, args...), FormatTime(before)))
			if err != nil || !ok {
				return err
			}
			for _, q := range []string{
				`DELETE FROM wf_actions WHERE wf_id IN (SELECT w.id FROM wf_jobs w JOIN coord_actions a ON w.parent_id = a.id WHERE a.job_id = ?)`,
				`DELETE FROM wf_jobs WHERE parent_id IN (SELECT id FROM coord_actions WHERE job_id = ?)`,
				`DELETE FROM coord_actions WHERE job_id = ?`,
				`DELETE FROM coord_jobs WHERE id = ?`,
			} {
				if _, err := tx.q.ExecContext(ctx, q, id); err != nil {
					return err
				}
			}
			purged = append(purged, id)
			return nil
		})
		if err != nil {
			return purged, fmt.Errorf("purge job %s: %w", id, err)
		}
	}
	return purged, s.purgeBundles(ctx, before, final)
}
