package state

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Pipelines (PostgreSQL): Commit sends a run of action transitions of a
// Batch to the server as pgx batches on one connection instead of one
// statement per round trip. The statements are those of Tx.TransitionAction
// (one differs, see below), in the same order and the same transaction;
// what changes is how they are sent:
//
//  1. every guarded UPDATE of the run (an event's with RETURNING and the
//     SLA summary, as on its own), with the names of the jobs whose events
//     follow and are not yet read, in one pipeline;
//  2. the events rows of the transitions that changed a row, in a second.
//
// A batch made only of such transitions brings its own transaction: BEGIN
// opens the first pipeline and COMMIT closes the second, or, when none of
// its transitions has an event, the single pipeline is the transaction
// (the server runs a pipeline up to its Sync as one implicit transaction).
// So a hundred transitions cost one or two round trips instead of one to
// three each plus BEGIN and COMMIT, and a single transition (Store's
// TransitionAction) one or two instead of three to five. Other batches run
// in Store.Tx, with their runs of transitions pipelined inside it.
//
// The first statement that fails fails the commit with the error
// Tx.TransitionAction returns for it (the server aborts the transaction,
// so the statements after it do nothing) and the transaction is rolled
// back. A transition to a status among from that has an event, which one
// by one reads the action's status first (statusChanges), is one statement
// that also returns that status (Tx.keepingChange). A transition the state
// machine does not allow ends a run and is made on its own (failing as it
// does one by one).

// pipeline makes the action transitions that lead ops, if t is a
// PostgreSQL transaction, in pipelines, stores their results in oks and
// reports how many it made: 0 when ops does not start with one it can
// pipeline (the caller runs ops[0] on its own).
func (t *Tx) pipeline(ctx context.Context, ops []batchOp, oks []bool) (int, error) {
	if t.conn == nil {
		return 0, nil
	}
	n := 0
	for n < len(ops) && ops[n].action.pipelineable() {
		n++
	}
	if n == 0 {
		return 0, nil
	}
	return n, t.transitions(ctx, ops[:n], oks, false)
}

// commitPipelined is Commit on PostgreSQL of ops that are all action
// transitions a pipeline makes, in a transaction of the pipelines' own on a
// connection of the pool.
func (s *Store) commitPipelined(ctx context.Context, ops []batchOp, oks []bool) error {
	conn, err := s.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer conn.Close()
	t := &Tx{q: conn, now: s.now, backend: s.backend, conn: conn}
	err = t.transitions(ctx, ops, oks, true)
	if err == nil {
		return nil
	}
	// A failed statement left the transaction aborted (or a failure
	// between the pipelines left it open): end it. Should that fail too,
	// the pool discards the connection, which is still in a transaction.
	return errors.Join(err, t.pgx(func(c *pgx.Conn) error {
		if c.PgConn().TxStatus() == 'I' {
			return nil
		}
		_, err := c.Exec(context.WithoutCancel(ctx), "ROLLBACK")
		return err
	}))
}

// allPipelineable reports whether every op is an action transition a
// pipeline makes.
func allPipelineable(ops []batchOp) bool {
	for _, op := range ops {
		if !op.action.pipelineable() {
			return false
		}
	}
	return true
}

