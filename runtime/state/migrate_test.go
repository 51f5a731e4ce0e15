package state

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/runtime/state/statetest"
	"github.com/coordc/coordc/schemas"
	"github.com/google/go-cmp/cmp"
)

// textRows reads every row of rows as "column=value" strings (NULL as
// "column=NULL").
func textRows(t *testing.T, rows *sql.Rows) [][]string {
	t.Helper()
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var res [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		rec := make([]string, len(cols))
		for i, v := range vals {
			rec[i] = cols[i] + "=" + v.String
			if !v.Valid {
				rec[i] = cols[i] + "=NULL"
			}
		}
		res = append(res, rec)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return res
}

// schemaOf describes db's schema by meaning, not by the text of its CREATE
// statements (ALTER TABLE … ADD COLUMN rewrites that text): every table's
// columns (name, type, NOT NULL, default, primary key position), its
// foreign keys and its indexes with their columns and uniqueness.
func schemaOf(t *testing.T, db *sql.DB) []string {
	t.Helper()
	var out []string
	query := func(q string, args ...any) [][]string {
		rows, err := db.Query(q, args...)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return textRows(t, rows)
	}
	for _, tbl := range query(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`) {
		name := strings.TrimPrefix(tbl[0], "name=")
		for _, c := range query(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid`, name) {
			out = append(out, fmt.Sprintf("table %s column %s", name, strings.Join(c, " ")))
		}
		for _, fk := range query(`SELECT "table", "from", "to" FROM pragma_foreign_key_list(?) ORDER BY id, seq`, name) {
			out = append(out, fmt.Sprintf("table %s foreign key %s", name, strings.Join(fk, " ")))
		}
		for _, ix := range query(`SELECT name, "unique", origin FROM pragma_index_list(?) ORDER BY name`, name) {
			ixName := strings.TrimPrefix(ix[0], "name=")
			var cols []string
			for _, c := range query(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`, ixName) {
				cols = append(cols, strings.TrimPrefix(c[0], "name="))
			}
			if strings.HasPrefix(ixName, "sqlite_autoindex_") {
				ix[0] = "name=(auto)"
			}
			out = append(out, fmt.Sprintf("table %s index %s (%s)", name, strings.Join(ix, " "), strings.Join(cols, ", ")))
		}
	}
	return out
}

// TestMigrationsBuildStateSQL migrates an empty database through every
// version and checks that the result is schemas/state.sql.
func TestMigrationsBuildStateSQL(t *testing.T) {
	statetest.SQLiteOnly(t)
	s := openTest(t)
	ref, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "ref.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	if _, err := ref.Exec(schemas.StateSQL()); err != nil {
		t.Fatal(err)
	}
	want := schemaOf(t, ref)
	if len(want) < 100 {
		t.Fatalf("the schema description has %d lines; is it describing anything?", len(want))
	}
	if diff := cmp.Diff(want, schemaOf(t, s.DB())); diff != "" {
		t.Errorf("the migrated schema differs from schemas/state.sql (-state.sql +migrated):\n%s", diff)
	}
	var versions []int
	rows, err := s.DB().Query(`SELECT version FROM schema_migrations ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var v int
		rows.Scan(&v)
		versions = append(versions, v)
	}
	if len(versions) != SchemaVersion() || versions[len(versions)-1] != SchemaVersion() || SchemaVersion() < 2 {
		t.Errorf("schema_migrations versions = %v, want 1 … %d", versions, SchemaVersion())
	}
}

// v1Tables are the tables of schema version 1 and, for each, its columns.
var v1Tables = []string{"coord_jobs", "coord_actions", "wf_jobs", "wf_actions", "schema_migrations"}

// dumpTables reads every row of the v1 tables (v1 columns only) as text.
func dumpTables(t *testing.T, db *sql.DB, v1Columns map[string][]string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, tbl := range v1Tables {
		cols := v1Columns[tbl]
		rows, err := db.Query(`SELECT ` + strings.Join(cols, ", ") + ` FROM ` + tbl + ` ORDER BY 1`)
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range textRows(t, rows) {
			out[tbl] = append(out[tbl], strings.Join(rec, " | "))
		}
	}
	return out
}

// columnsOf lists each table's columns.
func columnsOf(t *testing.T, db *sql.DB) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, tbl := range v1Tables {
		rows, err := db.Query(`SELECT name FROM pragma_table_info(?) ORDER BY cid`, tbl)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var c string
			rows.Scan(&c)
			out[tbl] = append(out[tbl], c)
		}
		rows.Close()
	}
	return out
}

