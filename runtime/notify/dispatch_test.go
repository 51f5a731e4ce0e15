package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/clock/clocktest"
	"github.com/coordc/coordc/runtime/state"
	"github.com/google/go-cmp/cmp"
)

// batchFixture is a store with jobs of the given properties (nil: a job
// whose properties are not JSON) and a way to record their actions' events.
type batchFixture struct {
	st   *state.Store
	jobs []string
}

func newBatchFixture(t *testing.T, confs ...map[string]string) *batchFixture {
	t.Helper()
	st, err := state.Open(filepath.Join(t.TempDir(), "coordc.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &batchFixture{st: st.WithClock(clocktest.New(t0))}
	for i, conf := range confs {
		j, _ := json.Marshal(conf)
		if conf == nil {
			j = []byte("{not json")
		}
		id, err := f.st.CreateJob(context.Background(), state.Job{AppName: fmt.Sprint("app", i), AppPath: fmt.Sprintf("/defs/app%d.xml", i),
			AppNamespace: "uri:oozie:coordinator:0.4", DefinitionHash: "h", Conf: string(j), Frequency: "60", TimeUnit: "MINUTE",
			EndOfDuration: "NONE", TimeZone: "UTC", Start: t0, End: t0.Add(time.Hour), Concurrency: 1, Throttle: 12, Timeout: 120,
			Execution: state.FIFO, User: "etl"})
		if err != nil {
			t.Fatal(err)
		}
		f.jobs = append(f.jobs, id)
	}
	return f
}

// record writes the STARTED event of action n of job.
func (f *batchFixture) record(t *testing.T, job string, n int) {
	t.Helper()
	err := f.st.Tx(context.Background(), func(tx *state.Tx) error {
		return tx.InsertEvent(context.Background(), state.Event{MsgType: state.MsgJob, AppType: state.AppCoordAction,
			EntityID: state.ActionID(job, n), ParentID: job, AppName: "app", Status: "RUNNING", EventStatus: "STARTED", Body: "{}"})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// undispatched is the number of events not dispatched yet.
func (f *batchFixture) undispatched(t *testing.T) int {
	t.Helper()
	evs, err := f.st.UndispatchedEvents(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	return len(evs)
}

// TestDispatchBatches: events of several jobs in batches of up to 100
// each get their own job's callback (or none: a job without one, a job
// that is gone); a change of a job's properties applies to the events
// dispatched after it; a job whose properties cannot be read stops the
// dispatch, with nothing of the batch dispatched.
func TestDispatchBatches(t *testing.T) {
	rec := &recorder{}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	f := newBatchFixture(t,
		map[string]string{CoordActionURLProperty: srv.URL + "/a/$jobId/$actionId/$status"},
		map[string]string{"queueName": "default"},
		map[string]string{CoordActionURLProperty: srv.URL + "/c/$actionId"},
	)
	ctx := context.Background()
	// 230 events, three batches: jobs 0, 1, 2 and a job that is gone,
	// in turn.
	var want []string
	for n := 1; n <= 230; n++ {
		job := append(f.jobs, "0000099-000000000000000-coordc-C")[n%4]
		f.record(t, job, n)
		switch job {
		case f.jobs[0]:
			want = append(want, fmt.Sprintf("/a/%s/%s/RUNNING", job, state.ActionID(job, n)))
		case f.jobs[2]:
			want = append(want, "/c/"+state.ActionID(job, n))
		}
	}
	w := &Worker{Store: f.st, Clock: clocktest.New(t0)}
	// A pass sends up to 100 deliveries: the rest in a second.
	for i := range 2 {
		if next, err := w.Pass(ctx); err != nil || next.IsZero() != (i == 1) {
			t.Fatalf("pass %d: next %v, %v", i+1, next, err)
		}
	}
	requests := func() []string {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		var got []string
		for _, r := range rec.reqs {
			got = append(got, r.URL.Path)
		}
		rec.reqs = nil
		slices.Sort(got)
		return got
	}
	slices.Sort(want)
	if diff := cmp.Diff(want, requests()); diff != "" {
		t.Errorf("callbacks (-want +got):\n%s", diff)
	}
	if n := f.undispatched(t); n != 0 {
		t.Errorf("%d events left undispatched", n)
	}

	// coordc update changes job 0's callback: the next events use it.
	conf, _ := json.Marshal(map[string]string{CoordActionURLProperty: srv.URL + "/new/$actionId"})
	if ok, err := f.st.UpdateDefinition(ctx, f.jobs[0], "h", state.DefinitionUpdate{AppPath: "/defs/app0.xml", DefinitionHash: "h2",
		Conf: string(conf), Concurrency: 1, Throttle: 12, Timeout: 120, Execution: state.FIFO}); err != nil || !ok {
		t.Fatalf("update: %v %v", ok, err)
	}
	f.record(t, f.jobs[0], 300)
	f.record(t, f.jobs[1], 301)
	if _, err := w.Pass(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"/new/" + state.ActionID(f.jobs[0], 300)}, requests()); diff != "" {
		t.Errorf("callbacks after the update (-want +got):\n%s", diff)
	}

	// A job whose properties are not JSON: its batch stays undispatched.
	g := newBatchFixture(t, map[string]string{"queueName": "default"}, nil)
	g.record(t, g.jobs[0], 1)
	g.record(t, g.jobs[1], 1)
	w = &Worker{Store: g.st, Clock: clocktest.New(t0)}
	if _, err := w.Pass(ctx); err == nil || !strings.Contains(err.Error(), g.jobs[1]+": properties") {
		t.Errorf("pass: %v, want the properties error of %s", err, g.jobs[1])
	}
	if n := g.undispatched(t); n != 2 {
		t.Errorf("%d events undispatched, want the batch's 2", n)
	}
}
