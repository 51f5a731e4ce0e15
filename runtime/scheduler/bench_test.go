package scheduler

import (
	"context"
	"fmt"
	"testing"
	"time"

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
