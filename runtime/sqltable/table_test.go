package sqltable

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	_ "modernc.org/sqlite"
)

type kind string

type row struct {
	id   string
	k    kind
	note string
	n    int
	on   bool
}

var rows = &Table[row]{Name: "t", Cols: []Column[row]{
	Text("id", func(r *row) *string { return &r.id }),
	Text("kind", func(r *row) *kind { return &r.k }),
	OptText("note", func(r *row) *string { return &r.note }),
	Integer("n", func(r *row) *int { return &r.n }),
	Flag("on_", func(r *row) *bool { return &r.on }),
}}

func TestStatements(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{rows.Columns(), "id, kind, note, n, on_"},
		{rows.Insert(), "INSERT INTO t (id, kind, note, n, on_) VALUES (?, ?, ?, ?, ?)"},
		{rows.SelectFrom(), "SELECT id, kind, note, n, on_ FROM t "},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	if d := cmp.Diff([]any{"a", "x", nil, 0, 0}, rows.Values(&row{id: "a", k: "x"})); d != "" {
		t.Errorf("Values of empty fields (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]any{"b", "y", "hi", 7, 1}, rows.Values(&row{id: "b", k: "y", note: "hi", n: 7, on: true})); d != "" {
		t.Errorf("Values (-want +got):\n%s", d)
	}
}

// newTable is a database with table t, which rows declares.
func newTable(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(`CREATE TABLE t (id TEXT PRIMARY KEY, kind TEXT NOT NULL, note TEXT, n INTEGER, on_ INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestOnly checks a narrower declaration of a table: its statements, its
// scan (the other fields stay zero), and its refusal of an unknown column.
func TestOnly(t *testing.T) {
	few := rows.Only("n", "id")
	if got, want := few.SelectFrom(), "SELECT n, id FROM t "; got != want {
		t.Errorf("SelectFrom = %q, want %q", got, want)
	}
	db := newTable(t)
	if _, err := db.Exec(rows.Insert(), rows.Values(&row{id: "a", k: "x", note: "hi", n: 7, on: true})...); err != nil {
		t.Fatal(err)
	}
	q, err := db.Query(few.SelectFrom())
	if err != nil {
		t.Fatal(err)
	}
	got, err := few.ScanAll(q)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]row{{id: "a", n: 7}}, got, cmp.AllowUnexported(row{})); d != "" {
		t.Errorf("ScanAll (-want +got):\n%s", d)
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "no column nope") {
			t.Errorf("Only of an unknown column: panic %v", r)
		}
	}()
	rows.Only("id", "nope")
}

func TestRoundTrip(t *testing.T) {
	db := newTable(t)
	want := []row{{id: "a", k: "x"}, {id: "b", k: "y", note: "hi", n: -3, on: true}}
	for i := range want {
		if _, err := db.Exec(rows.Insert(), rows.Values(&want[i])...); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec(`INSERT INTO t VALUES ('c', 'z', NULL, NULL, 0)`); err != nil {
		t.Fatal(err)
	}
	want = append(want, row{id: "c", k: "z"})
	q, err := db.Query(rows.SelectFrom() + `ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	got, err := rows.ScanAll(q)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, got, cmp.AllowUnexported(row{})); d != "" {
		t.Errorf("ScanAll (-want +got):\n%s", d)
	}

	if _, err := db.Exec(`UPDATE t SET n = 'many' WHERE id = 'a'`); err != nil {
		t.Fatal(err)
	}
	q, err = db.Query(rows.SelectFrom())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rows.ScanAll(q); err == nil || !strings.Contains(err.Error(), "t.n: holds many (string), not an integer") {
		t.Errorf("ScanAll of a text in an integer column: %v", err)
	}
}
