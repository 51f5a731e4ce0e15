package state

import (
	"context"
	"testing"
	"time"
)

// BenchmarkActionLifecycle moves 10,000 actions through WAITING → READY →
// SUBMITTED → RUNNING → SUCCEEDED, one guarded, durable (synchronous=FULL)
// transition at a time, and reports transitions per second.
func BenchmarkActionLifecycle(b *testing.B) {
	const n = 10_000
	ctx := context.Background()
	steps := []ActionStatus{Waiting, Ready, Submitted, Running, Succeeded}
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := openTest(b)
		job := seedJob(b, s, "bench", n)
		b.StartTimer()
		start := time.Now()
		for k := 1; k <= n; k++ {
			id := ActionID(job, k)
			for j := 1; j < len(steps); j++ {
				ok, err := s.TransitionAction(ctx, id, steps[j-1:j], steps[j], Fields{})
				if err != nil || !ok {
					b.Fatalf("%s %s → %s: %v %v", id, steps[j-1], steps[j], ok, err)
				}
			}
		}
		b.ReportMetric(float64(n*(len(steps)-1))/time.Since(start).Seconds(), "transitions/s")
	}
}

// BenchmarkActionLifecycleGrouped is BenchmarkActionLifecycle with the
// transitions group-committed as a tick does (Store.Commit of a Batch):
// each step of 100 actions is one transaction, still synchronous=FULL.
func BenchmarkActionLifecycleGrouped(b *testing.B) {
	const n, group = 10_000, 100
	ctx := context.Background()
	steps := []ActionStatus{Waiting, Ready, Submitted, Running, Succeeded}
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := openTest(b)
		job := seedJob(b, s, "bench", n)
		b.StartTimer()
		start := time.Now()
		for first := 1; first <= n; first += group {
			for j := 1; j < len(steps); j++ {
				var batch Batch
				for k := first; k < first+group; k++ {
					id := ActionID(job, k)
					from, to := steps[j-1], steps[j]
					batch.TransitionAction(id, []ActionStatus{from}, to, Fields{}, func(ok bool) {
						if !ok {
							b.Errorf("%s %s → %s: not moved", id, from, to)
						}
					})
				}
				if err := s.Commit(ctx, &batch); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(n*(len(steps)-1))/time.Since(start).Seconds(), "transitions/s")
	}
}

// BenchmarkStatus100k is `coordc status JOB` on a job with 100,000 actions.
func BenchmarkStatus100k(b *testing.B) {
	s := openTest(b)
	ctx := context.Background()
	id, err := s.CreateJob(ctx, testJob("big"))
	if err != nil {
		b.Fatal(err)
	}
	const n, batch = 100_000, 10_000
	for first := 1; first <= n; first += batch {
		m := Materialization{JobID: id, ExpectLast: first - 1}
		for k := first; k < first+batch; k++ {
			m.Actions = append(m.Actions, NewAction{Number: k, Nominal: t0.Add(time.Duration(k) * time.Minute), ActionJSON: "{}"})
		}
		if ok, err := s.Materialize(ctx, m); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
	if _, err := s.DB().Exec(`UPDATE coord_actions SET status = 'SUCCEEDED', external_id = 'wf-' || action_number`); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rep, err := s.Status(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		if got := len(rep.Jobs[0].Actions); got != n {
			b.Fatalf("%d actions", got)
		}
	}
}
