package state

import (
	"context"
	"time"
)

// The Store methods below run the Tx method of the same name: writes as one
// statement (or one transaction) on the write connection, reads on the read
// pool.

// CreateJob stores a new PREP job and returns its ID (see Tx.CreateJob).
func (s *Store) CreateJob(ctx context.Context, j Job) (string, error) {
	var id string
	err := s.Tx(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.CreateJob(ctx, j)
		return err
	})
	return id, err
}

// GetJob reads one job (see Tx.GetJob).
func (s *Store) GetJob(ctx context.Context, id string) (Job, error) {
	return s.reader().GetJob(ctx, id)
}

// ListJobs reads the jobs in the statuses, all when none is given.
func (s *Store) ListJobs(ctx context.Context, statuses ...JobStatus) ([]Job, error) {
	return s.reader().ListJobs(ctx, statuses...)
}

// TransitionJob is the guarded job status change (see Tx.TransitionJob).
func (s *Store) TransitionJob(ctx context.Context, id string, from []JobStatus, to JobStatus, set JobFields) (bool, error) {
	return s.writer().TransitionJob(ctx, id, from, to, set)
}

// Materialize stores a materialization run in one transaction (see
// Tx.Materialize).
func (s *Store) Materialize(ctx context.Context, m Materialization) (bool, error) {
	var ok bool
	err := s.Tx(ctx, func(tx *Tx) error {
		var err error
		ok, err = tx.Materialize(ctx, m)
		return err
	})
	return ok, err
}

// GetAction reads one action (see Tx.GetAction).
func (s *Store) GetAction(ctx context.Context, id string) (Action, error) {
	return s.reader().GetAction(ctx, id)
}

// ActionsByStatus reads a job's actions in the statuses (see
// Tx.ActionsByStatus).
func (s *Store) ActionsByStatus(ctx context.Context, job string, statuses []ActionStatus, order Order, limit int) ([]Action, error) {
	return s.reader().ActionsByStatus(ctx, job, statuses, order, limit)
}

// ActionsByNumber reads a job's actions by number (see Tx.ActionsByNumber).
func (s *Store) ActionsByNumber(ctx context.Context, job string, numbers []int) ([]Action, error) {
	return s.reader().ActionsByNumber(ctx, job, numbers)
}

// ActionsInRange reads a job's actions by nominal time (see
// Tx.ActionsInRange).
func (s *Store) ActionsInRange(ctx context.Context, job string, from, to time.Time) ([]Action, error) {
	return s.reader().ActionsInRange(ctx, job, from, to)
}

// TransitionAction is the guarded action status change (see
// Tx.TransitionAction).
func (s *Store) TransitionAction(ctx context.Context, id string, from []ActionStatus, to ActionStatus, set Fields) (bool, error) {
	var ok bool
	if s.backend == PostgreSQL {
		// A batch of one: a pipeline of its own (pipeline.go) where it
		// may, one or two round trips instead of three to five.
		var b Batch
		b.TransitionAction(id, from, to, set, func(moved bool) { ok = moved })
		err := s.Commit(ctx, &b)
		return ok && err == nil, err
	}
	err := s.Tx(ctx, func(tx *Tx) error { // one transaction with the change's event (outbox.go)
		var err error
		ok, err = tx.TransitionAction(ctx, id, from, to, set)
		return err
	})
	return ok && err == nil, err
}

// CountByStatus counts a job's actions per status (see Tx.CountByStatus).
func (s *Store) CountByStatus(ctx context.Context, job string, statuses ...ActionStatus) (map[ActionStatus]int, error) {
	return s.reader().CountByStatus(ctx, job, statuses...)
}

// Present reports the statuses a job's actions are in (see Tx.Present).
func (s *Store) Present(ctx context.Context, job string) (map[ActionStatus]bool, error) {
	return s.reader().Present(ctx, job)
}
