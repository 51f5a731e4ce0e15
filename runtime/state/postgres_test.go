package state

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/schemas"
)

// TestDDLOnPostgres runs schemas/state.sql and the migrations (with their
// PostgreSQL companions) on a PostgreSQL server through the psql CLI, as a
// DBA would, in scratch schemas that are dropped afterwards; the store's
// own use of PostgreSQL is tested by every other test (statetest). Set COORDC_TEST_POSTGRES to a psql connection
// string (e.g. "postgres://user@localhost/test") to run it.
func TestDDLOnPostgres(t *testing.T) {
	conn := os.Getenv("COORDC_TEST_POSTGRES")
	if conn == "" {
		t.Skip("COORDC_TEST_POSTGRES is not set; set it to a psql connection string to check the DDL on PostgreSQL")
	}
	psql, err := exec.LookPath("psql")
	if err != nil {
		t.Skip("COORDC_TEST_POSTGRES is set but the psql CLI is not installed")
	}
	schema := fmt.Sprintf("coordc_ddl_test_%d", time.Now().UnixNano())
	script := strings.Join([]string{
		`\set ON_ERROR_STOP on`,
		"CREATE SCHEMA " + schema + ";",
		"SET search_path TO " + schema + ";",
		schemas.StateSQL(),
		// The guarded transition the store runs, in PostgreSQL's dialect.
		`INSERT INTO coord_jobs (id, app_name, app_path, app_namespace, definition_hash, conf, frequency, time_unit,
			end_of_duration, time_zone, start_time, end_time, concurrency, mat_throttling, time_out, execution, status,
			created_time, last_modified_time) VALUES ('0000001-x-C', 'x', '/x', 'ns', 'h', '{}', '60', 'MINUTE', 'NONE',
			'UTC', '2009-01-01T00:00:00Z', '2009-01-02T00:00:00Z', 1, 12, 120, 'FIFO', 'PREP', '2009-01-01T00:00:00Z',
			'2009-01-01T00:00:00Z');`,
		`INSERT INTO coord_actions (id, job_id, action_number, nominal_time, status, created_time, last_modified_time,
			time_out, action_json) VALUES ('0000001-x-C@1', '0000001-x-C', 1, '2009-01-01T00:00:00Z', 'WAITING',
			'2009-01-01T00:00:00Z', '2009-01-01T00:00:00Z', 120, '{}');`,
		`UPDATE coord_actions SET status = 'READY' WHERE id = '0000001-x-C@1' AND status IN ('WAITING');`,
		"DROP SCHEMA " + schema + " CASCADE;",
		// The migrations, one after the other, as Open applies them.
		"CREATE SCHEMA " + schema + "_m;",
		"SET search_path TO " + schema + "_m;",
		allMigrations(),
		"DROP SCHEMA " + schema + "_m CASCADE;",
	}, "\n")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, psql, "--no-psqlrc", "--quiet", conn)
	cmd.Stdin = strings.NewReader(script)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("psql: %v\n%s", err, out)
	}
}

// allMigrations is every migration's SQL, in order.
func allMigrations() string {
	var b strings.Builder
	for _, m := range migrations() {
		b.WriteString(m.sql)
		b.WriteString("\n")
		b.WriteString(m.postgres)
		b.WriteString("\n")
	}
	return b.String()
}