// transitions makes the action transitions of ops in pipelines on t's
// connection and stores their results in oks. own: the connection is in
// no transaction, and the pipelines begin and commit their own.
func (t *Tx) transitions(ctx context.Context, ops []batchOp, oks []bool, own bool) error {
	changes := make([]actionChange, len(ops))
	var jobs []string // the jobs whose names the events need, not yet read
	evented := false  // a transition may have an event: a second pipeline may follow
	for i := range changes {
		a := ops[i].action
		_, event := ActionEventStatus(a.to)
		if event && contains(a.from, a.to) {
			changes[i] = t.keepingChange(a.id, a.from, a.to, a.set)
		} else {
			changes[i] = t.actionChange(a.id, a.from, a.to, a.set, event)
		}
		evented = evented || event
		if job := jobOfAction(a.id); event && job != "" && !t.namesKnown(job) && !contains(jobs, job) {
			jobs = append(jobs, job)
		}
	}
	begin := own && evented // else a single pipeline: its implicit transaction
	rows := make([]*Action, len(ops))
	err := t.pgx(func(conn *pgx.Conn) error {
		var pb pgx.Batch
		if begin {
			pb.Queue("BEGIN")
		}
		for _, c := range changes {
			pb.Queue(rebind(c.query), c.args...)
		}
		names := rebind(jobNamesQuery)
		for _, job := range jobs {
			pb.Queue(names, job)
		}
		br := conn.SendBatch(ctx, &pb)
		err := func() error {
			if begin {
				if _, err := br.Exec(); err != nil {
					return fmt.Errorf("begin transaction: %w", err)
				}
			}
			for i, c := range changes {
				if !c.returns {
					tag, err := br.Exec()
					if err != nil {
						return c.failed(err)
					}
					oks[i] = tag.RowsAffected() == 1
					continue
				}
				r, err := br.Query()
				if err != nil {
					return c.failed(err)
				}
				row, prev, err := scanChanged(r, c.prev)
				if err != nil {
					return c.failed(err)
				}
				oks[i] = row != nil
				if row != nil && (!c.prev || ActionStatus(prev) != c.to) {
					rows[i] = row // changed: its event follows
				}
			}
			for _, job := range jobs {
				var appName, user string
				err := br.QueryRow().Scan(&appName, &user)
				if errors.Is(err, pgx.ErrNoRows) {
					continue // no such job: no action of it changed
				}
				if err != nil {
					return err
				}
				t.cacheNames(job, appName, user)
			}
			return nil
		}()
		return closeBatch(br, err)
	})
	if err != nil {
		return err
	}
	var evs []Event
	for i, c := range changes {
		if rows[i] == nil {
			continue
		}
		e, _, err := t.actionEvent(ctx, c.id, rows[i], c.to)
		if err != nil {
			return err
		}
		t.stamp(&e)
		evs = append(evs, e)
	}
	if len(evs) == 0 && !begin {
		return nil
	}
	return t.pgx(func(conn *pgx.Conn) error {
		var pb pgx.Batch
		insert := rebind(events.Insert())
		for i := range evs {
			pb.Queue(insert, events.Values(&evs[i])...)
		}
		if begin {
			pb.Queue("COMMIT")
		}
		br := conn.SendBatch(ctx, &pb)
		err := func() error {
			for _, e := range evs {
				if _, err := br.Exec(); err != nil {
					return eventFailed(e, err)
				}
			}
			if begin {
				if _, err := br.Exec(); err != nil {
					return fmt.Errorf("commit: %w", err)
				}
			}
			return nil
		}()
		return closeBatch(br, err)
	})
}

// pipelineable reports whether a is an action transition that a pipeline
// makes: one the state machine allows.
func (a *actionTransition) pipelineable() bool {
	return a != nil && checkActionTransition(a.id, a.from, a.to) == nil
}

// scanChanged reads the row an action change returned (its changedActions
// columns; nil when its guard matched none) and, with prev, the status the
// action had, and closes r.
func scanChanged(r pgx.Rows, prev bool) (*Action, string, error) {
	defer r.Close()
	if !r.Next() {
		return nil, "", r.Err()
	}
	var a Action
	var before string
	dests := make([]any, 0, len(changedActions.Cols)+1)
	for _, col := range changedActions.Cols {
		dests = append(dests, decoder(func(src any) error {
			if err := col.Decode(&a, src); err != nil {
				return fmt.Errorf("%s.%s: %w", changedActions.Name, col.Name, err)
			}
			return nil
		}))
	}
	if prev {
		dests = append(dests, &before)
	}
	if err := r.Scan(dests...); err != nil {
		return nil, "", err
	}
	r.Close()
	return &a, before, r.Err()
}

// pgx runs fn on the pgx connection of t's transaction (t.conn).
func (t *Tx) pgx(fn func(*pgx.Conn) error) error {
	return t.conn.Raw(func(dc any) error { return fn(dc.(*rebindConn).Conn.Conn()) })
}

// namesKnown reports whether jobNames has job's names without a query.
func (t *Tx) namesKnown(job string) bool {
	_, ok := t.names[job]
	return ok
}

// closeBatch closes br after its results were read with err, the first
// error of a statement (which Close reports again): err, or Close's.
func closeBatch(br pgx.BatchResults, err error) error {
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	return err
}
