package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/state"
)

// TestSLACommand lists SLAs as text and refuses bad invocations with exit 3.
func TestSLACommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "state.db")
	st, err := state.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	t0 := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	job, err := st.CreateJob(ctx, state.Job{AppName: "daily", AppPath: "/d.xml", AppNamespace: "uri:oozie:coordinator:0.4", DefinitionHash: "h",
		Conf: "{}", Frequency: "60", TimeUnit: "MINUTE", EndOfDuration: "NONE", TimeZone: "UTC", Start: t0, End: t0.Add(time.Hour),
		Concurrency: 1, Throttle: 1, Timeout: 1, Execution: state.FIFO})
	if err != nil {
		t.Fatal(err)
	}
	st.Materialize(ctx, state.Materialization{JobID: job, Actions: []state.NewAction{{Number: 1, Nominal: t0, ActionJSON: "{}"}}})
	err = st.Tx(ctx, func(tx *state.Tx) error {
		_, err := tx.RegisterSLA(ctx, state.SLA{ID: job + "@1", ParentID: job, AppName: "daily", AppType: state.AppCoordAction, Nominal: t0,
			ExpectedEnd: t0.Add(30 * time.Minute), ExpectedDuration: -1, Config: "{}", JobStatus: "WAITING", Status: state.SLAMiss, EventStatus: "END_MISS"})
		return err
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, stderr, code := coordc(t, "sla", "--state", db, "--filter", "sla_status=MISS;event_status=END_MISS")
	if code != exitOK || !strings.Contains(out, job+"@1  daily     2024-05-01T12:00Z  -               -             2024-05-01T12:30Z  -           MISS") {
		t.Errorf("exit %d:\n%s%s", code, out, stderr)
	}
	if out, _, _ := coordc(t, "sla", "--state", db, "--filter", "sla_status=MET"); strings.Contains(out, job) {
		t.Errorf("the MET filter lists a missed SLA:\n%s", out)
	}
	for _, args := range [][]string{{"--filter", "appname=x"}, {"--sortby", "nominal"}, {"--order", "up"}, {"-o", "xml"}, {"--offset", "0"}, {"JOB"}} {
		if _, stderr, code := coordc(t, append([]string{"sla", "--state", db}, args...)...); code != exitUsage {
			t.Errorf("sla %v: exit %d, want %d\n%s", args, code, exitUsage, stderr)
		}
	}
}
