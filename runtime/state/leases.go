package state

import (
	"context"
	"fmt"
)

// LeasesHeld counts the started actions of job (SUBMITTED or RUNNING)
// by the scheduler that owns them: the leases each scheduler holds on the
// job, which stay its own while its heartbeat is fresh.
func (s *Store) LeasesHeld(ctx context.Context, job string) (map[string]int, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT owner, COUNT(*) FROM coord_actions
		WHERE job_id = ? AND status IN (?, ?) AND owner IS NOT NULL AND owner <> '' GROUP BY owner`,
		job, string(Submitted), string(Running))
	if err != nil {
		return nil, fmt.Errorf("leases of %s: %w", job, err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var owner string
		var n int
		if err := rows.Scan(&owner, &n); err != nil {
			return nil, fmt.Errorf("leases of %s: %w", job, err)
		}
		out[owner] += n
	}
	return out, rows.Err()
}
