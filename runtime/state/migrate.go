package state

import (
	"context"
	"embed"
	"fmt"
	"path"
	"strconv"
	"strings"
	"sync"
)

// migration is one schema version.
type migration struct {
	version int
	sql     string
	// postgres runs after sql on PostgreSQL only (NNNN_<what>.postgres.sql).
	postgres string
}

// migrationFiles are the migrations, one file per version named
// NNNN_<what>.sql, portable between SQLite and PostgreSQL. What cannot be
// portable (PostgreSQL's notification triggers) goes in a companion file
// NNNN_<what>.postgres.sql that runs after it on PostgreSQL. A released
// file is never edited: a schema change is a new file. schemas/state.sql is
// the schema the portable files build, kept in step by
// TestMigrationsBuildStateSQL; TestMigrationsOnPostgres runs them all on a
// PostgreSQL server.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrations are applied in version order. They are read on first use, so
// commands that never open a state database do not pay for it at start-up.
var migrations = sync.OnceValue(loadMigrations)

// loadMigrations reads migrationFiles; versions must run 1, 2, 3 … without
// gaps.
func loadMigrations() []migration {
	entries, err := migrationFiles.ReadDir("migrations")
	if err != nil {
		panic(err)
	}
	var out []migration
	companions := map[int]string{}
	for _, e := range entries { // ReadDir sorts by name
		head, _, _ := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(head)
		data, rerr := migrationFiles.ReadFile(path.Join("migrations", e.Name()))
		if rerr != nil {
			panic(rerr)
		}
		if strings.HasSuffix(e.Name(), ".postgres.sql") {
			companions[v] = string(data)
			continue
		}
		if err != nil || v != len(out)+1 {
			panic(fmt.Sprintf("state migration %s: want version %d as its NNNN_ prefix", e.Name(), len(out)+1))
		}
		out = append(out, migration{version: v, sql: string(data)})
	}
	for v, sql := range companions {
		if v < 1 || v > len(out) {
			panic(fmt.Sprintf("state migration %04d.postgres.sql: no portable migration %04d", v, v))
		}
		out[v-1].postgres = sql
	}
	return out
}

// SchemaVersion is the schema version this coordc writes.
func SchemaVersion() int {
	ms := migrations()
	return ms[len(ms)-1].version
}

// Version reads the database's schema version (0 for an empty database).
func (s *Store) Version(ctx context.Context) (int, error) {
	return s.writer().version(ctx)
}

// The schema_migrations table's existence, per backend (the schema is the
// first of the search path on PostgreSQL).
const (
	sqliteHasMigrations   = `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`
	postgresHasMigrations = `SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'`
)

// migrationLock is the PostgreSQL advisory lock key under which migrations
// run, so that processes opening a new database at once apply them once.
const migrationLock = 0x636f6f7264 // "coord"

func (t *Tx) version(ctx context.Context) (int, error) {
	q := t.q
	has := sqliteHasMigrations
	if t.backend == PostgreSQL {
		has = postgresHasMigrations
	}
	var n int
	if err := q.QueryRowContext(ctx, has).Scan(&n); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	if n == 0 {
		return 0, nil
	}
	var v int
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// migrate applies the missing migrations, each in its own transaction, and
// refuses a database from a newer coordc.
func (s *Store) migrate(ctx context.Context) error {
	// Reading the version inside the migration's IMMEDIATE transaction (on
	// PostgreSQL: under a transaction-scoped advisory lock) keeps two
	// processes opening a new database at once from both applying it.
	for {
		done := false
		err := s.Tx(ctx, func(tx *Tx) error {
			if tx.backend == PostgreSQL {
				if _, err := tx.q.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, migrationLock); err != nil {
					return fmt.Errorf("lock state database %s for migration: %w", s.path, err)
				}
			}
			v, err := tx.version(ctx)
			if err != nil {
				return err
			}
			if v > SchemaVersion() {
				return fmt.Errorf("state database %s has schema version %d, written by a newer coordc (this one knows version %d); use that coordc or another --state file", s.path, v, SchemaVersion())
			}
			for _, m := range migrations() {
				if m.version <= v {
					continue
				}
				script := m.sql
				if tx.backend == PostgreSQL {
					script += "\n" + m.postgres
				}
				if _, err := tx.q.ExecContext(ctx, script); err != nil {
					return fmt.Errorf("migrate state database %s to version %d: %w", s.path, m.version, err)
				}
				if _, err := tx.q.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`, m.version, FormatTime(tx.now())); err != nil {
					return fmt.Errorf("migrate state database %s to version %d: %w", s.path, m.version, err)
				}
				return nil
			}
			done = true
			return nil
		})
		if err != nil || done {
			return err
		}
	}
}
