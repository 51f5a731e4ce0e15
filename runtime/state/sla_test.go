package state

import (
	"context"
	"testing"
	"time"
)

// TestSLAStore registers SLAs once, lists them with conditions, order and
// paging, and records an action's actual start and end in the transaction
// of its status change together with its event.
func TestSLAStore(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	job := seedJob(t, s, "daily", 3)
	for i := 1; i <= 3; i++ {
		reg := SLA{ID: ActionID(job, i), ParentID: job, AppName: "daily", AppType: AppCoordAction, Nominal: t0.Add(time.Duration(i-1) * time.Hour),
			ExpectedEnd: t0.Add(time.Duration(i-1)*time.Hour + 30*time.Minute), ExpectedDuration: -1, AlertEvents: "END_MISS", Config: "{}",
			JobStatus: "WAITING"}
		for round := 0; round < 2; round++ {
			var ok bool
			err := s.Tx(ctx, func(tx *Tx) error {
				var err error
				ok, err = tx.RegisterSLA(ctx, reg)
				return err
			})
			if err != nil || ok != (round == 0) {
				t.Fatalf("register %s round %d: %v %v", reg.ID, round, ok, err)
			}
		}
	}
	a1 := ActionID(job, 1)
	for _, st := range []ActionStatus{Ready, Submitted, Running, Succeeded} {
		from := map[ActionStatus]ActionStatus{Ready: Waiting, Submitted: Ready, Running: Submitted, Succeeded: Running}[st]
		if ok, err := s.TransitionAction(ctx, a1, []ActionStatus{from}, st, Fields{}); !ok || err != nil {
			t.Fatalf("→ %s: %v %v", st, ok, err)
		}
	}
	// a field update that keeps the status records no event
	if ok, err := s.TransitionAction(ctx, a1, []ActionStatus{Succeeded}, Succeeded, Fields{ExternalStatus: Ptr("SUCCEEDED")}); !ok || err != nil {
		t.Fatal(ok, err)
	}
	got, err := s.GetSLA(ctx, a1)
	if err != nil || got.ActualStart != t0 || got.ActualEnd != t0 || got.JobStatus != "SUCCEEDED" {
		t.Errorf("summary %+v %v", got, err)
	}
	evs, _ := s.EventsOf(ctx, a1)
	var kinds []string
	for _, e := range evs {
		kinds = append(kinds, e.EventStatus)
	}
	if len(kinds) != 2 || kinds[0] != "STARTED" || kinds[1] != "SUCCESS" {
		t.Errorf("events %v, want STARTED, SUCCESS", kinds)
	}
	list, err := s.ListSLAs(ctx, []SLACondition{{Column: "app_name", Op: "LIKE", Values: []any{"dai%"}},
		{Column: "nominal_time", Op: ">=", Values: []any{FormatTime(t0.Add(time.Hour))}}}, "nominal_time", true, 0, 1)
	if err != nil || len(list) != 1 || list[0].ID != ActionID(job, 3) {
		t.Errorf("list %+v %v, want action 3 only", list, err)
	}
	if list, _ := s.ListSLAs(ctx, nil, "", false, 1, 0); len(list) != 2 || list[0].ID != ActionID(job, 2) {
		t.Errorf("offset 1: %+v", list)
	}
	if _, err := s.ListSLAs(ctx, []SLACondition{{Column: "x; DROP TABLE", Op: "=", Values: []any{1}}}, "", false, 0, 0); err == nil {
		t.Error("an unknown column was accepted")
	}
}

// TestEventWithChange: the status change and its event commit together; a
// failing event write leaves the status unchanged.
func TestEventWithChange(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	job := seedJob(t, s, "daily", 1)
	a := ActionID(job, 1)
	force(t, s, a, Submitted)
	if _, err := s.DB().Exec(`DROP TABLE deliveries`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(`ALTER TABLE events RENAME TO events_gone`); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.TransitionAction(ctx, a, []ActionStatus{Submitted}, Running, Fields{}); ok || err == nil {
		t.Fatalf("transition with a failing event write: %v %v, want an error", ok, err)
	}
	if got, _ := s.GetAction(ctx, a); got.Status != Submitted {
		t.Errorf("status %s after the rolled back change, want SUBMITTED", got.Status)
	}
	if _, err := s.DB().Exec(`ALTER TABLE events_gone RENAME TO events`); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.TransitionAction(ctx, a, []ActionStatus{Submitted}, Running, Fields{}); !ok || err != nil {
		t.Fatalf("transition: %v %v", ok, err)
	}
	if ok, _ := s.TransitionAction(ctx, a, []ActionStatus{Submitted}, Running, Fields{}); ok {
		t.Fatal("the guarded transition ran twice")
	}
	if evs, _ := s.EventsOf(ctx, a); len(evs) != 1 || evs[0].EventStatus != "STARTED" {
		t.Errorf("events %+v, want one STARTED", evs)
	}
}

// TestPruneEvents deletes old events whose deliveries are all done and
// keeps the rest.
func TestPruneEvents(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	job := seedJob(t, s, "daily", 1)
	a := ActionID(job, 1)
	ids := map[string]string{}
	err := s.Tx(ctx, func(tx *Tx) error {
		for _, name := range []string{"delivered", "pending", "none", "undispatched"} {
			if err := tx.InsertEvent(ctx, Event{MsgType: MsgJob, AppType: AppCoordAction, EntityID: a, AppName: name, Status: "RUNNING", EventStatus: "STARTED", Body: "{}"}); err != nil {
				return err
			}
		}
		evs, err := tx.UndispatchedEvents(ctx, 10)
		if err != nil {
			return err
		}
		for _, e := range evs {
			ids[e.AppName] = e.ID
			switch e.AppName {
			case "delivered", "pending":
				if _, err := tx.DispatchAll(ctx, []EventDeliveries{{EventID: e.ID, Deliveries: []Delivery{{Channel: "webhook", Target: "ops"}}}}); err != nil {
					return err
				}
			case "none":
				if _, err := tx.DispatchAll(ctx, []EventDeliveries{{EventID: e.ID}}); err != nil {
					return err
				}
			}
		}
		if err := tx.DeliveryDone(ctx, ids["delivered"]+"/1"); err != nil {
			return err
		}
		return tx.PruneEvents(ctx, t0.Add(time.Second))
	})
	if err != nil {
		t.Fatal(err)
	}
	evs, _ := s.EventsOf(ctx, a)
	var left []string
	for _, e := range evs {
		left = append(left, e.AppName)
	}
	if len(left) != 2 || left[0] != "pending" || left[1] != "undispatched" {
		t.Errorf("left %v, want pending and undispatched", left)
	}
	if ds, _ := s.Deliveries(ctx); len(ds) != 1 || ds[0].EventID != ids["pending"] {
		t.Errorf("deliveries %+v", ds)
	}
}
