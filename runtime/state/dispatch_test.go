package state

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/clock/clocktest"
	"github.com/coordc/coordc/runtime/state/statetest"
	"github.com/google/go-cmp/cmp"
)

// outboxEvents records n coordinator action events of a new job's action
// and returns their IDs, oldest first.
func outboxEvents(tb testing.TB, s *Store, n int) []string {
	tb.Helper()
	ctx := context.Background()
	a := ActionID(seedJob(tb, s, "outbox", 1), 1)
	err := s.Tx(ctx, func(tx *Tx) error {
		for i := range n {
			if err := tx.InsertEvent(ctx, Event{MsgType: MsgJob, AppType: AppCoordAction, EntityID: a, AppName: fmt.Sprint(i),
				Status: "RUNNING", EventStatus: "STARTED", Body: "{}"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	evs, err := s.UndispatchedEvents(ctx, n)
	if err != nil || len(evs) != n {
		tb.Fatalf("read %d events, %v; want %d", len(evs), err, n)
	}
	ids := make([]string, n)
	for i, e := range evs {
		ids[i] = e.ID
	}
	return ids
}

// outboxState renders the dispatched events (as e<i>, i their index in ids)
// and every delivery as "e<i>/<n> channel target attempts next-attempt".
func outboxState(tb testing.TB, s *Store, ids []string) (dispatched, deliveries []string) {
	tb.Helper()
	ctx := context.Background()
	label := map[string]string{}
	for i, id := range ids {
		label[id] = fmt.Sprintf("e%d", i)
	}
	rows, err := s.ReadDB().QueryContext(ctx, `SELECT id FROM events WHERE dispatched = 1 ORDER BY id`)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			tb.Fatal(err)
		}
		dispatched = append(dispatched, label[id])
	}
	ds, err := s.Deliveries(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	for _, d := range ds {
		if !strings.HasPrefix(d.ID, d.EventID+"/") {
			tb.Errorf("delivery %s of event %s", d.ID, d.EventID)
		}
		deliveries = append(deliveries, fmt.Sprintf("%s%s %s %s %d %s", label[d.EventID], strings.TrimPrefix(d.ID, d.EventID),
			d.Channel, d.Target, d.Attempts, FormatTime(d.NextAttempt)))
	}
	return dispatched, deliveries
}

// TestDispatchAll: one batch marks its events dispatched and stores their
// deliveries, due now; an event dispatched before (by another worker, or
// earlier in the batch) and an unknown event are left, without deliveries.
func TestDispatchAll(t *testing.T) {
	hook := []Delivery{{Channel: "webhook", Target: "ops"}}
	two := []Delivery{{Channel: "url", Target: "http://a/x"}, {Channel: "email", Target: "oncall@example.com"}}
	// An item's event is ids[ev]; -1 is an event that does not exist.
	type item struct {
		ev int
		ds []Delivery
	}
	type dispatchCase struct {
		name    string
		events  int
		before  []int // dispatched first, each with one "before" webhook
		batch   []item
		wantOK  []bool
		wantDis []string
		wantDel []string
	}
	now := FormatTime(t0)
	cases := []dispatchCase{
		{name: "empty", events: 2, wantOK: []bool{}},
		{name: "no deliveries", events: 3, batch: []item{{0, nil}, {1, nil}, {2, nil}},
			wantOK: []bool{true, true, true}, wantDis: []string{"e0", "e1", "e2"}},
		{name: "mixed", events: 4, batch: []item{{0, nil}, {1, two}, {2, nil}, {3, hook}},
			wantOK: []bool{true, true, true, true}, wantDis: []string{"e0", "e1", "e2", "e3"},
			wantDel: []string{"e1/1 url http://a/x 0 " + now, "e1/2 email oncall@example.com 0 " + now, "e3/1 webhook ops 0 " + now}},
		{name: "part of the batch", events: 3, batch: []item{{1, hook}},
			wantOK: []bool{true}, wantDis: []string{"e1"}, wantDel: []string{"e1/1 webhook ops 0 " + now}},
		{name: "dispatched by another worker", events: 4, before: []int{1, 2}, batch: []item{{0, hook}, {1, hook}, {2, nil}, {3, two}},
			wantOK: []bool{true, false, false, true}, wantDis: []string{"e0", "e1", "e2", "e3"},
			wantDel: []string{"e0/1 webhook ops 0 " + now, "e1/1 webhook before 0 " + now, "e2/1 webhook before 0 " + now,
				"e3/1 url http://a/x 0 " + now, "e3/2 email oncall@example.com 0 " + now}},
		{name: "repeated in the batch", events: 2, batch: []item{{0, hook}, {1, nil}, {0, two}},
			wantOK: []bool{true, true, false}, wantDis: []string{"e0", "e1"}, wantDel: []string{"e0/1 webhook ops 0 " + now}},
		{name: "unknown event", events: 1, batch: []item{{-1, hook}, {0, nil}},
			wantOK: []bool{false, true}, wantDis: []string{"e0"}},
	}
	// More events than one statement's list: 300 in three statements.
	long := dispatchCase{name: "300 events", events: 300, wantDel: []string{"e299/1 webhook ops 0 " + now}}
	for i := range 300 {
		long.batch = append(long.batch, item{i, nil})
		long.wantOK = append(long.wantOK, true)
		long.wantDis = append(long.wantDis, fmt.Sprintf("e%d", i))
	}
	long.batch[299].ds = hook
	cases = append(cases, long)

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := openTest(t)
			ctx := context.Background()
			ids := outboxEvents(t, s, c.events)
			err := s.Tx(ctx, func(tx *Tx) error {
				for _, i := range c.before {
					ok, err := tx.DispatchAll(ctx, []EventDeliveries{{EventID: ids[i], Deliveries: []Delivery{{Channel: "webhook", Target: "before"}}}})
					if err != nil || !ok[0] {
						return fmt.Errorf("dispatch e%d first: %v %v", i, ok, err)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			batch := make([]EventDeliveries, len(c.batch))
			for i, it := range c.batch {
				batch[i] = EventDeliveries{EventID: "20090301T080000Z-0000000000000000000-unknown", Deliveries: it.ds}
				if it.ev >= 0 {
					batch[i].EventID = ids[it.ev]
				}
			}
			var ok []bool
			if err := s.Tx(ctx, func(tx *Tx) error {
				ok, err = tx.DispatchAll(ctx, batch)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.wantOK, ok); diff != "" {
				t.Errorf("ok (-want +got):\n%s", diff)
			}
			dis, del := outboxState(t, s, ids)
			if diff := cmp.Diff(c.wantDis, dis); diff != "" {
				t.Errorf("dispatched events (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(c.wantDel, del); diff != "" {
				t.Errorf("deliveries (-want +got):\n%s", diff)
			}
			if left, err := s.UndispatchedEvents(ctx, c.events); err != nil || len(left) != c.events-len(c.wantDis) {
				t.Errorf("%d events left undispatched, %v; want %d", len(left), err, c.events-len(c.wantDis))
			}
		})
	}
}

// TestDispatchAllTwoWorkers: two workers (two stores on one database, as
// two apply processes) dispatch overlapping batches at once, in opposite
// orders, each with deliveries of its own: every event is dispatched by
// exactly one of them, reported so to it alone, and has that worker's
// delivery only.
func TestDispatchAllTwoWorkers(t *testing.T) {
	target := statetest.Target(t, "coordc.db")
	ctx := context.Background()
	var stores [2]*Store
	for i := range stores {
		s, err := Open(target)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		stores[i] = s.WithClock(clocktest.New(t0))
	}
	const rounds, n = 5, 200
	ids := outboxEvents(t, stores[0], rounds*n)
	for r := range rounds {
		// Worker 0 takes the round's first 150 events, oldest first;
		// worker 1 its last 150, newest first.
		var batches [2][]EventDeliveries
		for i := range 150 {
			batches[0] = append(batches[0], EventDeliveries{EventID: ids[r*n+i], Deliveries: []Delivery{{Channel: "webhook", Target: "w0"}}})
			batches[1] = append(batches[1], EventDeliveries{EventID: ids[r*n+n-1-i], Deliveries: []Delivery{{Channel: "webhook", Target: "w1"}}})
		}
		var oks [2][]bool
		var wg sync.WaitGroup
		for w := range batches {
			wg.Go(func() {
				if err := stores[w].Tx(ctx, func(tx *Tx) error {
					var err error
					oks[w], err = tx.DispatchAll(ctx, batches[w])
					return err
				}); err != nil {
					t.Errorf("round %d, worker %d: %v", r, w, err)
				}
			})
		}
		wg.Wait()
		if t.Failed() {
			t.FailNow()
		}
		winner := map[string]string{}
		for w := range batches {
			for i, e := range batches[w] {
				if !oks[w][i] {
					continue
				}
				if winner[e.EventID] != "" {
					t.Errorf("round %d: event %s dispatched by both workers", r, e.EventID)
				}
				winner[e.EventID] = fmt.Sprint("w", w)
			}
		}
		for i := r * n; i < (r+1)*n; i++ {
			switch {
			case winner[ids[i]] == "":
				t.Errorf("round %d: event e%d dispatched by neither worker", r, i)
			case i-r*n < 50 && winner[ids[i]] != "w0", i-r*n >= 150 && winner[ids[i]] != "w1":
				t.Errorf("round %d: event e%d of one worker's batch only dispatched by %s", r, i, winner[ids[i]])
			}
		}
		if t.Failed() {
			t.FailNow()
		}
		ds, err := stores[0].Deliveries(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]string{}
		for _, d := range ds {
			got[d.EventID] = append(got[d.EventID], d.Target)
		}
		for i := r * n; i < (r+1)*n; i++ {
			if diff := cmp.Diff([]string{winner[ids[i]]}, got[ids[i]]); diff != "" {
				t.Errorf("round %d: deliveries of e%d (-want +got):\n%s", r, i, diff)
			}
		}
	}
	if left, err := stores[1].UndispatchedEvents(ctx, rounds*n); err != nil || len(left) != 0 {
		t.Errorf("%d events left undispatched, %v", len(left), err)
	}
}

// TestGetJobs reads jobs by ID, in runs of maxIDList; unknown and repeated
// IDs are no error.
func TestGetJobs(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	var jobs []string
	for i := range 3 {
		jobs = append(jobs, seedJob(t, s, fmt.Sprint("app", i), 0))
	}
	many := []string{jobs[2]}
	for i := range 2 * maxIDList {
		many = append(many, fmt.Sprintf("%07d-000000000000000-coordc-C", 9000000+i))
	}
	many = append(many, jobs[0])
	cases := []struct {
		name string
		ids  []string
		want []string // the app names of the jobs read, by ID order
	}{
		{"none", nil, nil},
		{"one", jobs[1:2], []string{"app1"}},
		{"all", jobs, []string{"app0", "app1", "app2"}},
		{"repeated and unknown", []string{jobs[2], "0000099-000000000000000-coordc-C", jobs[2], jobs[0]}, []string{"app0", "app2"}},
		{"more than one statement's list", many, []string{"app0", "app2"}},
	}
	for _, c := range cases {
		got, err := s.GetJobs(ctx, c.ids)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var names []string
		for _, id := range jobs {
			if j, ok := got[id]; ok {
				if j.ID != id {
					t.Errorf("%s: job %s read as %s", c.name, id, j.ID)
				}
				names = append(names, j.AppName)
			}
		}
		if diff := cmp.Diff(c.want, names); diff != "" || len(got) != len(c.want) {
			t.Errorf("%s: %d jobs read (-want +got):\n%s", c.name, len(got), diff)
		}
	}
}

// TestDueDeliveries: the due deliveries come oldest first, each with its
// event (read for all of them at once).
func TestDueDeliveries(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	ids := outboxEvents(t, s, 3)
	err := s.Tx(ctx, func(tx *Tx) error {
		_, err := tx.DispatchAll(ctx, []EventDeliveries{
			{EventID: ids[0], Deliveries: []Delivery{{Channel: "webhook", Target: "a"}, {Channel: "webhook", Target: "b"}}},
			{EventID: ids[1]},
			{EventID: ids[2], Deliveries: []Delivery{{Channel: "url", Target: "http://c/"}}},
		})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	due, err := s.DueDeliveries(ctx, t0, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range due {
		if d.Event.ID != d.EventID {
			t.Errorf("delivery %s with event %s", d.ID, d.Event.ID)
		}
		got = append(got, fmt.Sprintf("%s %s event %s", strings.TrimPrefix(d.ID, d.EventID), d.Target, d.Event.AppName))
	}
	want := []string{"/1 a event 0", "/2 b event 0", "/1 http://c/ event 2"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("due deliveries (-want +got):\n%s", diff)
	}
	if due, err := s.DueDeliveries(ctx, t0.Add(-time.Second), 10); err != nil || len(due) != 0 {
		t.Errorf("before they are due: %d deliveries, %v", len(due), err)
	}
}
