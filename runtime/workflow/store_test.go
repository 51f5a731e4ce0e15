package workflow

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/runtime/runner"
)

// rawRow reads one row of a table as text ("NULL" for NULL), by column.
func rawRow(t *testing.T, db *sql.DB, table, id string) map[string]string {
	t.Helper()
	rows, err := db.Query(`SELECT * FROM `+table+` WHERE id = ?`, id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	if !rows.Next() {
		t.Fatalf("%s has no row %s", table, id)
	}
	vals := make([]sql.NullString, len(cols))
	dests := make([]any, len(cols))
	for i := range vals {
		dests[i] = &vals[i]
	}
	if err := rows.Scan(dests...); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for i, c := range cols {
		out[c] = "NULL"
		if vals[i].Valid {
			out[c] = vals[i].String
		}
	}
	return out
}

// TestStoreRows checks what insertJob and insertAction store, column by
// column, and that loadJob and loadActions read it back.
func TestStoreRows(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	job := &jobRow{id: "0000001-x-C@1-W1", parentID: "0000001-x-C@1", appName: "wf", appPath: "/apps/wf",
		user: "etl", status: runner.Running, conf: map[string]string{"a": "1"}, run: 1}
	for _, want := range []bool{true, false} {
		if inserted, err := insertJob(ctx, db, job, now); err != nil || inserted != want {
			t.Fatalf("insertJob = %v, %v; want %v", inserted, err, want)
		}
	}
	if d := cmp.Diff(map[string]string{"id": job.id, "parent_id": job.parentID, "app_name": "wf", "app_path": "/apps/wf",
		"conf": `{"a":"1"}`, "user_name": "etl", "status": "RUNNING", "run": "1", "created_time": "2025-01-02T03:04:05Z",
		"start_time": "2025-01-02T03:04:05Z", "end_time": "NULL", "last_modified_time": "2025-01-02T03:04:05Z",
		"error_code": "NULL", "error_message": "NULL"}, rawRow(t, db, "wf_jobs", job.id)); d != "" {
		t.Errorf("wf_jobs row (-want +got):\n%s", d)
	}
	got, err := loadJob(ctx, db, job.id)
	if err != nil {
		t.Fatal(err)
	}
	want := *job
	want.created, want.start, want.modified = "2025-01-02T03:04:05Z", "2025-01-02T03:04:05Z", "2025-01-02T03:04:05Z"
	if d := cmp.Diff(&want, got, cmp.AllowUnexported(jobRow{})); d != "" {
		t.Errorf("loadJob (-want +got):\n%s", d)
	}
	if _, err := loadJob(ctx, db, "nope"); err == nil || !strings.Contains(err.Error(), errNotFound.Error()) {
		t.Errorf("loadJob of an unknown id: %v", err)
	}

	a := &actionRow{id: job.id + "@sh", wfID: job.id, name: "sh", typ: "shell", status: ActionPrep, retryMax: 2, retryInterval: 3}
	if inserted, err := insertAction(ctx, db, a, now); err != nil || !inserted {
		t.Fatalf("insertAction = %v, %v", inserted, err)
	}
	if d := cmp.Diff(map[string]string{"id": a.id, "wf_id": job.id, "name": "sh", "type": "shell", "status": "PREP",
		"transition": "NULL", "conf": "NULL", "external_id": "NULL", "external_status": "NULL",
		"created_time": "2025-01-02T03:04:05Z", "start_time": "NULL", "end_time": "NULL", "last_check_time": "NULL",
		"last_modified_time": "2025-01-02T03:04:05Z", "retries": "0", "user_retry_max": "2", "user_retry_interval": "3",
		"data": "NULL", "error_code": "NULL", "error_message": "NULL", "pending": "0"}, rawRow(t, db, "wf_actions", a.id)); d != "" {
		t.Errorf("wf_actions row (-want +got):\n%s", d)
	}
	a.status, a.externalID, a.start, a.retries, a.data = ActionRunning, "pid:1:2", "2025-01-02T03:04:06Z", 1, map[string]string{"k": "v"}
	if ok, err := updateAction(ctx, db, a, ActionPrep, true, now); err != nil || !ok {
		t.Fatalf("updateAction = %v, %v", ok, err)
	}
	rows, err := loadActions(ctx, db, job.id)
	if err != nil || len(rows) != 1 {
		t.Fatalf("loadActions = %v, %v", rows, err)
	}
	wantA := *a
	wantA.created, wantA.modified = "2025-01-02T03:04:05Z", "2025-01-02T03:04:05Z"
	if d := cmp.Diff(&wantA, rows[0], cmp.AllowUnexported(actionRow{})); d != "" {
		t.Errorf("loadActions (-want +got):\n%s", d)
	}

	if _, err := db.Exec(`UPDATE wf_jobs SET conf = 'x' WHERE id = ?`, job.id); err != nil {
		t.Fatal(err)
	}
	if _, err := loadJob(ctx, db, job.id); err == nil || !strings.Contains(err.Error(), "wf_jobs.conf") {
		t.Errorf("loadJob of an invalid conf: %v, want an error naming wf_jobs.conf", err)
	}
}
