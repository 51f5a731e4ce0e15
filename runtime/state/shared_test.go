package state

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/clock/clocktest"
	"github.com/coordc/coordc/runtime/state/statetest"
)

func TestRebind(t *testing.T) {
	cases := []struct{ in, want string }{
		{`SELECT 1`, `SELECT 1`},
		{`UPDATE t SET a = ?, b = ? WHERE id = ? AND s IN (?, ?)`, `UPDATE t SET a = $1, b = $2 WHERE id = $3 AND s IN ($4, $5)`},
		{`SELECT '?' || ? FROM "odd?name" WHERE x = ?`, `SELECT '?' || $1 FROM "odd?name" WHERE x = $2`},
		{"SELECT 'it''s?', ? -- why?\nFROM t WHERE a = ?", "SELECT 'it''s?', $1 -- why?\nFROM t WHERE a = $2"},
		{`SELECT 'open?`, `SELECT 'open?`},
		{"x = ? -- trailing?", "x = $1 -- trailing?"},
	}
	for _, c := range cases {
		if got := rebind(c.in); got != c.want {
			t.Errorf("rebind(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestIsPostgres(t *testing.T) {
	for in, want := range map[string]bool{
		"postgres://u@h/db": true, "postgresql:///db?host=/tmp": true,
		"coordc.db": false, "/var/lib/coordc/postgres.db": false, "": false,
	} {
		if got := IsPostgres(in); got != want {
			t.Errorf("IsPostgres(%q) = %v", in, got)
		}
	}
}

// TestConcurrentSubmission: eight stores (as eight coordc apply processes)
// submit the same definition at once and get one job; a different
// definition submitted concurrently gets its own job and sequence number.
func TestConcurrentSubmission(t *testing.T) {
	path := statetest.Target(t, "coordc.db")
	ctx := context.Background()
	var stores []*Store
	for i := 0; i < 8; i++ {
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores = append(stores, s)
	}
	var wg sync.WaitGroup
	ids := make([]string, len(stores))
	created := make([]bool, len(stores))
	for i, s := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			j := testJob("same")
			if i%2 == 1 {
				j = testJob("other")
			}
			var err error
			if ids[i], created[i], err = s.SubmitJob(ctx, j); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	n := 0
	for i := range stores {
		if created[i] {
			n++
		}
		if ids[i] != ids[i%2] {
			t.Errorf("submission %d got job %s, submission %d job %s", i, ids[i], i%2, ids[i%2])
		}
	}
	if n != 2 {
		t.Errorf("%d jobs created, want 2", n)
	}
	jobs, err := stores[0].ListJobs(ctx)
	if err != nil || len(jobs) != 2 {
		t.Fatalf("ListJobs = %d jobs, %v; want 2", len(jobs), err)
	}
}

// TestWatch: a change committed by another store wakes a Watch (at once on
// PostgreSQL: LISTEN/NOTIFY), a quiet database does not, and the watcher's
// own changes before Mark are forgotten.
func TestWatch(t *testing.T) {
	path := statetest.Target(t, "coordc.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx := context.Background()
	job := seedJob(t, a, "watched", 2)
	w, err := a.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := a.TransitionAction(ctx, ActionID(job, 1), []ActionStatus{Waiting}, Ready, Fields{}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond) // the notification of a's own change arrives
	if err := w.Mark(ctx); err != nil {
		t.Fatal(err)
	}
	if changed, err := w.Wait(ctx, 200*time.Millisecond); changed || err != nil {
		t.Fatalf("quiet database: Wait = %v, %v", changed, err)
	}
	if _, err := b.TransitionAction(ctx, ActionID(job, 2), []ActionStatus{Waiting}, Ready, Fields{}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	wait := 200 * time.Millisecond // SQLite: checked after the wait
	if a.Backend() == PostgreSQL {
		wait = 10 * time.Second // PostgreSQL: woken by the notification
	}
	if changed, err := w.Wait(ctx, wait); !changed || err != nil {
		t.Fatalf("after another store's change: Wait = %v, %v", changed, err)
	}
	if a.Backend() == PostgreSQL && time.Since(start) > time.Second {
		t.Errorf("woken after %v, want at once", time.Since(start))
	}
}

// TestPurge: finished jobs older than the cut-off go with their actions and
// workflows; a running job and a recent finished one stay.
func TestPurge(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	old := seedJob(t, s, "old", 2)
	running := seedJob(t, s, "running", 2)
	recent := seedJob(t, s, "recent", 1)
	forceJob(t, s, old, JobSucceeded)
	forceJob(t, s, recent, JobKilled)
	if _, err := s.DB().Exec(`INSERT INTO wf_jobs (id, parent_id, app_name, app_path, conf, status, created_time, last_modified_time)
		VALUES (?, ?, 'w', '/w', '{}', 'SUCCEEDED', '2009-03-01T08:00:00Z', '2009-03-01T08:00:00Z')`, ActionID(old, 1)+"-W0", ActionID(old, 1)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(`INSERT INTO wf_actions (id, wf_id, name, type, status, created_time, last_modified_time)
		VALUES (?, ?, 'n', 'shell', 'OK', '2009-03-01T08:00:00Z', '2009-03-01T08:00:00Z')`, ActionID(old, 1)+"-W0@n", ActionID(old, 1)+"-W0"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(`UPDATE coord_jobs SET last_modified_time = '2009-01-01T00:00:00Z' WHERE id IN (?, ?)`, old, running); err != nil {
		t.Fatal(err)
	}
	purged, err := s.Purge(ctx, t0.Add(-24*time.Hour))
	if err != nil || len(purged) != 1 || purged[0] != old {
		t.Fatalf("Purge = %v, %v; want [%s]", purged, err, old)
	}
	for table, want := range map[string]int{"coord_jobs": 2, "coord_actions": 3, "wf_jobs": 0, "wf_actions": 0} {
		var n int
		if err := s.DB().QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil || n != want {
			t.Errorf("%s: %d rows (%v), want %d", table, n, err, want)
		}
	}
}

// TestSchedulers: heartbeats are recorded and read back; schedulers silent
// since the cut-off that own no action are forgotten, owners are kept.
func TestSchedulers(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	job := seedJob(t, s, "owned", 1)
	for _, id := range []string{"h:1:1", "h:2:2", "h:3:3"} {
		if err := s.Heartbeat(ctx, id, "h", t0); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Adopt(ctx, ActionID(job, 1), "", "h:2:2"); err != nil {
		t.Fatal(err)
	}
	if err := s.WithClock(clocktest.New(t0.Add(time.Hour))).Heartbeat(ctx, "h:3:3", "h", t0); err != nil {
		t.Fatal(err)
	}
	if err := s.ForgetSchedulers(ctx, t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	beats, err := s.Heartbeats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(beats) != 2 || !beats["h:2:2"].Equal(t0) || !beats["h:3:3"].Equal(t0.Add(time.Hour)) {
		t.Errorf("heartbeats = %v", beats)
	}
}