// copyV1 copies the schema-v1 fixture written by the coordc of that version
// (testdata/README.md) to a temporary file.
func copyV1(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("testdata/v1.db")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "v1.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestMigrateV1Fixture opens a database written by the v1 coordc: Open
// migrates it to the current version, every v1 row is intact, the schema
// is schemas/state.sql, and the store reads its jobs and actions.
func TestMigrateV1Fixture(t *testing.T) {
	statetest.SQLiteOnly(t)
	path := copyV1(t)
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	v1Cols := columnsOf(t, raw)
	before := dumpTables(t, raw, v1Cols)
	raw.Close()
	if n := len(before["coord_actions"]); n != 5 {
		t.Fatalf("the fixture has %d actions, want 5", n)
	}

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if v, err := s.Version(ctx); err != nil || v != SchemaVersion() {
		t.Fatalf("Version = %d, %v; want %d", v, err, SchemaVersion())
	}
	after := dumpTables(t, s.DB(), v1Cols)
	// schema_migrations gains the rows of the new versions.
	if got := len(after["schema_migrations"]); got != SchemaVersion() {
		t.Errorf("schema_migrations rows = %d, want %d", got, SchemaVersion())
	}
	after["schema_migrations"] = after["schema_migrations"][:len(before["schema_migrations"])]
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("rows changed by the migration (-v1 +migrated):\n%s", diff)
	}
	ref, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "ref.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	if _, err := ref.Exec(schemas.StateSQL()); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(schemaOf(t, ref), schemaOf(t, s.DB())); diff != "" {
		t.Errorf("the migrated fixture's schema differs from schemas/state.sql:\n%s", diff)
	}
	jobs, err := s.ListJobs(ctx)
	if err != nil || len(jobs) != 2 || jobs[0].Status != JobSucceeded || jobs[1].Status != JobRunningWithError {
		t.Fatalf("ListJobs = %+v, %v", jobs, err)
	}
	a, err := s.GetAction(ctx, ActionID(jobs[1].ID, 1))
	if err != nil || a.Status != Killed || !strings.Contains(a.ErrorMessage, "exited with code [1]") {
		t.Errorf("GetAction = %+v, %v", a, err)
	}
}

// TestMigrateV1Duplicates migrates a v1 database holding the same
// submission twice (what two concurrent applies of the v1 coordc could
// leave, issue 11 F1): both jobs are kept, the second is numbered as a
// duplicate, and a new identical submission is refused by the unique index.
func TestMigrateV1Duplicates(t *testing.T) {
	statetest.SQLiteOnly(t)
	path := copyV1(t)
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO coord_jobs SELECT '0000003-local-example-C', app_name, app_path, app_namespace,
		definition_hash, conf, frequency, time_unit, end_of_duration, time_zone, start_time, end_time, pause_time,
		concurrency, mat_throttling, time_out, execution, status, last_action_number, next_matd_time,
		done_materialization, user_name, bundle_id, created_time, last_modified_time, suspended_time, pending
		FROM coord_jobs WHERE id = '0000001-local-example-C'`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, err := s.DB().Query(`SELECT id, duplicate_number FROM coord_jobs ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var id string
		var n int
		rows.Scan(&id, &n)
		got = append(got, fmt.Sprintf("%s %d", id, n))
	}
	rows.Close()
	want := []string{"0000001-local-example-C 0", "0000002-failing-example-C 0", "0000003-local-example-C 1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("duplicate numbers (-want +got):\n%s", diff)
	}
	j, err := s.GetJob(context.Background(), "0000001-local-example-C")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateJob(context.Background(), j); err == nil {
		t.Error("a second identical submission was stored; the unique index should refuse it")
	}
}
