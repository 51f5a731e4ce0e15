package scheduler

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/runtime/state/statetest"
)

// BenchmarkTick measures a steady-state tick of a job with a window of
// WAITING actions (inputs missing), one RUNNING action, and 0 or 50,000
// SUCCEEDED actions before them: the cost must not grow with the finished
// actions.
func BenchmarkTick(b *testing.B) {
	for _, finished := range []int{0, 50_000} {
		b.Run(fmt.Sprintf("finished=%d", finished), func(b *testing.B) {
			e := newEnv(b)
			const freq = 10 * time.Minute
			start := now.Add(-time.Duration(finished+6) * freq)
			c, path := e.compile(spec{Freq: 10, Start: start, End: now.Add(1000 * time.Hour), Timeout: "-1"})
			ctx := context.Background()
			job, err := e.s.Submit(ctx, c, Meta{AppPath: path})
			if err != nil {
				b.Fatal(err)
			}
			const batch = 10_000
			for first := 1; first <= finished; first += batch {
				m := state.Materialization{JobID: job, ExpectLast: first - 1, Running: first == 1,
					NextMatdTime: start.Add(time.Duration(min(first+batch-1, finished)) * freq)}
				for k := first; k < first+batch && k <= finished; k++ {
					m.Actions = append(m.Actions, state.NewAction{Number: k, Nominal: start.Add(time.Duration(k-1) * freq), ActionJSON: "{}"})
				}
				if ok, err := e.store.Materialize(ctx, m); !ok || err != nil {
					b.Fatal(ok, err)
				}
			}
			if _, err := e.store.DB().Exec(`UPDATE coord_actions SET status = 'SUCCEEDED', external_id = 'wf'`); err != nil {
				b.Fatal(err)
			}
			e.fs.touch(start.Add(time.Duration(finished) * freq)) // the first live action runs
			for i := 0; i < 3; i++ {
				if _, err := e.s.Tick(ctx); err != nil {
					b.Fatal(err)
				}
			}
			counts, _ := e.store.CountByStatus(ctx, job, state.Waiting, state.Running, state.Succeeded)
			if counts[state.Running] != 1 || counts[state.Waiting] == 0 || counts[state.Succeeded] != finished {
				b.Fatalf("setup: %v", counts)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := e.s.Tick(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkIdleTick is a tick when no job has due work: 10, 100 or 1,000
// RUNNING jobs whose actions (20 each) have all finished and whose next
// materialization is ahead. Only the next-due index is read: the cost must
// not grow with the jobs (nor their history), and no definition is
// compiled.
func BenchmarkIdleTick(b *testing.B) {
	for _, jobs := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			e := newEnv(b)
			ctx := context.Background()
			base := state.Job{AppName: "idle", AppNamespace: "uri:oozie:coordinator:0.4", DefinitionHash: "h", Conf: "{}",
				Frequency: "60", TimeUnit: "MINUTE", EndOfDuration: "NONE", TimeZone: "UTC", Start: now.Add(-24 * time.Hour),
				End: now.Add(1000 * time.Hour), Concurrency: 1, Throttle: 12, Timeout: 120, Execution: state.FIFO}
			for j := 0; j < jobs; j++ {
				job := base
				job.AppPath = fmt.Sprintf("/defs/idle-%d.xml", j)
				id, err := e.store.CreateJob(ctx, job)
				if err != nil {
					b.Fatal(err)
				}
				m := state.Materialization{JobID: id, Running: true, NextMatdTime: now.Add(time.Hour)}
				for k := 1; k <= 20; k++ {
					m.Actions = append(m.Actions, state.NewAction{Number: k, Nominal: base.Start.Add(time.Duration(k) * time.Hour), ActionJSON: "{}"})
				}
				if ok, err := e.store.Materialize(ctx, m); !ok || err != nil {
					b.Fatal(ok, err)
				}
				j, err := e.store.GetJob(ctx, id)
				if err != nil {
					b.Fatal(err)
				}
				if err := e.store.SetNextDue(ctx, id, j.DueSeq, now.Add(55*time.Minute)); err != nil {
					b.Fatal(err)
				}
			}
			if _, err := e.store.DB().Exec(`UPDATE coord_actions SET status = 'SUCCEEDED', external_id = 'wf'`); err != nil {
				b.Fatal(err)
			}
			e.s.Load = func(context.Context, state.Job) (*ir.Coordinator, error) {
				b.Fatal("an idle tick compiled a definition")
				return nil, nil
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				next, err := e.s.Tick(ctx)
				if err != nil {
					b.Fatal(err)
				}
				if !next.Equal(now.Add(55 * time.Minute)) {
					b.Fatalf("next = %v", next)
				}
			}
		})
	}
}

// BenchmarkIdleTickHistory is an idle tick over 1,000 RUNNING jobs with
// 1,000 finished actions each (1,000,000 rows of history), nothing due: the
// steady tick (ns/op) and a restarted scheduler's first tick (first-tick-ms,
// which also repeats pending runner calls) read only indexes, and no
// definition is compiled. The fixture is bulk-inserted in one transaction.
func BenchmarkIdleTickHistory(b *testing.B) {
	const jobs, perJob = 1000, 1000
	e := newEnv(b)
	ctx := context.Background()
	base := state.Job{AppName: "history", AppNamespace: "uri:oozie:coordinator:0.4", DefinitionHash: "h", Conf: "{}",
		Frequency: "60", TimeUnit: "MINUTE", EndOfDuration: "NONE", TimeZone: "UTC", Start: now.Add(-perJob * time.Hour),
		End: now.Add(1000 * time.Hour), Concurrency: 1, Throttle: 12, Timeout: 120, Execution: state.FIFO}
	setup := time.Now()
	if !reuseHistory(b, e, jobs*perJob) {
		ids := make([]string, jobs)
		err := e.store.Tx(ctx, func(tx *state.Tx) error {
			for j := range ids {
				job := base
				job.AppPath = fmt.Sprintf("/defs/history-%d.xml", j)
				id, err := tx.CreateJob(ctx, job)
				if err != nil {
					return err
				}
				ids[j] = id
				if ok, err := tx.Materialize(ctx, state.Materialization{JobID: id, Running: true, NextMatdTime: now.Add(time.Hour)}); !ok || err != nil {
					return fmt.Errorf("materialize %s: %v %v", id, ok, err)
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		if err := bulkHistory(ctx, e.store, ids, perJob, base.Start); err != nil {
			b.Fatal(err)
		}
		saveHistory(b, e, jobs*perJob)
	}
	b.Logf("fixture of %d jobs × %d actions ready in %v", jobs, perJob, time.Since(setup).Round(time.Millisecond))
	e.s.Load = func(context.Context, state.Job) (*ir.Coordinator, error) {
		b.Fatal("an idle tick compiled a definition")
		return nil, nil
	}
	want := now.Add(55 * time.Minute)
	first := time.Now()
	if next, err := e.s.Tick(ctx); err != nil || !next.Equal(want) {
		b.Fatalf("first tick: next = %v, %v", next, err)
	}
	firstTick := time.Since(first)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		next, err := e.s.Tick(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if !next.Equal(want) {
			b.Fatalf("next = %v", next)
		}
	}
	b.ReportMetric(float64(firstTick.Microseconds())/1000, "first-tick-ms")
}

// bulkHistory inserts perJob SUCCEEDED actions an hour apart from start
// for each job, in multi-row INSERTs in one transaction, and records the
// jobs as materialized up to them and next due 55 minutes from now.
func bulkHistory(ctx context.Context, st *state.Store, jobs []string, perJob int, start time.Time) error {
	tx, err := st.DB().BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	const cols, rows = 11, 500
	stamp := state.FormatTime(now)
	insert := `INSERT INTO coord_actions (id, job_id, action_number, nominal_time, status, created_time, last_modified_time,
		time_out, run, action_json, external_id) VALUES (?` + strings.Repeat(", ?", cols-1) + `)` +
		strings.Repeat(", (?"+strings.Repeat(", ?", cols-1)+")", rows-1)
	args := make([]any, 0, cols*rows)
	for _, job := range jobs {
		for k := 1; k <= perJob; k++ {
			id := state.ActionID(job, k)
			args = append(args, id, job, k, state.FormatTime(start.Add(time.Duration(k-1)*time.Hour)), string(state.Succeeded),
				stamp, stamp, 120, 0, "{}", id+"-W0")
			if len(args) == cols*rows {
				if _, err := tx.ExecContext(ctx, insert, args...); err != nil {
					return err
				}
				args = args[:0]
			}
		}
	}
	if len(args) > 0 {
		return fmt.Errorf("%d actions are not a multiple of %d", len(jobs)*perJob, rows)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE coord_jobs SET last_action_number = ?, next_due_time = ?`,
		perJob, state.FormatTime(now.Add(55*time.Minute))); err != nil {
		return err
	}
	return tx.Commit()
}

// historyCache is where BenchmarkIdleTickHistory keeps its SQLite fixture
// between runs: the temporary directory, keyed by the number of actions and
// the schema version.
func historyCache(tb testing.TB, e *env, actions int) string {
	v, err := e.store.Version(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return filepath.Join(os.TempDir(), fmt.Sprintf("coordc-bench-history-%d-v%d.db", actions, v))
}

// reuseHistory replaces e's fresh SQLite store with a copy of the cached
// fixture, if there is one.
func reuseHistory(tb testing.TB, e *env, actions int) bool {
	if statetest.Postgres() {
		return false
	}
	cached := historyCache(tb, e, actions)
	data, err := os.ReadFile(cached)
	if err != nil {
		return false
	}
	path := e.store.Path()
	if err := e.store.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	st, err := state.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	e.store = st
	e.s = e.scheduler()
	return true
}

// saveHistory writes e's SQLite store to the fixture cache (VACUUM INTO a
// temporary file, renamed into place).
func saveHistory(tb testing.TB, e *env, actions int) {
	if statetest.Postgres() {
		return
	}
	cached := historyCache(tb, e, actions)
	tmp := fmt.Sprintf("%s.%d.tmp", cached, os.Getpid())
	if _, err := e.store.DB().Exec(`VACUUM INTO ?`, tmp); err != nil {
		tb.Logf("fixture not cached: %v", err)
		return
	}
	if err := os.Rename(tmp, cached); err != nil {
		os.Remove(tmp)
		tb.Logf("fixture not cached: %v", err)
	}
}

// BenchmarkBundleTick is an idle tick with 100 RUNNING bundles of two idle
// coordinator jobs each: the bundles are read once, each bundle's status is
// rolled up from its coordinators', and nothing is written.
func BenchmarkBundleTick(b *testing.B) {
	e := newEnv(b)
	ctx := context.Background()
	base := state.Job{AppName: "idle", AppNamespace: "uri:oozie:coordinator:0.4", DefinitionHash: "h", Conf: "{}",
		Frequency: "60", TimeUnit: "MINUTE", EndOfDuration: "NONE", TimeZone: "UTC", Start: now.Add(-24 * time.Hour),
		End: now.Add(1000 * time.Hour), Concurrency: 1, Throttle: 12, Timeout: 120, Execution: state.FIFO}
	for i := 0; i < 100; i++ {
		id, _, err := e.store.SubmitBundle(ctx, state.Bundle{AppName: "b", AppPath: fmt.Sprintf("/defs/b-%d.xml", i), DefinitionHash: "h",
			Conf: "{}", KickOff: now.Add(-time.Hour), JobXML: "<bundle-app/>"})
		if err != nil {
			b.Fatal(err)
		}
		for k := 0; k < 2; k++ {
			job := base
			job.AppPath = fmt.Sprintf("/defs/idle-%d-%d.xml", i, k)
			cid, err := e.store.CreateJob(ctx, job)
			if err != nil {
				b.Fatal(err)
			}
			if ok, err := e.store.Materialize(ctx, state.Materialization{JobID: cid, Running: true, NextMatdTime: now.Add(time.Hour)}); !ok || err != nil {
				b.Fatal(ok, err)
			}
			j, err := e.store.GetJob(ctx, cid)
			if err != nil {
				b.Fatal(err)
			}
			if err := e.store.SetNextDue(ctx, cid, j.DueSeq, now.Add(55*time.Minute)); err != nil {
				b.Fatal(err)
			}
			if err := e.store.AddBundleAction(ctx, id, fmt.Sprint(k), cid, false); err != nil {
				b.Fatal(err)
			}
		}
	}
	e.s.Load = func(context.Context, state.Job) (*ir.Coordinator, error) {
		b.Fatal("an idle tick compiled a definition")
		return nil, nil
	}
	if _, err := e.s.Tick(ctx); err != nil { // kicks the bundles off
		b.Fatal(err)
	}
	if bs, _ := e.store.ListBundles(ctx, state.JobRunning); len(bs) != 100 {
		b.Fatalf("%d bundles RUNNING, want 100", len(bs))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := e.s.Tick(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
