package state

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Several schedulers (coordc apply processes, on one or several hosts) may
// work on one state database. Each has an ID "<host>:<pid>:<start time>"
// and a schedulers row whose heartbeat_time it refreshes (Heartbeat). The
// scheduler that starts an action owns it (coord_actions.owner) while its
// heartbeat is fresh; afterwards another scheduler takes the action over
// with Adopt. Work is claimed in the database: materialization by the
// guarded last_action_number (Tx.Materialize), a start by ClaimReady,
// every later change by a guarded transition.

// Heartbeat records that scheduler id on host is alive now.
func (s *Store) Heartbeat(ctx context.Context, id, host string, started time.Time) error {
	now := FormatTime(s.now())
	_, err := s.w.ExecContext(ctx, `INSERT INTO schedulers (id, host, started_time, heartbeat_time) VALUES (?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET heartbeat_time = excluded.heartbeat_time`, id, host, FormatTime(started), now)
	if err != nil {
		return fmt.Errorf("heartbeat of scheduler %s: %w", id, err)
	}
	return nil
}

// Heartbeats reads every scheduler's last heartbeat, by ID.
func (s *Store) Heartbeats(ctx context.Context) (map[string]time.Time, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, heartbeat_time FROM schedulers`)
	if err != nil {
		return nil, fmt.Errorf("read schedulers: %w", err)
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var id, hb string
		if err := rows.Scan(&id, &hb); err != nil {
			return nil, fmt.Errorf("read schedulers: %w", err)
		}
		t, err := ParseTime(hb)
		if err != nil {
			return nil, fmt.Errorf("scheduler %s: %w", id, err)
		}
		out[id] = t
	}
	return out, rows.Err()
}

// ForgetSchedulers deletes the rows of schedulers silent since before, that
// own no action.
func (s *Store) ForgetSchedulers(ctx context.Context, before time.Time) error {
	_, err := s.w.ExecContext(ctx, `DELETE FROM schedulers WHERE heartbeat_time < ?
		AND NOT EXISTS (SELECT 1 FROM coord_actions WHERE owner = schedulers.id)`, FormatTime(before))
	if err != nil {
		return fmt.Errorf("forget schedulers: %w", err)
	}
	return nil
}

// Adopt makes scheduler to the owner of action id if from ("" for none)
// still owns it, in one guarded UPDATE: of several schedulers adopting the
// action of a dead one, one wins.
func (s *Store) Adopt(ctx context.Context, id, from, to string) (bool, error) {
	ok, err := s.writer().update(ctx, `UPDATE coord_actions SET owner = ? WHERE id = ? AND COALESCE(owner, '') = ?`,
		[]any{to, id, from})
	if err != nil {
		return false, fmt.Errorf("adopt action %s: %w", id, err)
	}
	return ok, nil
}

// ClaimReady moves READY action id of job to SUBMITTED (pending, owned by
// owner) if the job's RUNNING + SUBMITTED actions are below concurrency
// (negative: unlimited), in one transaction, so that schedulers starting
// actions of one job at once never exceed its concurrency. On PostgreSQL
// the transaction first locks the job row with SELECT … FOR UPDATE SKIP
// LOCKED: while another scheduler claims an action of the job, the claim
// gives way (false) instead of waiting; on SQLite the single writer
// serializes the claims.
func (s *Store) ClaimReady(ctx context.Context, job, id string, concurrency int, owner string) (bool, error) {
	oks, err := s.ClaimReadyAll(ctx, job, []string{id}, concurrency, owner)
	if err != nil {
		return false, err
	}
	return oks[0], nil
}

// ClaimReadyAll is ClaimReady of several READY actions of one job, in
// order, in one transaction (one commit for a tick's starts): oks[i] tells
// whether ids[i] was claimed. The claims stop at the job's concurrency.
func (s *Store) ClaimReadyAll(ctx context.Context, job string, ids []string, concurrency int, owner string) ([]bool, error) {
	var oks []bool
	err := s.Tx(ctx, func(tx *Tx) error {
		var err error
		oks, err = tx.ClaimReadyAll(ctx, job, ids, concurrency, owner)
		return err
	})
	if err != nil {
		return nil, err
	}
	return oks, nil
}

// ClaimReadyAll is Store.ClaimReadyAll in t.
func (t *Tx) ClaimReadyAll(ctx context.Context, job string, ids []string, concurrency int, owner string) ([]bool, error) {
	oks := make([]bool, len(ids))
	if t.backend == PostgreSQL {
		var locked string
		err := t.q.QueryRowContext(ctx, `SELECT id FROM coord_jobs WHERE id = ? FOR UPDATE SKIP LOCKED`, job).Scan(&locked)
		if err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return oks, nil // another scheduler is claiming
			}
			return nil, fmt.Errorf("lock job %s: %w", job, err)
		}
	}
	var busy int
	if concurrency >= 0 {
		if err := t.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM coord_actions WHERE job_id = ? AND status IN (?, ?)`,
			job, string(Running), string(Submitted)).Scan(&busy); err != nil {
			return nil, fmt.Errorf("count busy actions of %s: %w", job, err)
		}
	}
	claim := Fields{Pending: Ptr(true), Owner: &owner}
	for i := 0; i < len(ids); {
		if concurrency >= 0 && busy >= concurrency {
			return oks, nil
		}
		n, err := t.claimRound(ctx, ids[i:], oks[i:], concurrency-busy, claim)
		if err != nil {
			return nil, err
		}
		for _, ok := range oks[i : i+n] {
			if ok {
				busy++
			}
		}
		i += n
	}
	return oks, nil
}

// claimRound makes the next claims of ClaimReadyAll, of ids in order, at
// most room of them (negative: no limit): one on SQLite, and on PostgreSQL
// as many as the job has room for, in one pipeline (they are the claims
// the one-by-one loop would make: it stops only when room is used up). It
// stores their results in oks and reports how many it made.
func (t *Tx) claimRound(ctx context.Context, ids []string, oks []bool, room int, claim Fields) (int, error) {
	if t.conn != nil {
		if room < 0 || room > len(ids) {
			room = len(ids)
		}
		ops := make([]batchOp, room)
		for j := range ops {
			ops[j].action = &actionTransition{id: ids[j], from: []ActionStatus{Ready}, to: Submitted, set: claim}
		}
		if n, err := t.pipeline(ctx, ops, oks); n > 0 || err != nil {
			return n, err
		}
	}
	var err error
	oks[0], err = t.TransitionAction(ctx, ids[0], []ActionStatus{Ready}, Submitted, claim)
	return 1, err
}

// PendingKills reads the KILLED actions owned by scheduler owner whose
// runner kill is still to be made (an operation on another host left it to
// the owner, which can reach the action's local process).
func (s *Store) PendingKills(ctx context.Context, owner string) ([]Action, error) {
	return s.reader().queryActions(ctx, `WHERE owner = ? AND pending = 1 AND status = ?`, owner, string(Killed))
}

// PendingCalls reads the actions in the statuses (all jobs) whose runner
// call is still pending, by job and nominal time: what a restarted
// scheduler repeats, in one query however many jobs there are.
func (s *Store) PendingCalls(ctx context.Context, statuses ...ActionStatus) ([]Action, error) {
	where, args := inList("status", statuses)
	return s.reader().queryActions(ctx, `WHERE `+where+` AND pending = 1 ORDER BY job_id, nominal_time`, args...)
}
