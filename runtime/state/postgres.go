package state

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// postgresConns is the size of a PostgreSQL store's connection pool (reads
// and writes share it: the server serializes what must be).
const postgresConns = 8

// IsPostgres reports whether target (a --state value) names a PostgreSQL
// database: a postgres:// or postgresql:// URL. Anything else is a SQLite
// file path.
func IsPostgres(target string) bool {
	return strings.HasPrefix(target, "postgres://") || strings.HasPrefix(target, "postgresql://")
}

// openPostgres opens a pool on the PostgreSQL database conn (a URL or a
// libpq keyword/value string). The pool speaks database/sql through pgx's
// stdlib driver, so the SQLite and PostgreSQL stores share every statement;
// the only rewrite is of the '?' placeholders into PostgreSQL's $1, $2 …
// (rebindConn).
func openPostgres(conn string, own *backends) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(conn)
	if err != nil {
		return nil, fmt.Errorf("state database: %w", err)
	}
	db := sql.OpenDB(rebindConnector{Connector: stdlib.GetConnector(*cfg), own: own})
	db.SetMaxOpenConns(postgresConns)
	db.SetMaxIdleConns(postgresConns)
	return db, nil
}

// backends are the server process IDs of a Store's open connections: the
// notifications they cause are the Store's own (Watch ignores them).
type backends struct{ m sync.Map }

func (b *backends) has(pid uint32) bool {
	_, ok := b.m.Load(pid)
	return ok
}

// rebindConnector makes rebindConns.
type rebindConnector struct {
	driver.Connector
	own *backends
}

func (c rebindConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	rc := &rebindConn{Conn: conn.(*stdlib.Conn), own: c.own, pid: conn.(*stdlib.Conn).Conn().PgConn().PID()}
	c.own.m.Store(rc.pid, true)
	return rc, nil
}

// rebindConn is pgx's database/sql connection with the statements' '?'
// placeholders numbered ($1, $2 …) as PostgreSQL wants them.
type rebindConn struct {
	*stdlib.Conn
	own *backends
	pid uint32
}

func (c *rebindConn) Close() error {
	c.own.m.Delete(c.pid)
	return c.Conn.Close()
}

func (c *rebindConn) Prepare(query string) (driver.Stmt, error) {
	return c.Conn.Prepare(rebind(query))
}

func (c *rebindConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.Conn.PrepareContext(ctx, rebind(query))
}

func (c *rebindConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if len(args) == 0 { // scripts (migrations) run as they are
		return c.Conn.ExecContext(ctx, query, args)
	}
	return c.Conn.ExecContext(ctx, rebind(query), args)
}

func (c *rebindConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if len(args) == 0 {
		return c.Conn.QueryContext(ctx, query, args)
	}
	return c.Conn.QueryContext(ctx, rebind(query), args)
}

// rebind numbers the '?' placeholders of query: $1, $2 … A '?' inside a
// string literal, a quoted identifier or a -- comment is left alone.
func rebind(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'' || c == '"':
			end := strings.IndexByte(query[i+1:], c)
			if end < 0 {
				b.WriteString(query[i:])
				return b.String()
			}
			b.WriteString(query[i : i+end+2])
			i += end + 1
		case c == '-' && i+1 < len(query) && query[i+1] == '-':
			end := strings.IndexByte(query[i:], '\n')
			if end < 0 {
				b.WriteString(query[i:])
				return b.String()
			}
			b.WriteString(query[i : i+end+1])
			i += end
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
