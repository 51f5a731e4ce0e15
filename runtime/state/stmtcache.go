package state

import (
	"context"
	"database/sql/driver"
	"errors"
	"reflect"

	"modernc.org/sqlite"
)

// maxCachedStmts bounds the statements one SQLite connection keeps
// prepared. The store's statements are a few dozen texts (IN lists vary
// with the number of statuses); beyond the bound a statement is prepared
// for the one call, as without the cache.
const maxCachedStmts = 256

// sqliteConnector opens SQLite connections (modernc.org/sqlite) that keep
// each statement they run prepared for the life of the connection, keyed
// by its text: the statements of a tick, of the workflow engine and of the
// status report are compiled once per connection instead of once per call.
// On PostgreSQL pgx does the same (its per-connection statement cache).
// The cache lives below database/sql, so it serves every caller alike:
// Tx methods inside and outside transactions, and the workflow engine's own
// statements on DB.
//
// On the write pool (writes true), a statement inside a transaction runs
// without a cancellable context (statementContext).
func sqliteConnector(dsn string, writes bool) (driver.Connector, error) {
	c, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return stmtCacheConnector{c, writes}, nil
}

type stmtCacheConnector struct {
	driver.Connector
	writes bool
}

func (c stmtCacheConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &stmtCacheConn{inner: conn, stmts: map[string]*cachedStmt{}, writes: c.writes}, nil
}

// innerConn is what database/sql uses of a modernc.org/sqlite connection.
type innerConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.SessionResetter
	driver.Validator
	driver.Pinger
}

// stmtCacheConn is a SQLite connection with its statement cache. database/sql
// uses a connection from one goroutine at a time, so the cache needs no lock.
type stmtCacheConn struct {
	inner  driver.Conn
	stmts  map[string]*cachedStmt
	writes bool // a connection of the write pool
	inTx   bool // a transaction is open (BeginTx until its end)
}

// statementContext is the context a statement runs with. A transaction on
// the write pool (BEGIN IMMEDIATE) holds the database's write lock, so its
// statements wait for no other process, and each is a guarded write or a
// read by key: it runs without ctx's cancellation, which modernc.org/sqlite
// would watch with a goroutine of its own per statement (in a Go trace of
// apply-vs-spawn.sh with 8,640 actions: 177,000 such goroutines before,
// 31,000 after). A ctx already done still stops it before it
// starts; BEGIN, COMMIT, the read pool and statements outside a
// transaction keep their interruption (a long status read, a wait for
// another process's lock).
func (c *stmtCacheConn) statementContext(ctx context.Context) (context.Context, error) {
	if !c.writes || !c.inTx {
		return ctx, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return context.WithoutCancel(ctx), nil
}

// cachedStmt is a prepared statement of the cache; busy while a row set
// read from it is open (a second use of the same text meanwhile, in a
// nested query, prepares a statement of its own).
type cachedStmt struct {
	stmt driver.Stmt
	busy bool
}

func (c *stmtCacheConn) conn() innerConn { return c.inner.(innerConn) }

// stmt is the cached statement for query, prepared on first use; nil when
// the cache is full or the statement is busy (the caller runs the query
// uncached).
func (c *stmtCacheConn) stmt(ctx context.Context, query string) (*cachedStmt, error) {
	if cs, ok := c.stmts[query]; ok {
		if cs.busy {
			return nil, nil
		}
		return cs, nil
	}
	if len(c.stmts) >= maxCachedStmts {
		return nil, nil
	}
	st, err := c.conn().PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	cs := &cachedStmt{stmt: st}
	c.stmts[query] = cs
	return cs, nil
}

func (c *stmtCacheConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	ctx, err := c.statementContext(ctx)
	if err != nil {
		return nil, err
	}
	cs, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if cs == nil {
		return c.conn().ExecContext(ctx, query, args)
	}
	return cs.stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

func (c *stmtCacheConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	ctx, err := c.statementContext(ctx)
	if err != nil {
		return nil, err
	}
	cs, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if cs == nil {
		return c.conn().QueryContext(ctx, query, args)
	}
	rows, err := cs.stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		return nil, err
	}
	cs.busy = true
	return &cachedRows{Rows: rows, stmt: cs}, nil
}

func (c *stmtCacheConn) Prepare(query string) (driver.Stmt, error) { return c.inner.Prepare(query) }

func (c *stmtCacheConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.conn().PrepareContext(ctx, query)
}

func (c *stmtCacheConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

func (c *stmtCacheConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	tx, err := c.conn().BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	c.inTx = true
	return connTx{tx, c}, nil
}

// connTx is a transaction of a stmtCacheConn, which it tells when it ends.
type connTx struct {
	driver.Tx
	c *stmtCacheConn
}

func (t connTx) Commit() error {
	t.c.inTx = false
	return t.Tx.Commit()
}

func (t connTx) Rollback() error {
	t.c.inTx = false
	return t.Tx.Rollback()
}

func (c *stmtCacheConn) ResetSession(ctx context.Context) error { return c.conn().ResetSession(ctx) }

func (c *stmtCacheConn) IsValid() bool { return c.conn().IsValid() }

func (c *stmtCacheConn) Ping(ctx context.Context) error { return c.conn().Ping(ctx) }

// Close finalizes the cached statements and closes the connection.
func (c *stmtCacheConn) Close() error {
	var errs []error
	for q, cs := range c.stmts {
		errs = append(errs, cs.stmt.Close())
		delete(c.stmts, q)
	}
	return errors.Join(append(errs, c.inner.Close())...)
}

// cachedRows is a row set of a cached statement: closing it resets the
// statement (modernc.org/sqlite) and frees it for the next use.
type cachedRows struct {
	driver.Rows
	stmt *cachedStmt
}

func (r *cachedRows) Close() error {
	err := r.Rows.Close()
	r.stmt.busy = false
	return err
}

// The column-type methods database/sql looks for on a row set.

func (r *cachedRows) ColumnTypeDatabaseTypeName(i int) string {
	return r.Rows.(driver.RowsColumnTypeDatabaseTypeName).ColumnTypeDatabaseTypeName(i)
}

func (r *cachedRows) ColumnTypeLength(i int) (int64, bool) {
	return r.Rows.(driver.RowsColumnTypeLength).ColumnTypeLength(i)
}

func (r *cachedRows) ColumnTypeNullable(i int) (bool, bool) {
	return r.Rows.(driver.RowsColumnTypeNullable).ColumnTypeNullable(i)
}

func (r *cachedRows) ColumnTypePrecisionScale(i int) (int64, int64, bool) {
	return r.Rows.(driver.RowsColumnTypePrecisionScale).ColumnTypePrecisionScale(i)
}

func (r *cachedRows) ColumnTypeScanType(i int) reflect.Type {
	return r.Rows.(driver.RowsColumnTypeScanType).ColumnTypeScanType(i)
}
