package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/clock/clocktest"
	"github.com/coordc/coordc/runtime/state"
)

// BenchmarkDispatch measures Worker.Pass over 1,000 undispatched
// coordinator action events (two per action, STARTED and SUCCESS, as apply
// records them) spread over a number of jobs, with no destination
// configured: apply's common case, where dispatching is the worker's whole
// work. The events are recorded 50 a second, and made undispatched again
// between iterations.
func BenchmarkDispatch(b *testing.B) {
	for _, jobs := range []int{1, 20} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			const events = 1000
			st := benchStore(b, jobs, events)
			w := &Worker{Store: st, Clock: clocktest.New(t0)}
			ctx := context.Background()
			for b.Loop() {
				b.StopTimer()
				if _, err := st.DB().ExecContext(ctx, `UPDATE events SET dispatched = 0`); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if _, err := w.Pass(ctx); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*events), "ns/event")
		})
	}
}

// benchStore is a SQLite store of jobs jobs (with job properties, none a
// notification URL) and n events of their actions, round robin.
func benchStore(b *testing.B, jobs, n int) *state.Store {
	b.Helper()
	st, err := state.Open(filepath.Join(b.TempDir(), "coordc.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	c := clocktest.New(t0)
	st = st.WithClock(c)
	ctx := context.Background()
	conf, _ := json.Marshal(map[string]string{"user.name": "etl", "queueName": "default", "nameNode": "hdfs://nn:8020",
		"oozie.coord.application.path": "/defs/daily.xml", "inputDir": "/data/in", "outputDir": "/data/out"})
	ids := make([]string, jobs)
	for j := range ids {
		if ids[j], err = st.CreateJob(ctx, state.Job{AppName: fmt.Sprintf("daily%d", j), AppPath: fmt.Sprintf("/defs/daily%d.xml", j),
			AppNamespace: "uri:oozie:coordinator:0.4", DefinitionHash: "h", Conf: string(conf), Frequency: "60", TimeUnit: "MINUTE",
			EndOfDuration: "NONE", TimeZone: "UTC", Start: t0, End: t0.Add(time.Hour), Concurrency: 1, Throttle: 12, Timeout: 120,
			Execution: state.FIFO, User: "etl"}); err != nil {
			b.Fatal(err)
		}
	}
	err = st.Tx(ctx, func(tx *state.Tx) error {
		for i := range n {
			c.Set(t0.Add(time.Duration(i/50) * time.Second))
			job := ids[i%jobs]
			act := state.ActionID(job, i/(2*jobs)+1)
			status, es := "RUNNING", "STARTED"
			if i/jobs%2 == 1 {
				status, es = "SUCCEEDED", "SUCCESS"
			}
			body := fmt.Sprintf(`{"status":%q,"id":%q,"parentId":%q}`, status, act, job)
			if err := tx.InsertEvent(ctx, state.Event{MsgType: state.MsgJob, AppType: state.AppCoordAction, EntityID: act, ParentID: job,
				AppName: "daily", User: "etl", Status: status, EventStatus: es, Body: body}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return st
}
