package state

import (
	"context"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/clock/clocktest"
	"github.com/coordc/coordc/runtime/state/statetest"
)

// TestMain runs every test on SQLite and, with COORDC_TEST_POSTGRES set,
// on PostgreSQL.
func TestMain(m *testing.M) { statetest.Main(m, "") }

var t0 = time.Date(2009, 3, 1, 8, 0, 0, 0, time.UTC)

// openTest opens a fresh store in a temporary directory with a clock fixed
// at t0.
func openTest(tb testing.TB) *Store {
	tb.Helper()
	s, err := Open(statetest.Target(tb, "coordc.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s.WithClock(clocktest.New(t0))
}

// testJob is a job with plausible values.
func testJob(name string) Job {
	return Job{AppName: name, AppPath: "/defs/" + name + ".xml", AppNamespace: "uri:oozie:coordinator:0.4",
		DefinitionHash: "h", Conf: "{}", Frequency: "60", TimeUnit: "MINUTE", EndOfDuration: "NONE",
		TimeZone: "UTC", Start: t0, End: t0.Add(24 * time.Hour), Concurrency: 1, Throttle: 12, Timeout: 120,
		Execution: FIFO}
}

// seedJob creates a job with n WAITING actions an hour apart.
func seedJob(tb testing.TB, s *Store, name string, n int) string {
	tb.Helper()
	ctx := context.Background()
	id, err := s.CreateJob(ctx, testJob(name))
	if err != nil {
		tb.Fatal(err)
	}
	m := Materialization{JobID: id, Running: true}
	for i := 1; i <= n; i++ {
		m.Actions = append(m.Actions, NewAction{Number: i, Nominal: t0.Add(time.Duration(i-1) * time.Hour), Timeout: 120, ActionJSON: "{}"})
	}
	if ok, err := s.Materialize(ctx, m); err != nil || !ok {
		tb.Fatalf("materialize: %v %v", ok, err)
	}
	return id
}

// force sets an action's status directly, bypassing the state machine.
func force(tb testing.TB, s *Store, id string, st ActionStatus) {
	tb.Helper()
	if _, err := s.DB().Exec(`UPDATE coord_actions SET status = ? WHERE id = ?`, string(st), id); err != nil {
		tb.Fatal(err)
	}
}

// forceJob sets a job's status directly, bypassing the state machine.
func forceJob(tb testing.TB, s *Store, id string, st JobStatus) {
	tb.Helper()
	if _, err := s.DB().Exec(`UPDATE coord_jobs SET status = ? WHERE id = ?`, string(st), id); err != nil {
		tb.Fatal(err)
	}
}
