package state

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/runtime/state/statetest"
)

func TestOpenPragmasAndMode(t *testing.T) {
	statetest.SQLiteOnly(t)
	path := filepath.Join(t.TempDir(), "coordc.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Mode().Perm(); got != 0o600 {
		t.Errorf("mode = %v, want 0600", got)
	}
	ctx := context.Background()
	for _, c := range []struct {
		db     *sql.DB
		pragma string
		want   string
	}{
		{s.DB(), "journal_mode", "wal"},
		{s.DB(), "synchronous", "2"}, // FULL
		{s.DB(), "foreign_keys", "1"},
		{s.DB(), "busy_timeout", "10000"},
		{s.ReadDB(), "query_only", "1"},
		{s.ReadDB(), "foreign_keys", "1"},
	} {
		var got string
		if err := c.db.QueryRowContext(ctx, "PRAGMA "+c.pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("PRAGMA %s = %q, want %q", c.pragma, got, c.want)
		}
	}
	if _, err := s.ReadDB().Exec(`DELETE FROM coord_jobs`); err == nil {
		t.Error("the read pool accepted a write")
	}
	if v, err := s.Version(ctx); err != nil || v != SchemaVersion() {
		t.Errorf("Version = %d, %v; want %d", v, err, SchemaVersion())
	}
}

func TestReopenKeepsData(t *testing.T) {
	path := statetest.Target(t, "coordc.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	id := seedJob(t, s, "keep", 3)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.CountByStatus(context.Background(), id, Waiting)
	if err != nil || got[Waiting] != 3 {
		t.Errorf("after reopen: %v %v", got, err)
	}
	var n int
	if err := s.DB().QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil || n != SchemaVersion() {
		t.Errorf("schema_migrations rows = %d, %v; want %d", n, err, SchemaVersion())
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := statetest.Target(t, "coordc.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES (99, '2030-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = Open(path)
	if err == nil || !strings.Contains(err.Error(), "schema version 99, written by a newer coordc") {
		t.Errorf("Open = %v, want a newer-coordc error", err)
	}
}

func TestOpenErrors(t *testing.T) {
	statetest.SQLiteOnly(t)
	dir := t.TempDir()
	for _, c := range []struct{ path, want string }{
		{"", "no state database path"},
		{filepath.Join(dir, "a?b.db"), "contains '?'"},
		{filepath.Join(dir, "missing", "x.db"), "cannot open state database"},
	} {
		if _, err := Open(c.path); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Open(%q) = %v, want %q", c.path, err, c.want)
		}
	}
	notDB := filepath.Join(dir, "text.db")
	if err := os.WriteFile(notDB, []byte(strings.Repeat("not a database ", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(notDB); err == nil {
		t.Error("Open of a text file succeeded")
	}
}

// TestOpenTightensMode opens a database left with mode 0644 (and its WAL
// file 0644): both become 0600 (issue 11, permissions).
func TestOpenTightensMode(t *testing.T) {
	statetest.SQLiteOnly(t)
	path := filepath.Join(t.TempDir(), "coordc.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, p := range []string{path, path + "-wal"} {
		if p != path {
			if err := os.WriteFile(p, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Chmod(p, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, p := range []string{path, path + "-wal"} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Mode().Perm(); got != 0o600 {
			t.Errorf("%s: mode %v, want 0600", filepath.Base(p), got)
		}
	}
}
