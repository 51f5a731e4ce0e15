package oozietime

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// Expected values match Calendar.get(DST_OFFSET) and
// TimeZone.inDaylightTime on OpenJDK 17/25.
func TestDSTSavings(t *testing.T) {
	oddHost(t)
	tests := []struct {
		zone, at string
		want     time.Duration
	}{
		{"America/Los_Angeles", "2016-07-01T00:00Z", time.Hour},
		{"America/Los_Angeles", "2016-01-01T00:00Z", 0},
		{"PST", "2016-07-01T00:00Z", time.Hour},
		{"EST", "2016-07-01T00:00Z", 0},
		{"Australia/Lord_Howe", "2016-12-01T00:00Z", 30 * time.Minute},
		{"Australia/Sydney", "2016-12-01T00:00Z", time.Hour},
		{"Australia/Sydney", "2016-07-01T00:00Z", 0},
		{"Europe/Dublin", "2020-07-15T00:00Z", time.Hour}, // negative DST in the tz source, positive in Java
		{"Europe/Dublin", "2020-01-15T00:00Z", 0},
		{"Pacific/Apia", "2012-01-15T00:00Z", time.Hour}, // DST across the 2011 date-line jump
		{"Europe/Moscow", "1991-06-01T00:00Z", time.Hour},
		{"Europe/Moscow", "2012-06-01T00:00Z", 0},
		{"Asia/Kolkata", "2016-07-01T00:00Z", 0},
		{"UTC", "2016-07-01T00:00Z", 0},
		{"GMT+05:30", "2016-07-01T00:00Z", 0},
	}
	for _, tc := range tests {
		t.Run(tc.zone+" "+tc.at, func(t *testing.T) {
			at, loc := mustTime(t, tc.at), mustZone(t, tc.zone)
			want := []any{tc.want, tc.want != 0}
			got := []any{DSTSavings(at, loc), InDST(at, loc)}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("DSTSavings, InDST (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDSTOffset(t *testing.T) {
	la, lh := mustZone(t, "America/Los_Angeles"), mustZone(t, "Australia/Lord_Howe")
	tests := []struct {
		loc        *time.Location
		start, end string
		want       time.Duration
	}{
		{la, "2013-07-18T00:00Z", "2013-07-19T00:00Z", 0},
		{la, "2013-07-18T00:00Z", "2014-01-18T00:00Z", time.Hour},
		{la, "2013-01-18T00:00Z", "2013-07-19T00:00Z", -time.Hour},
		{la, "2013-01-18T00:00Z", "2013-02-19T00:00Z", 0},
		{lh, "2016-07-01T00:00Z", "2016-12-01T00:00Z", -30 * time.Minute},
	}
	for _, tc := range tests {
		got := DSTOffset(tc.loc, mustTime(t, tc.start), mustTime(t, tc.end))
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("DSTOffset(%v, %s, %s) (-want +got):\n%s", tc.loc, tc.start, tc.end, diff)
		}
	}
}

func TestTransitions(t *testing.T) {
	la := mustZone(t, "America/Los_Angeles")
	got := Transitions(la, mustTime(t, "2016-01-01T00:00Z"), mustTime(t, "2017-01-01T00:00Z"))
	want := []Transition{
		{At: mustTime(t, "2016-03-13T10:00Z"), OffsetBefore: -8 * 3600, OffsetAfter: -7 * 3600},
		{At: mustTime(t, "2016-11-06T09:00Z"), OffsetBefore: -7 * 3600, OffsetAfter: -8 * 3600},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("LA 2016 (-want +got):\n%s", diff)
	}
	// [from, to): a transition at from is included, one at to is not.
	got = Transitions(la, mustTime(t, "2016-03-13T10:00Z"), mustTime(t, "2016-11-06T09:00Z"))
	if diff := cmp.Diff(want[:1], got); diff != "" {
		t.Errorf("half-open range (-want +got):\n%s", diff)
	}
	apia := Transitions(mustZone(t, "Pacific/Apia"), mustTime(t, "2011-12-01T00:00Z"), mustTime(t, "2012-01-01T00:00Z"))
	wantApia := []Transition{{At: mustTime(t, "2011-12-30T10:00Z"), OffsetBefore: -10 * 3600, OffsetAfter: 14 * 3600}}
	if diff := cmp.Diff(wantApia, apia); diff != "" {
		t.Errorf("Apia (-want +got):\n%s", diff)
	}
	if got := Transitions(time.UTC, mustTime(t, "2000-01-01T00:00Z"), mustTime(t, "2030-01-01T00:00Z")); len(got) != 0 {
		t.Errorf("UTC transitions: %v", got)
	}
}

// TestTransitionsAcrossLeapYears guards against a stale zone bound that
// Go's time package returns at the end of a leap year for rule-based years:
// ten years of Los Angeles have twenty changes.
func TestTransitionsAcrossLeapYears(t *testing.T) {
	loc := mustZone(t, "America/Los_Angeles")
	from := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	got := Transitions(loc, from, to)
	if len(got) != 20 {
		t.Fatalf("got %d transitions, want 20: %v", len(got), got)
	}
	want := []time.Time{
		time.Date(2021, 3, 14, 10, 0, 0, 0, time.UTC),
		time.Date(2021, 11, 7, 9, 0, 0, 0, time.UTC),
	}
	if !got[2].At.Equal(want[0]) || !got[3].At.Equal(want[1]) {
		t.Errorf("2021 transitions = %v, %v; want %v, %v", got[2].At, got[3].At, want[0], want[1])
	}
	for i := 1; i < len(got); i++ {
		if !got[i].At.After(got[i-1].At) || got[i].OffsetBefore != got[i-1].OffsetAfter {
			t.Errorf("transition %d does not follow %d: %v after %v", i, i-1, got[i], got[i-1])
		}
	}
}
