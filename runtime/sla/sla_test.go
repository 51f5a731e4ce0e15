package sla

import (
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/lower/schedule"
	"github.com/coordc/coordc/runtime/state"
	"github.com/google/go-cmp/cmp"
)

var nominal = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

func fields(kv ...string) []schedule.SLAField {
	var out []schedule.SLAField
	for i := 0; i < len(kv); i += 2 {
		out = append(out, schedule.SLAField{Name: kv[i], Value: kv[i+1]})
	}
	return out
}

func TestResolve(t *testing.T) {
	cases := []struct {
		name   string
		fields []schedule.SLAField
		want   state.SLA
		err    string
	}{
		{"0.2 complete", fields("nominal-time", "2024-05-01T12:00Z", "should-start", "10", "should-end", "30", "max-duration", "15",
			"alert-events", "start_miss, END_MISS", "alert-contact", "a@x, b@x", "notification-msg", "late", "upstream-apps", "up"),
			state.SLA{Nominal: nominal, ExpectedStart: nominal.Add(10 * time.Minute), ExpectedEnd: nominal.Add(30 * time.Minute),
				ExpectedDuration: 900000, AlertEvents: "START_MISS,END_MISS", AlertContact: "a@x, b@x", NotificationMsg: "late", UpstreamApps: "up"}, ""},
		{"defaults", fields("nominal-time", "2024-05-01T12:00Z", "should-end", "60"),
			state.SLA{Nominal: nominal, ExpectedEnd: nominal.Add(time.Hour), ExpectedDuration: -1, AlertEvents: DefaultAlertEvents}, ""},
		{"0.1 with app-name and contacts", fields("app-name", "legacy", "nominal-time", "2024-05-01T12:00Z", "should-start", "5",
			"should-end", "120", "alert-contact", "ops@x", "dev-contact", "dev@x", "alert-frequency", "LAST_HOUR"),
			state.SLA{AppName: "legacy", Nominal: nominal, ExpectedStart: nominal.Add(5 * time.Minute), ExpectedEnd: nominal.Add(2 * time.Hour),
				ExpectedDuration: -1, AlertEvents: DefaultAlertEvents, AlertContact: "ops@x"}, ""},
		{"negative offset", fields("nominal-time", "2024-05-01T12:00Z", "should-start", "-5"),
			state.SLA{Nominal: nominal, ExpectedStart: nominal.Add(-5 * time.Minute), ExpectedDuration: -1, AlertEvents: DefaultAlertEvents}, ""},
		{"no nominal time", fields("should-end", "5"), state.SLA{}, "no nominal-time"},
		{"bad nominal time", fields("nominal-time", "2024-05-01 12:00"), state.SLA{}, "<sla:nominal-time>"},
		{"unevaluated duration", fields("nominal-time", "2024-05-01T12:00Z", "should-end", "${x}"), state.SLA{}, "<sla:should-end> \"${x}\" is not a number"},
		{"unknown alert event", fields("nominal-time", "2024-05-01T12:00Z", "alert-events", "end_late"), state.SLA{}, "\"END_LATE\""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Resolve(tc.fields)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one with %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got.Config, tc.want.AppType = "", state.AppCoordAction
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestEvaluate covers each event kind and the sla status at the edges of
// the deadlines (a deadline is missed only after it).
func TestEvaluate(t *testing.T) {
	base := state.SLA{Nominal: nominal, ExpectedStart: nominal.Add(10 * time.Minute), ExpectedEnd: nominal.Add(30 * time.Minute),
		ExpectedDuration: (15 * time.Minute).Milliseconds(), Status: state.SLANotStarted, JobStatus: "WAITING", ActualDuration: -1}
	at := func(m int) time.Time { return nominal.Add(time.Duration(m) * time.Minute) }
	with := func(f func(*state.SLA)) state.SLA { s := base; f(&s); return s }
	cases := []struct {
		name   string
		s      state.SLA
		now    time.Time
		events []Event
		status state.SLAStatus
		done   int
	}{
		{"nothing yet", base, at(10), nil, state.SLANotStarted, 0},
		{"start missed", base, at(10).Add(time.Second), []Event{StartMiss}, state.SLANotStarted, state.SLAStartDone},
		{"started on time", with(func(s *state.SLA) { s.ActualStart = at(10) }), at(11), []Event{StartMet}, state.SLAInProcess, state.SLAStartDone},
		{"started late", with(func(s *state.SLA) { s.ActualStart = at(12) }), at(12), []Event{StartMiss}, state.SLAInProcess, state.SLAStartDone},
		{"running too long", with(func(s *state.SLA) { s.ActualStart = at(1); s.EventProcessed = 1 }), at(16).Add(time.Second), []Event{DurationMiss}, state.SLAInProcess, 3},
		{"end missed running", with(func(s *state.SLA) { s.ActualStart = at(1); s.EventProcessed = 3 }), at(31), []Event{EndMiss}, state.SLAMiss, 7},
		{"all met", with(func(s *state.SLA) { s.ActualStart, s.ActualEnd, s.JobStatus = at(1), at(16), "SUCCEEDED" }), at(16),
			[]Event{StartMet, DurationMet, EndMet}, state.SLAMet, 7},
		{"ended late", with(func(s *state.SLA) { s.ActualStart, s.ActualEnd, s.JobStatus = at(20), at(40), "SUCCEEDED" }), at(40),
			[]Event{StartMiss, DurationMiss, EndMiss}, state.SLAMiss, 7},
		{"killed before start", with(func(s *state.SLA) { s.ActualEnd, s.JobStatus = at(2), "KILLED" }), at(2),
			[]Event{StartMiss, DurationMiss, EndMiss}, state.SLAMiss, 7},
		{"failed in time", with(func(s *state.SLA) { s.ActualStart, s.ActualEnd, s.JobStatus = at(1), at(3), "FAILED" }), at(3),
			[]Event{StartMet, DurationMet, EndMiss}, state.SLAMiss, 7},
		{"untracked criteria", with(func(s *state.SLA) {
			s.ExpectedStart, s.ExpectedDuration, s.ActualStart, s.ActualEnd, s.JobStatus = time.Time{}, -1, at(1), at(2), "SUCCEEDED"
		}), at(2), []Event{EndMet}, state.SLAMet, 7},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, evs := Evaluate(tc.s, tc.now)
			if diff := cmp.Diff(tc.events, evs); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
			if got.Status != tc.status || got.EventProcessed != tc.done {
				t.Errorf("status %s processed %d, want %s %d", got.Status, got.EventProcessed, tc.status, tc.done)
			}
			again, more := Evaluate(got, tc.now.Add(time.Hour))
			for _, e := range more {
				for _, old := range evs {
					if e == old || strings.HasPrefix(string(e), strings.SplitN(string(old), "_", 2)[0]) {
						t.Errorf("criterion of %s decided again: %s (%+v)", old, e, again)
					}
				}
			}
		})
	}
}

func TestParseFilter(t *testing.T) {
	got, err := ParseFilter("app_name=daily%;sla_status=miss,met; nominal_after=2024-05-01T00:00Z;event_status=END_MISS;actual_duration_max=1000")
	if err != nil {
		t.Fatal(err)
	}
	want := []state.SLACondition{
		{Column: "app_name", Op: "LIKE", Values: []any{"daily%"}},
		{Column: "sla_status", Op: "=", Values: []any{"MISS", "MET"}},
		{Column: "nominal_time", Op: ">=", Values: []any{"2024-05-01T00:00:00Z"}},
		{Column: "event_status", Op: "LIKE", Values: []any{"%END_MISS%"}},
		{Column: "actual_duration", Op: "<=", Values: []any{int64(1000)}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got, err := ParseFilter("bundle=0000001-b-B, nightly"); err != nil || !cmp.Equal(got, []state.SLACondition{{Column: "parent_id", Op: state.InBundle, Values: []any{"0000001-b-B", "nightly"}}}) {
		t.Errorf("bundle filter: %+v, %v", got, err)
	}
	for _, bad := range []string{"appname=x", "nominal_after=yesterday", "actual_duration_min=1s", "app_name"} {
		if _, err := ParseFilter(bad); err == nil {
			t.Errorf("ParseFilter(%q) accepted", bad)
		}
	}
}

// FuzzParseFilter: any filter text parses or fails with an error, and every
// condition it returns names a known column with values.
func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{"app_name=a%;sla_status=MISS,MET", "nominal_after=2024-05-01T00:00Z;nominal_before=2024-06-01T00:00Z",
		"event_status=END_MISS;actual_duration_min=0", "id=0000001-x-C@1;parent_id=0000001-x-C", ";;=", "bundle=x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		conds, err := ParseFilter(s)
		if err != nil {
			return
		}
		for _, c := range conds {
			if c.Column == "" || c.Op == "" || len(c.Values) == 0 {
				t.Errorf("%q: condition %+v", s, c)
			}
		}
	})
}
