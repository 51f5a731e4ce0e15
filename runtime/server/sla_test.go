package server

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/runtime/state/statetest"
)

// slaFixture is a server over a state database (either backend) holding
// three SLAs: a coordinator action that met its end, a workflow job that
// missed it, and a workflow action of that job not started yet.
func slaFixture(t *testing.T) *fixture {
	t.Helper()
	st, err := state.Open(statetest.Target(t, "coordc.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	reg := func(s state.SLA, start, end time.Time, status string) {
		t.Helper()
		err := st.WithClock(fixedClock(t0)).Tx(ctx, func(tx *state.Tx) error {
			if _, err := tx.RegisterSLA(ctx, s); err != nil {
				return err
			}
			return tx.SetSLAActuals(ctx, s.ID, start, end, status)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	reg(state.SLA{ID: "0000001-c-C@1", ParentID: "0000001-c-C", AppName: "daily", AppType: state.AppCoordAction, User: "joe",
		Nominal: t0, ExpectedStart: t0.Add(10 * time.Minute), ExpectedEnd: t0.Add(40 * time.Minute), ExpectedDuration: 900000,
		Config: "{}", JobStatus: "WAITING", NotificationMsg: "late!", UpstreamApps: "up-1"},
		t0.Add(5*time.Minute), t0.Add(30*time.Minute), "SUCCEEDED")
	reg(state.SLA{ID: "0000001-c-C@2-W0", ParentID: "0000001-c-C@2", AppName: "wf", AppType: state.AppWorkflowJob, User: "joe",
		Nominal: t0.Add(time.Hour), ExpectedEnd: t0.Add(70 * time.Minute), ExpectedDuration: -1, Config: "{}", JobStatus: "RUNNING"},
		t0.Add(61*time.Minute), t0.Add(90*time.Minute), "SUCCEEDED")
	reg(state.SLA{ID: "0000001-c-C@2-W0@step", ParentID: "0000001-c-C@2-W0", AppName: "step", AppType: state.AppWorkflowAction,
		Nominal: t0.Add(time.Hour), ExpectedStart: t0.Add(62 * time.Minute), ExpectedDuration: -1, Config: "{}", JobStatus: "PREP"},
		time.Time{}, time.Time{}, "PREP")
	for id, upd := range map[string]state.SLA{
		"0000001-c-C@1":    {ActualDuration: 25 * 60000, EventStatus: "START_MET,DURATION_MISS,END_MET", Status: state.SLAMet, EventProcessed: 7},
		"0000001-c-C@2-W0": {ActualDuration: 29 * 60000, EventStatus: "END_MISS", Status: state.SLAMiss, EventProcessed: 7},
	} {
		upd.ID = id
		if err := st.Tx(ctx, func(tx *state.Tx) error { _, err := tx.UpdateSLA(ctx, upd, 0); return err }); err != nil {
			t.Fatal(err)
		}
	}
	f := &fixture{st: st}
	f.srv = New(Config{Store: st, Version: "test"}, nil)
	f.ts = httptest.NewServer(f.srv.Handler())
	t.Cleanup(f.ts.Close)
	return f
}

// slaFields are the fields of Oozie's SLA summary JSON (SLASummaryBean,
// DG_SLAMonitoring's examples).
var slaFields = []string{"id", "parentId", "appName", "appType", "msgType", "user", "nominalTime", "expectedStart", "actualStart",
	"startDelay", "expectedEnd", "actualEnd", "endDelay", "expectedDuration", "actualDuration", "durationDelay", "jobStatus",
	"slaStatus", "eventStatus", "lastModified", "slaAlertStatus"}

// slaList calls GET /oozie/v2/sla with query q and returns the status and
// the summaries.
func slaList(t *testing.T, f *fixture, query string) (int, []map[string]any) {
	t.Helper()
	status, hdr, body := f.call(t, "GET", "/oozie/v2/sla?"+query, "")
	if status != 200 {
		return status, nil
	}
	if ct := hdr.Get("Content-Type"); ct == "" || ct[:16] != "application/json" {
		t.Errorf("content type %q", ct)
	}
	m := hasFields(t, "sla", jsonOf(t, body), "slaSummaryList")
	items, ok := m["slaSummaryList"].([]any)
	if !ok {
		t.Fatalf("slaSummaryList is not a list: %s", body)
	}
	var out []map[string]any
	for _, it := range items {
		out = append(out, hasFields(t, "SLA summary", it, slaFields...))
	}
	return status, out
}

func ids(list []map[string]any) []string {
	var out []string
	for _, m := range list {
		out = append(out, m["id"].(string))
	}
	return out
}

// TestOozieSLA is a client of GET /oozie/v2/sla written from
// DG_SLAMonitoring: filters by app_name, id, parent_id, nominal range and
// app_type, times as epoch milliseconds or RFC 822 text in timezone, the
// delays, ordering, and the errors.
func TestOozieSLA(t *testing.T) {
	f := slaFixture(t)
	cases := []struct {
		query string
		want  []string
	}{
		{"filter=app_name=daily", []string{"0000001-c-C@1"}},
		{"filter=app_name=%25", []string{"0000001-c-C@1", "0000001-c-C@2-W0", "0000001-c-C@2-W0@step"}},
		{"filter=id=0000001-c-C@2-W0", []string{"0000001-c-C@2-W0"}},
		{"filter=parent_id=0000001-c-C@2-W0", []string{"0000001-c-C@2-W0@step"}},
		{"filter=app_type=WORKFLOW_JOB,WORKFLOW_ACTION", []string{"0000001-c-C@2-W0", "0000001-c-C@2-W0@step"}},
		{"filter=nominal_start=2009-03-01T08:30Z;nominal_end=2009-03-01T09:00Z", []string{"0000001-c-C@2-W0", "0000001-c-C@2-W0@step"}},
		{"filter=nominal_after=2009-03-01T07:00Z;nominal_before=2009-03-01T08:00Z", []string{"0000001-c-C@1"}},
		{"filter=sla_status=MISS;event_status=END_MISS", []string{"0000001-c-C@2-W0"}},
		{"filter=app_name=%25&sortby=jobId&order=desc&len=2", []string{"0000001-c-C@2-W0@step", "0000001-c-C@2-W0"}},
		{"filter=app_name=%25&offset=3", []string{"0000001-c-C@2-W0@step"}},
		{"filter=app_name=nothing", nil},
	}
	for _, tc := range cases {
		status, list := slaList(t, f, tc.query)
		if status != 200 || len(ids(list)) != len(tc.want) {
			t.Errorf("%s: %d %v, want %v", tc.query, status, ids(list), tc.want)
			continue
		}
		for i, id := range ids(list) {
			if id != tc.want[i] {
				t.Errorf("%s: %v, want %v", tc.query, ids(list), tc.want)
				break
			}
		}
	}

	// Times: epoch milliseconds without timezone, RFC 822 with it.
	_, list := slaList(t, f, "filter=id%3D0000001-c-C%401")
	c := list[0]
	for k, want := range map[string]any{"nominalTime": float64(t0.UnixMilli()), "expectedStart": float64(t0.Add(10 * time.Minute).UnixMilli()),
		"actualEnd": float64(t0.Add(30 * time.Minute).UnixMilli()), "startDelay": -5.0, "endDelay": -10.0, "durationDelay": 10.0,
		"expectedDuration": 900000.0, "actualDuration": 1500000.0, "slaStatus": "MET", "jobStatus": "SUCCEEDED",
		"eventStatus": "START_MET,DURATION_MISS,END_MET", "appType": "COORDINATOR_ACTION", "parentId": "0000001-c-C", "user": "joe",
		"slaAlertStatus": "Enabled", "msgType": "SLA"} {
		if c[k] != want {
			t.Errorf("coordinator action %s = %v (%T), want %v", k, c[k], c[k], want)
		}
	}
	_, list = slaList(t, f, "timezone=GMT&filter=id=0000001-c-C@2-W0")
	w := list[0]
	for k, want := range map[string]any{"nominalTime": "Sun, 01 Mar 2009 09:00:00 GMT", "actualStart": "Sun, 01 Mar 2009 09:01:00 GMT",
		"expectedEnd": "Sun, 01 Mar 2009 09:10:00 GMT", "endDelay": 20.0, "expectedDuration": nil, "durationDelay": nil,
		"startDelay": nil, "expectedStart": nil, "slaStatus": "MISS"} {
		if w[k] != want {
			t.Errorf("workflow job %s = %v, want %v", k, w[k], want)
		}
	}
	_, list = slaList(t, f, "filter=id=0000001-c-C@2-W0@step&timezone=America%2FLos_Angeles")
	if a := list[0]; a["nominalTime"] != "Sun, 01 Mar 2009 01:00:00 PST" || a["actualStart"] != nil || a["slaStatus"] != "NOT_STARTED" ||
		a["appType"] != "WORKFLOW_ACTION" || a["user"] != nil {
		t.Errorf("workflow action %v", a)
	}

	for _, bad := range []struct {
		query  string
		status int
		code   string
	}{
		{"", 400, "E0305"},
		{"filter=appname=x", 400, "E0302"},
		{"filter=nominal_after=yesterday", 400, "E0302"},
		{"filter=app_name=x&timezone=Mars/Base", 400, "E0302"},
		{"filter=app_name=x&sortby=size", 400, "E0302"},
		{"filter=app_name=x&order=up", 400, "E0302"},
		{"filter=app_name=x&len=-1", 400, "E0302"},
		{"filter=app_name=%zz", 400, "E0302"},
	} {
		status, hdr, _ := f.call(t, "GET", "/oozie/v2/sla?"+bad.query, "")
		wantError(t, "sla?"+bad.query, status, hdr, bad.status, bad.code)
	}
	status, hdr, _ := f.call(t, "POST", "/oozie/v2/sla?filter=app_name=x", "")
	if status == 200 {
		t.Errorf("POST /oozie/v2/sla answered 200 (%v)", hdr)
	}
}

// fixedClock is a clock standing at one instant.
type fixedClock time.Time

func (c fixedClock) Now() time.Time { return time.Time(c) }

func (c fixedClock) Sleep(ctx context.Context, _ time.Duration) error { return ctx.Err() }
