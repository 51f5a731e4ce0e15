package state

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/coordc/coordc/runtime/clock"
)

// BusyTimeout is how long a statement waits for another process's write
// lock before failing with SQLITE_BUSY.
const BusyTimeout = 10 * time.Second

// readers is the size of the read-only connection pool.
const readers = 4

// Store is an open state database. It is safe for concurrent use.
type Store struct {
	w       *sql.DB // SQLite: one connection, every write serialized; PostgreSQL: the pool
	r       *sql.DB // SQLite: the read-only pool; PostgreSQL: the same pool as w
	path    string  // what error messages name: the file, or the URL without its password
	conn    string  // PostgreSQL: the connection string, for Watch
	own     *backends
	backend Backend
	now     func() time.Time
}

// Backend is the kind of database a Store is on.
type Backend int

const (
	// SQLite is a database file, the embedded default.
	SQLite Backend = iota
	// PostgreSQL is a server that several coordc processes share.
	PostgreSQL
)

// Open opens the state database target: a postgres:// URL (see
// OpenPostgres) or the path of a SQLite file (see OpenSQLite).
func Open(target string) (*Store, error) {
	if IsPostgres(target) {
		return OpenPostgres(target)
	}
	return OpenSQLite(target)
}

// OpenPostgres opens the state database in the PostgreSQL database conn (a
// postgres:// URL or a libpq keyword/value string; a search_path parameter
// selects the schema) and brings its schema up to date.
func OpenPostgres(conn string) (*Store, error) {
	own := &backends{}
	db, err := openPostgres(conn, own)
	if err != nil {
		return nil, err
	}
	s := &Store{w: db, r: db, path: redact(conn), conn: conn, own: own, backend: PostgreSQL, now: clock.System.Now}
	ctx, cancel := context.WithTimeout(context.Background(), ConnectTimeout)
	defer cancel()
	for {
		err := db.PingContext(ctx)
		if err == nil {
			if err = s.migrate(ctx); err == nil {
				return s, nil
			}
			if db.PingContext(ctx) == nil { // not a lost connection
				db.Close()
				return nil, err
			}
		}
		// The server is unreachable (restarting?): wait for it.
		select {
		case <-ctx.Done():
			db.Close()
			return nil, fmt.Errorf("cannot open state database %s: %w", s.path, err)
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// ConnectTimeout is how long OpenPostgres waits for an unreachable server.
const ConnectTimeout = 30 * time.Second

// redact is a connection string fit for messages: a URL without its
// password; a keyword/value string is not shown at all.
func redact(conn string) string {
	if u, err := url.Parse(conn); err == nil && IsPostgres(conn) {
		return u.Redacted()
	}
	return "(PostgreSQL)"
}

// OpenSQLite opens (creating it with mode 0600 when absent) the state
// database at path and brings its schema up to date. An existing file
// readable or writable by others (e.g. 0644 from an older coordc or a copy)
// is tightened to 0600, with its -wal and -shm files.
func OpenSQLite(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("no state database path given")
	}
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("state database path %q contains '?' or '#'; rename it or use another directory", path)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot open state database: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("cannot open state database: %w", err)
	}
	if err := tighten(path); err != nil {
		return nil, err
	}
	common := fmt.Sprintf("_pragma=busy_timeout(%d)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)", BusyTimeout.Milliseconds())
	w, err := openSQLiteDB(path+"?"+common+"&_pragma=journal_mode(WAL)&_txlock=immediate", true)
	if err != nil {
		return nil, fmt.Errorf("cannot open state database %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxLifetime(0)
	s := &Store{w: w, path: path, now: clock.System.Now}
	if err := s.migrate(context.Background()); err != nil {
		w.Close()
		return nil, err
	}
	r, err := openSQLiteDB(path+"?"+common+"&_pragma=query_only(1)", false)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("cannot open state database %s: %w", path, err)
	}
	r.SetMaxOpenConns(readers)
	s.r = r
	return s, nil
}

// openSQLiteDB is a pool on the SQLite DSN whose connections keep their
// statements prepared (sqliteConnector); writes says it is the write pool.
func openSQLiteDB(dsn string, writes bool) (*sql.DB, error) {
	c, err := sqliteConnector(dsn, writes)
	if err != nil {
		return nil, err
	}
	return sql.OpenDB(c), nil
}

// Close checkpoints the write-ahead log (SQLite) and closes the database.
func (s *Store) Close() error {
	if s.backend == PostgreSQL {
		return s.w.Close()
	}
	_, cerr := s.w.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	err := errors.Join(s.r.Close(), s.w.Close())
	if err == nil && cerr != nil {
		err = fmt.Errorf("checkpoint of %s: %w", s.path, cerr)
	}
	return err
}

// Path is the database file, or the PostgreSQL URL without its password.
func (s *Store) Path() string { return s.path }

// Backend is the kind of database s is on.
func (s *Store) Backend() Backend { return s.backend }

// DB is the write connection, for the workflow engine's own wf_jobs and
// wf_actions statements. On SQLite it has a single connection: do not hold
// a row set open while calling the Store. Statements use '?' placeholders on
// both backends.
func (s *Store) DB() *sql.DB { return s.w }

// ReadDB is the read pool (read-only on SQLite; on PostgreSQL the pool DB
// returns too).
func (s *Store) ReadDB() *sql.DB { return s.r }

// WithClock returns a Store sharing s's connections whose recorded times
// (created, last-modified, migration times) come from c.
func (s *Store) WithClock(c clock.Clock) *Store {
	t := *s
	t.now = c.Now
	return &t
}

// Tx runs fn in one write transaction (BEGIN IMMEDIATE), committing when fn
// returns nil and rolling back otherwise. fn must not call Store methods
// that write (the write connection is busy with the transaction); it uses
// the Tx.
func (s *Store) Tx(ctx context.Context, fn func(*Tx) error) error {
	t := &Tx{now: s.now, backend: s.backend}
	var tx *sql.Tx
	var err error
	if s.backend == PostgreSQL {
		// The transaction's connection is kept at hand for pipelines
		// (pipeline.go), which speak pgx on it. A connection found dead
		// is replaced, as sql.DB.BeginTx would.
		for attempt := 1; ; attempt++ {
			if t.conn, err = s.w.Conn(ctx); err != nil {
				return fmt.Errorf("begin transaction: %w", err)
			}
			tx, err = t.conn.BeginTx(ctx, nil)
			if !errors.Is(err, driver.ErrBadConn) || attempt == 3 {
				break
			}
			t.conn.Close()
		}
		defer t.conn.Close()
	} else {
		tx, err = s.w.BeginTx(ctx, nil)
	}
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	t.q = tx
	if err := fn(t); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	t.Committed()
	return nil
}

// Join returns a Tx that runs in tx, a transaction that another package
// began on conn, a connection of DB, and commits itself: the workflow
// engine's, in which the scheduler records what follows from the engine's
// own changes (runner.Tx). The callbacks of the batches applied in it
// (Apply) run when Committed is called, which the caller does once tx is
// committed, and never when it is rolled back.
func (s *Store) Join(conn *sql.Conn, tx *sql.Tx) *Tx {
	t := &Tx{q: tx, now: s.now, backend: s.backend}
	if s.backend == PostgreSQL {
		t.conn = conn // for pipelines, as in Store.Tx
	}
	return t
}

// Committed runs the callbacks of the batches applied in t (Apply), once
// its transaction is committed; then there are none left. Store.Tx calls
// it after its commit.
func (t *Tx) Committed() {
	after := t.after
	t.after = nil
	for _, f := range after {
		f()
	}
}

// writer runs single statements on the write connection (autocommit).
func (s *Store) writer() *Tx { return &Tx{q: s.w, now: s.now, backend: s.backend} }

// reader runs queries on the read pool.
func (s *Store) reader() *Tx { return &Tx{q: s.r, now: s.now, backend: s.backend} }

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Tx is a unit of work on the store: a transaction from Store.Tx, or single
// statements. Its methods mirror the Store's.
type Tx struct {
	q       querier
	now     func() time.Time
	backend Backend
	names   map[string][2]string // jobNames' cache
	// slaless holds actions known, in this transaction, to have no SLA
	// summary (see noteSLALess): their changes skip the summary's update.
	slaless map[string]bool
	// conn is the connection of a PostgreSQL transaction (Store.Tx), on
	// which Commit pipelines statements; nil otherwise.
	conn *sql.Conn
	// after are the callbacks of batches applied in the transaction
	// (Apply), run once it is committed.
	after []func()
}

// Now is the store clock's time.
func (t *Tx) Now() time.Time { return t.now() }

// tighten makes the database file and its -wal and -shm files private
// (0600) when they are open to others.
func tighten(path string) error {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		st, err := os.Stat(p)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("cannot open state database: %w", err)
		}
		if st.Mode().Perm()&0o077 == 0 {
			continue
		}
		if err := os.Chmod(p, st.Mode().Perm()&0o700); err != nil {
			return fmt.Errorf("state database %s is readable by others (mode %v) and cannot be made private: %w", p, st.Mode().Perm(), err)
		}
	}
	return nil
}
