package flinksql

import "testing"

func TestRerunnable(t *testing.T) {
	for _, tt := range []struct {
		stmt string
		want bool
	}{
		{"SELECT 1", true},
		{"  -- count\n select count(*) from t", true},
		{"/* x */ SHOW TABLES", true},
		{"SET 'pipeline.name' = 'a'", true},
		{"RESET", true},
		{"USE CATALOG c", true},
		{"EXPLAIN INSERT INTO t SELECT 1", true},
		{"CREATE TABLE IF NOT EXISTS t (a INT, ts AS PROCTIME()) WITH ('connector' = 'datagen')", true},
		{"CREATE TABLE t (a INT)", false},
		{"CREATE TABLE IF NOT EXISTS c.d.t WITH ('x' = 'y') AS SELECT 1", false},
		{"CREATE VIEW IF NOT EXISTS v AS SELECT 1", true},
		{"CREATE TEMPORARY VIEW v AS SELECT 1", false},
		{"DROP TABLE IF EXISTS t", true},
		{"DROP TABLE t", false},
		{"INSERT INTO t SELECT 1", false},
		{"insert overwrite t select 'IF NOT EXISTS'", false},
		{"EXECUTE STATEMENT SET BEGIN INSERT INTO t SELECT 1; END", false},
		{"ALTER TABLE t SET ('a' = 'b')", false},
		{"", false},
		{"-- only a comment", false},
		{"CREATE TABLE 'IF NOT EXISTS' (a INT)", false},
	} {
		if got := Rerunnable(tt.stmt); got != tt.want {
			t.Errorf("Rerunnable(%q) = %v, want %v", tt.stmt, got, tt.want)
		}
	}
}

func FuzzRerunnable(f *testing.F) {
	f.Add("CREATE TABLE IF NOT EXISTS t (a INT) /* c */ -- d\n")
	f.Add("'unterminated")
	f.Add("(((")
	f.Fuzz(func(t *testing.T, s string) { _ = Rerunnable(s) })
}
