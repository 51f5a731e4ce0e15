package state

import (
	"context"
	"errors"

	"github.com/coordc/coordc/runtime/sqltable"
)

// Batch is a group commit: guarded changes collected while a step of a
// tick decides them (after its runner and storage calls), run by
// Store.Commit in one transaction, so that a step's hundred transitions
// cost one durable commit (one fsync with synchronous=FULL) instead of a
// hundred. Each change is the same guarded statement as on its own, in the
// same transaction as its events and SLA rows; its result (ok: the row was
// in an expected status) is reported to its callback after the commit.
// A Batch is not safe for concurrent use.
//
// Crash guarantees are those of each change on its own provided that the
// caller commits a batch before any side effect that depends on it (a
// claim before the process starts) and that a change lost with an
// uncommitted batch is decided again from the outside world by the next
// tick (a workflow's final status, a done-flag, a start repeated by the
// idempotent Runner.Start).
//
// Any Tx method takes part through Add; TransitionAction and
// TransitionJob have shorthands.
type Batch struct {
	ops []batchOp
}

type batchOp struct {
	run  func(ctx context.Context, tx *Tx) (bool, error)
	done func(ok bool)
	// action is the action transition run makes, which a PostgreSQL
	// commit may pipeline (pipeline.go); nil for any other change.
	action *actionTransition
}

// actionTransition is the arguments of a Tx.TransitionAction.
type actionTransition struct {
	id   string
	from []ActionStatus
	to   ActionStatus
	set  Fields
}

// Add queues op; done (when not nil) receives op's result once the batch
// is committed.
func (b *Batch) Add(op func(ctx context.Context, tx *Tx) (bool, error), done func(ok bool)) {
	b.ops = append(b.ops, batchOp{run: op, done: done})
}

// TransitionAction queues a guarded action status change (see
// Tx.TransitionAction).
func (b *Batch) TransitionAction(id string, from []ActionStatus, to ActionStatus, set Fields, done func(ok bool)) {
	b.ops = append(b.ops, batchOp{
		run:    func(ctx context.Context, tx *Tx) (bool, error) { return tx.TransitionAction(ctx, id, from, to, set) },
		done:   done,
		action: &actionTransition{id: id, from: from, to: to, set: set},
	})
}

// TransitionJob queues a guarded job status change (see Tx.TransitionJob).
func (b *Batch) TransitionJob(id string, from []JobStatus, to JobStatus, set JobFields, done func(ok bool)) {
	b.Add(func(ctx context.Context, tx *Tx) (bool, error) { return tx.TransitionJob(ctx, id, from, to, set) }, done)
}

// Len is the number of changes queued.
func (b *Batch) Len() int { return len(b.ops) }

// Commit runs b's changes in order in one transaction and, once it is
// committed, calls their callbacks with their results; b is then empty. An
// error of one change rolls them all back (no callback runs): the next tick
// decides them again.
func (s *Store) Commit(ctx context.Context, b *Batch) error {
	if len(b.ops) == 0 {
		return nil
	}
	if s.backend == PostgreSQL && allPipelineable(b.ops) {
		ops := b.ops
		b.ops = nil
		oks := make([]bool, len(ops))
		if err := s.commitPipelined(ctx, ops, oks); err != nil {
			return err
		}
		report(ops, oks)
		return nil
	}
	return s.Tx(ctx, func(tx *Tx) error { return tx.Apply(ctx, b) })
}

// report calls the callbacks of ops with their results.
func report(ops []batchOp, oks []bool) {
	for i, op := range ops {
		if op.done != nil {
			op.done(oks[i])
		}
	}
}

// run runs ops in order in t, storing their results in oks.
func (t *Tx) run(ctx context.Context, ops []batchOp, oks []bool) error {
	if err := t.noteSLALess(ctx, ops); err != nil {
		return err
	}
	for i := 0; i < len(ops); {
		// On PostgreSQL a run of action transitions goes in a
		// pipeline: a few round trips instead of one per statement.
		n, err := t.pipeline(ctx, ops[i:], oks[i:])
		if err != nil {
			return err
		}
		if n > 0 {
			i += n
			continue
		}
		if oks[i], err = ops[i].run(ctx, t); err != nil {
			return err
		}
		i++
	}
	return nil
}

// Apply runs b's changes in order in t, as Store.Commit does in a
// transaction of its own; their callbacks run once t's transaction is
// committed (by Store.Tx, or Committed for a Tx of Join), and not at all
// when it is rolled back. b is then empty.
func (t *Tx) Apply(ctx context.Context, b *Batch) error {
	ops := b.ops
	b.ops = nil
	if len(ops) == 0 {
		return nil
	}
	oks := make([]bool, len(ops))
	if err := t.run(ctx, ops, oks); err != nil {
		return err
	}
	t.after = append(t.after, func() { report(ops, oks) })
	return nil
}

// slaLessMin is the fewest action transitions in a batch for which
// noteSLALess reads their SLA summaries beforehand: below it the one
// query costs as much as the updates it saves.
const slaLessMin = 3

// noteSLALess reads, with one query per maxIDList actions, which of the
// actions that ops change have an SLA summary, and records the others in
// t.slaless: their changes then skip the summary's update, which would
// change no row (most coordinators have no SLA). The SQLite transaction
// holds the database's write lock, so no summary can appear before the
// batch's changes run. It does nothing on PostgreSQL, where a change
// updates the summary in its own statement, nor for batches of fewer
// than slaLessMin action transitions.
func (t *Tx) noteSLALess(ctx context.Context, ops []batchOp) error {
	var ids []string
	for _, op := range ops {
		if op.action != nil {
			ids = append(ids, op.action.id)
		}
	}
	if t.backend == PostgreSQL || len(ids) < slaLessMin {
		return nil
	}
	withSLA := map[string]bool{}
	err := sqltable.IDLists("job_id", ids, maxIDList, func(where string, args []any) error {
		rows, err := t.q.QueryContext(ctx, `SELECT job_id FROM sla_summary WHERE `+where, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			withSLA[id] = true
		}
		return errors.Join(rows.Err(), rows.Close())
	})
	if err != nil {
		return err
	}
	t.slaless = map[string]bool{}
	for _, id := range ids {
		if !withSLA[id] {
			t.slaless[id] = true
		}
	}
	return nil
}
