package state

import (
	"context"
	"errors"
	"testing"
)

// TestStatementContext: only a statement inside a transaction of the write
// pool runs without its context's cancellation, and a context already done
// stops it there too.
func TestStatementContext(t *testing.T) {
	live, cancel := context.WithCancel(context.Background())
	defer cancel()
	done, cancelDone := context.WithCancel(context.Background())
	cancelDone()
	for _, tc := range []struct {
		name          string
		writes, inTx  bool
		ctx           context.Context
		wantWatched   bool // the statement's context can still be cancelled
		wantCancelled bool // the statement does not run
	}{
		{"write pool in a transaction", true, true, live, false, false},
		{"write pool in a transaction, done", true, true, done, false, true},
		{"write pool outside a transaction", true, false, live, true, false},
		{"read pool in a transaction", false, true, live, true, false},
		{"read pool outside a transaction", false, false, live, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &stmtCacheConn{writes: tc.writes, inTx: tc.inTx}
			ctx, err := c.statementContext(tc.ctx)
			if gotCancelled := errors.Is(err, context.Canceled); gotCancelled != tc.wantCancelled {
				t.Fatalf("err = %v, want cancelled %v", err, tc.wantCancelled)
			}
			if err != nil {
				return
			}
			if watched := ctx.Done() != nil; watched != tc.wantWatched {
				t.Errorf("statement context watched = %v, want %v", watched, tc.wantWatched)
			}
		})
	}
}

// TestConnTracksTransaction: a write connection knows a transaction is
// open from BeginTx until its Commit or Rollback.
func TestConnTracksTransaction(t *testing.T) {
	s := openTest(t)
	if s.backend == PostgreSQL {
		t.Skip("SQLite connections only")
	}
	ctx := context.Background()
	conn, err := s.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	inTx := func() (in bool) {
		if err := conn.Raw(func(dc any) error { in = dc.(*stmtCacheConn).inTx; return nil }); err != nil {
			t.Fatal(err)
		}
		return in
	}
	for _, end := range []string{"commit", "rollback"} {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !inTx() {
			t.Errorf("%s: no transaction open after BeginTx", end)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE schedulers SET heartbeat_time = heartbeat_time WHERE id = 'none'`); err != nil {
			t.Fatal(err)
		}
		if end == "commit" {
			err = tx.Commit()
		} else {
			err = tx.Rollback()
		}
		if err != nil {
			t.Fatal(err)
		}
		if inTx() {
			t.Errorf("%s: a transaction still open", end)
		}
	}
}
