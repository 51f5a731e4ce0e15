package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/state"
)

// TestSLAThroughServer: `coordc sla --server URL` prints exactly what
// `coordc sla --state` prints, text and JSON, filtered, sorted and paged,
// for coordinator action, workflow job and workflow action SLAs; a bad
// filter is the same usage error both ways.
func TestSLAThroughServer(t *testing.T) {
	if testing.Short() {
		t.Skip("starts coordc server as a child process: skipped with -short")
	}
	dir := t.TempDir()
	db := stateDB(t, dir)
	st, err := state.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	t0 := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	for i, s := range []state.SLA{
		{ID: "0000001-daily-C@1", ParentID: "0000001-daily-C", AppName: "daily", AppType: state.AppCoordAction, User: "etl",
			Nominal: t0, ExpectedEnd: t0.Add(30 * time.Minute), ExpectedDuration: -1, JobStatus: "SUCCEEDED", NotificationMsg: "late"},
		{ID: "0000001-daily-C@1-W0", ParentID: "0000001-daily-C@1", AppName: "wf", AppType: state.AppWorkflowJob, User: "etl",
			Nominal: t0, ExpectedStart: t0.Add(time.Minute), ExpectedDuration: 600000, JobStatus: "RUNNING", UpstreamApps: "ingest"},
		{ID: "0000001-daily-C@1-W0@step", ParentID: "0000001-daily-C@1-W0", AppName: "step", AppType: state.AppWorkflowAction,
			Nominal: t0.Add(time.Hour), ExpectedEnd: t0.Add(90 * time.Minute), ExpectedDuration: -1, JobStatus: "PREP"},
	} {
		s.Config = `{"secret":"x"}`
		err := st.Tx(ctx, func(tx *state.Tx) error {
			if _, err := tx.RegisterSLA(ctx, s); err != nil {
				return err
			}
			if i == 0 {
				return tx.SetSLAActuals(ctx, s.ID, t0.Add(time.Minute), t0.Add(40*time.Minute), "SUCCEEDED")
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	_, url := startServer(t, dir, db)
	for _, args := range [][]string{
		{"sla"},
		{"sla", "-o", "json"},
		{"sla", "--filter", "app_type=WORKFLOW_JOB,WORKFLOW_ACTION;nominal_after=2024-05-01T12:00Z", "--sortby", "jobId", "--order", "desc"},
		{"sla", "--filter", "parent_id=0000001-daily-C@1-W0", "-o", "json"},
		{"sla", "--len", "1", "--offset", "2"},
		{"sla", "--filter", "appname=x"},
	} {
		out := sameBothWays(t, url, db, args...)
		if strings.Contains(out, "secret") {
			t.Errorf("coordc %v shows the resolved fields: %s", args, out)
		}
	}
	if out := sameBothWays(t, url, db, "sla", "--filter", "app_type=WORKFLOW_ACTION"); !strings.Contains(out, "0000001-daily-C@1-W0@step") || strings.Count(out, "\n") != 2 {
		t.Errorf("workflow action SLA listing:\n%s", out)
	}
}
