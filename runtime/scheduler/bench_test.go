package scheduler

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/state"
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
