package scheduler

import (
	"context"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/state"
	"github.com/google/go-cmp/cmp"
)

func TestOutlook(t *testing.T) {
	ctx := context.Background()
	past := spec{Freq: 60, Start: now.Add(-3 * time.Hour), End: now.Add(-time.Hour)}
	for _, c := range []struct {
		name  string
		setup func(e *env) string
		limit time.Duration
		stuck bool
		waits []string
	}{
		{"running action", func(e *env) string { return running(t, e) }, 0, false, nil},
		{"materialization to come", func(e *env) string {
			return e.submit(spec{Freq: 60, Start: now.Add(time.Hour), End: now.Add(5 * time.Hour), NoInput: true})
		}, 0, false, nil},
		{"timeout -1 (Oozie's maximum, 60 days) beyond a day's limit", func(e *env) string {
			sp := past
			sp.Timeout = "-1"
			return e.submit(sp)
		}, 24 * time.Hour, true, []string{
			"action 0000001-test-job-C@1 waits for /in/202405010900/_SUCCESS (times out at 2024-06-30T12:01:00Z)",
			"action 0000001-test-job-C@2 waits for /in/202405011000/_SUCCESS (times out at 2024-06-30T12:01:00Z)",
		}},
		{"inputs within the longest timeout", func(e *env) string {
			sp := past
			sp.Timeout = "600"
			return e.submit(sp)
		}, 0, false, []string{
			"action 0000001-test-job-C@1 waits for /in/202405010900/_SUCCESS (times out at 2024-05-01T22:01:00Z)",
			"action 0000001-test-job-C@2 waits for /in/202405011000/_SUCCESS (times out at 2024-05-01T22:01:00Z)",
		}},
		{"inputs beyond the wait limit", func(e *env) string {
			sp := past
			sp.Timeout = "600"
			return e.submit(sp)
		}, time.Hour, true, []string{
			"action 0000001-test-job-C@1 waits for /in/202405010900/_SUCCESS (times out at 2024-05-01T22:01:00Z)",
			"action 0000001-test-job-C@2 waits for /in/202405011000/_SUCCESS (times out at 2024-05-01T22:01:00Z)",
		}},
		{"suspended", func(e *env) string {
			job := e.submit(spec{Freq: 60, Start: now.Add(time.Hour), End: now.Add(5 * time.Hour), NoInput: true})
			must(t, e.s.Suspend(ctx, job))
			return job
		}, 0, true, []string{"job 0000001-test-job-C waits for resume (it is PREPSUSPENDED) (until an operation changes it)"}},
		{"paused, nothing active", func(e *env) string {
			// One action due before the pause: the next (12:30) comes after it.
			job := e.submit(spec{Freq: 60, Start: now.Add(-30 * time.Minute), End: now.Add(5 * time.Hour), NoInput: true})
			e.tick()
			e.runner.finish(runner.Succeeded, job+"@1")
			must(t, e.s.Change(ctx, job, Change{End: state.Ptr(now.Add(5 * time.Hour)), PauseTime: state.Ptr(now.Add(2 * time.Minute))}))
			e.clock.Advance(3 * time.Minute)
			return job
		}, 0, true, []string{"job 0000001-test-job-C waits for a later pause time (it is PAUSED since 2024-05-01T12:02:00Z) (until an operation changes it)"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			job := c.setup(e)
			e.tick()
			e.tick()
			o, err := e.s.Outlook(ctx, []string{job}, c.limit)
			if err != nil {
				t.Fatal(err)
			}
			var waits []string
			for _, w := range o.Waits {
				waits = append(waits, w.String())
			}
			if o.Stuck != c.stuck {
				t.Errorf("stuck %v, want %v (statuses %v)", o.Stuck, c.stuck, e.statuses(job))
			}
			if diff := cmp.Diff(c.waits, waits); diff != "" {
				t.Errorf("waits (-want +got):\n%s", diff)
			}
		})
	}
}

// TestOutlookFinished: finished jobs are not stuck (apply's done check
// decides), even when they finished between two reads.
func TestOutlookFinished(t *testing.T) {
	e := newEnv(t)
	job := running(t, e)
	must(t, e.s.Kill(context.Background(), job))
	o, err := e.s.Outlook(context.Background(), []string{job}, 0)
	if err != nil || o.Stuck || len(o.Waits) != 0 {
		t.Errorf("%+v %v", o, err)
	}
}
