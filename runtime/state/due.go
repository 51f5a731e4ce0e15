package state

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Jobs with no active action (all finished, the next nominal time ahead)
// record when they next have work (next_due_time, indexed), so that a tick
// reads only the jobs due instead of every job of the database. A job with
// active actions, one just submitted and one an operation changed has
// next_due_time NULL: due at once.

// never is the stored next-due time of a job that has no work until an
// operation changes it.
var never = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)

// DueJobs reads the jobs due at now, oldest first, whatever their status:
// the caller records a job it has nothing to do for (a finished one) as
// never due (SetNextDue with the zero time), so that it is read once. The
// query is two ranges of the next_due_time index.
func (s *Store) DueJobs(ctx context.Context, now time.Time) ([]Job, error) {
	return s.reader().queryJobs(ctx, `WHERE next_due_time IS NULL OR next_due_time <= ? ORDER BY created_time, id`, FormatTime(now))
}

// NextDue is the earliest next-due time after now; zero when no job has
// work ahead.
func (s *Store) NextDue(ctx context.Context, now time.Time) (time.Time, error) {
	var next string
	err := s.r.QueryRowContext(ctx, `SELECT next_due_time FROM coord_jobs WHERE next_due_time > ? AND next_due_time < ?
		ORDER BY next_due_time LIMIT 1`, FormatTime(now), FormatTime(never)).Scan(&next)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("next due job: %w", err)
	}
	return ParseTime(next)
}

// SetNextDue records that job id, read with due sequence seq, next has
// work at next (zero: not until an operation). An operation that made the
// job due since (MarkDue, TransitionJob) wins: the job stays due.
func (s *Store) SetNextDue(ctx context.Context, id string, seq int, next time.Time) error {
	if next.IsZero() {
		next = never
	}
	_, err := s.w.ExecContext(ctx, `UPDATE coord_jobs SET next_due_time = ? WHERE id = ? AND due_seq = ? AND COALESCE(next_due_time, '') <> ?`,
		FormatTime(next), id, seq, FormatTime(next))
	if err != nil {
		return fmt.Errorf("next due time of %s: %w", id, err)
	}
	return nil
}

// MarkDue makes job id due at once, for the next tick of every scheduler.
func (s *Store) MarkDue(ctx context.Context, id string) error {
	if _, err := s.w.ExecContext(ctx, `UPDATE coord_jobs SET next_due_time = NULL, due_seq = due_seq + 1 WHERE id = ?`, id); err != nil {
		return fmt.Errorf("mark %s due: %w", id, err)
	}
	return nil
}

// HasActive reports whether job has an action in an active status
// (WAITING, READY, SUBMITTED, RUNNING, SUSPENDED).
func (s *Store) HasActive(ctx context.Context, job string) (bool, error) {
	where, args := inList("status", ActiveStatuses)
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM coord_actions WHERE job_id = ? AND `+where+` LIMIT 1) AS x`,
		append([]any{job}, args...)...).Scan(&n); err != nil {
		return false, fmt.Errorf("active actions of %s: %w", job, err)
	}
	return n > 0, nil
}
