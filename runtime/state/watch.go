package state

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// NotifyChannel is the PostgreSQL channel the state tables' triggers
// (migration 3) notify on every committed change, with the tables' schema
// as payload.
const NotifyChannel = "coordc_state"

// Watch notices changes committed to the state database by other
// processes, so that a sleeping scheduler acts on a kill, a rerun or a new
// submission at once instead of at its next timed tick. On SQLite it reads
// PRAGMA data_version on one held connection after each wait (the database
// is a local file: a read every second costs nothing); on PostgreSQL it
// LISTENs on NotifyChannel and sleeps until a notification arrives, on its
// own connection, which it opens again after the server restarts; the
// notifications of the Store's own connections are ignored.
type Watch struct {
	s       *Store
	conn    *sql.Conn // SQLite
	version int64
	pg      *pgx.Conn // PostgreSQL; nil until (re)connected
	schema  string    // PostgreSQL: the state tables' schema, the notifications' payload
}

// Watch starts watching s; Close ends it.
func (s *Store) Watch(ctx context.Context) (*Watch, error) {
	w := &Watch{s: s}
	if s.backend == PostgreSQL {
		return w, w.listen(ctx)
	}
	conn, err := s.r.Conn(ctx)
	if err != nil {
		return nil, err
	}
	w.conn = conn
	return w, nil
}

// listen (re)connects to PostgreSQL and LISTENs.
func (w *Watch) listen(ctx context.Context) error {
	cfg, err := pgx.ParseConfig(w.s.conn)
	if err != nil {
		return err
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("watch state database %s: %w", w.s.path, err)
	}
	if err := conn.QueryRow(ctx, "SELECT current_schema()").Scan(&w.schema); err != nil {
		conn.Close(ctx)
		return fmt.Errorf("watch state database %s: %w", w.s.path, err)
	}
	if _, err := conn.Exec(ctx, "LISTEN "+NotifyChannel); err != nil {
		conn.Close(ctx)
		return fmt.Errorf("watch state database %s: %w", w.s.path, err)
	}
	w.pg = conn
	return nil
}

// Mark forgets the changes seen so far on SQLite: Wait reports only later
// ones (the caller's own writes before Mark are among those forgotten). On
// PostgreSQL, where the Store's own changes never wake the Watch, a change
// by another process that arrived before Mark is still reported.
func (w *Watch) Mark(ctx context.Context) error {
	if w.s.backend == PostgreSQL {
		return nil
	}
	v, err := w.dataVersion(ctx)
	w.version = v
	return err
}

// Wait returns true as soon as a change is committed after Mark, false
// after d without one or when ctx is done. An error means the database
// cannot be watched now (e.g. the PostgreSQL server is down); Wait then has
// waited d, and the next call tries again.
func (w *Watch) Wait(ctx context.Context, d time.Duration) (bool, error) {
	if w.s.backend == PostgreSQL {
		return w.waitNotification(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false, nil
	case <-t.C:
	}
	v, err := w.dataVersion(ctx)
	if err != nil {
		return false, err
	}
	return v != w.version, nil
}

func (w *Watch) waitNotification(ctx context.Context, d time.Duration) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	if w.pg == nil {
		if err := w.listen(ctx); err != nil {
			<-ctx.Done()
			return false, err
		}
		return true, nil // changes may have been missed while disconnected
	}
	var err error
	for {
		var n *pgconn.Notification
		n, err = w.pg.WaitForNotification(ctx)
		if err != nil {
			break
		}
		if n.Payload == w.schema && !w.s.own.has(n.PID) {
			return true, nil
		}
		// another state database's change, or this process's own: wait on
	}
	if ctx.Err() != nil && !w.pg.IsClosed() {
		return false, nil
	}
	w.pg.Close(context.Background())
	w.pg = nil
	<-ctx.Done()
	return false, err
}

func (w *Watch) dataVersion(ctx context.Context) (int64, error) {
	var v int64
	err := w.conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v)
	return v, err
}

// Close ends the watch.
func (w *Watch) Close() error {
	if w.pg != nil {
		return w.pg.Close(context.Background())
	}
	if w.conn != nil {
		return w.conn.Close()
	}
	return nil
}
