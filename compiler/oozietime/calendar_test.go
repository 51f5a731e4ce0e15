package oozietime

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// Expected values follow SEMANTICS §5.4 and were confirmed with
// java.util.GregorianCalendar (OpenJDK 17 and 25).
func TestAdd(t *testing.T) {
	oddHost(t)
	tests := []struct {
		name, zone, start string
		field             Field
		n                 int
		want              string
	}{
		{"day into spring gap goes one hour earlier", "America/Los_Angeles", "2016-03-12T10:30Z", Day, 1, "2016-03-13T09:30Z"},
		{"daily 02:00 PST dataset on the DST day (testCurrent)", "America/Los_Angeles", "2009-03-06T10:00Z", Day, 2, "2009-03-08T09:00Z"},
		{"day into overlap from PDT keeps PDT", "America/Los_Angeles", "2009-10-31T08:30Z", Day, 1, "2009-11-01T08:30Z"},
		{"day into overlap backwards from PST keeps PST", "America/Los_Angeles", "2009-11-02T09:30Z", Day, -1, "2009-11-01T09:30Z"},
		{"daily 01:00 PDT dataset, DST end day (testCurrent)", "America/Los_Angeles", "2009-10-30T08:00Z", Day, 2, "2009-11-01T08:00Z"},
		{"daily 01:00 PDT dataset, day after DST end (testCurrent)", "America/Los_Angeles", "2009-10-30T08:00Z", Day, 3, "2009-11-02T09:00Z"},
		{"day backwards into spring gap goes forward", "America/Los_Angeles", "2016-03-14T09:30Z", Day, -1, "2016-03-13T10:30Z"},
		{"week into spring gap", "America/Los_Angeles", "2016-03-06T10:30Z", Week, 1, "2016-03-13T09:30Z"},
		{"week backwards into overlap from PST", "America/Los_Angeles", "2016-11-13T09:30Z", Week, -1, "2016-11-06T09:30Z"},
		{"month into spring gap goes forward", "America/Los_Angeles", "2016-02-13T10:30Z", Month, 1, "2016-03-13T10:30Z"},
		{"month into overlap takes the standard occurrence", "America/Los_Angeles", "2016-10-06T08:30Z", Month, 1, "2016-11-06T09:30Z"},
		{"Jan 31 + 1 month clamps to Feb 28", "UTC", "2009-01-31T10:00Z", Month, 1, "2009-02-28T10:00Z"},
		{"Jan 31 + 1 month in a leap year", "UTC", "2008-01-31T10:00Z", Month, 1, "2008-02-29T10:00Z"},
		{"Jan 31 + 2 months", "UTC", "2009-01-31T10:00Z", Month, 2, "2009-03-31T10:00Z"},
		{"Mar 31 - 1 month", "UTC", "2009-03-31T10:00Z", Month, -1, "2009-02-28T10:00Z"},
		{"Feb 29 + 1 year", "UTC", "2008-02-29T10:00Z", Year, 1, "2009-02-28T10:00Z"},
		{"Feb 29 - 4 years", "UTC", "2008-02-29T10:00Z", Year, -4, "2004-02-29T10:00Z"},
		{"Dec + 1 month rolls the year", "UTC", "2009-12-15T10:00Z", Month, 1, "2010-01-15T10:00Z"},
		{"Jan - 13 months", "UTC", "2009-01-15T10:00Z", Month, -13, "2007-12-15T10:00Z"},
		{"hour is absolute across the gap", "America/Los_Angeles", "2016-03-13T09:30Z", Hour, 1, "2016-03-13T10:30Z"},
		{"minutes are absolute", "America/Los_Angeles", "2016-03-13T09:30Z", Minute, -45, "2016-03-13T08:45Z"},
		{"zero is a no-op", "America/Los_Angeles", "2016-03-13T09:30Z", Month, 0, "2016-03-13T09:30Z"},
		{"30-minute DST: day into the gap", "Australia/Lord_Howe", "2016-09-30T15:45Z", Day, 1, "2016-10-01T15:15Z"},
		{"30-minute DST: month into the gap", "Australia/Lord_Howe", "2016-09-01T15:45Z", Month, 1, "2016-10-01T15:45Z"},
		{"southern DST start: day into the gap", "Australia/Sydney", "2016-09-30T16:30Z", Day, 1, "2016-10-01T15:30Z"},
		{"southern DST end: day from AEDT keeps AEDT", "Australia/Sydney", "2017-03-31T15:30Z", Day, 1, "2017-04-01T15:30Z"},
		{"southern DST end: month takes AEST", "Australia/Sydney", "2017-03-01T15:30Z", Month, 1, "2017-04-01T16:30Z"},
		{"skipped day: +1 day from Dec 29 lands on Dec 31", "Pacific/Apia", "2011-12-29T22:00Z", Day, 1, "2011-12-30T22:00Z"},
		{"skipped day: month onto Dec 30 moves forward", "Pacific/Apia", "2011-11-30T22:00Z", Month, 1, "2011-12-30T22:00Z"},
		{"skipped day: -1 day from Dec 31", "Pacific/Apia", "2011-12-31T22:00Z", Day, -1, "2011-12-30T22:00Z"},
		{"midnight gap: day keeps the date", "America/Sao_Paulo", "2016-10-15T03:00Z", Day, 1, "2016-10-16T03:00Z"},
		{"midnight gap: month moves forward", "Asia/Beirut", "2016-02-26T22:00Z", Month, 1, "2016-03-26T22:00Z"},
		{"PST alias follows DST", "PST", "2016-03-12T10:30Z", Day, 1, "2016-03-13T09:30Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := FormatDateTime(Add(mustTime(t, tc.start), mustZone(t, tc.zone), tc.field, tc.n))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Add(%s, %s, %v, %d) (-want +got):\n%s", tc.start, tc.zone, tc.field, tc.n, diff)
			}
		})
	}
}

// Go's own calendar differs from Java on these (SEMANTICS §5.4); make sure
// Add is not quietly Go's AddDate.
func TestAddDiffersFromGo(t *testing.T) {
	la := mustZone(t, "America/Los_Angeles")
	start := mustTime(t, "2009-01-31T10:00Z")
	if got, goWay := Add(start, time.UTC, Month, 1), start.AddDate(0, 1, 0); got.Equal(goWay) {
		t.Errorf("Add(Jan 31, Month, 1) = %v, the same as Go's AddDate", got)
	}
	gap := mustTime(t, "2016-02-13T10:30Z").In(la)
	goWay := time.Date(2016, 3, 13, gap.Hour(), gap.Minute(), 0, 0, la)
	if got := Add(gap, la, Month, 1); got.Equal(goWay) {
		t.Errorf("Add(Feb 13 02:30 PST, Month, 1) = %v, the same as Go's time.Date", got)
	}
}

func TestStartOf(t *testing.T) {
	oddHost(t)
	tests := []struct {
		name, zone, at string
		fn             func(time.Time, *time.Location) time.Time
		want           string
	}{
		{"day in LA", "America/Los_Angeles", "2016-03-13T20:00Z", StartOfDay, "2016-03-13T08:00Z"},
		{"day whose midnight is skipped", "America/Sao_Paulo", "2016-10-16T15:00Z", StartOfDay, "2016-10-16T03:00Z"},
		{"day in UTC", "UTC", "2016-03-13T23:59Z", StartOfDay, "2016-03-13T00:00Z"},
		{"week from a Wednesday", "UTC", "2016-02-03T01:00Z", StartOfWeek, "2016-01-31T00:00Z"},
		{"week from a Sunday", "UTC", "2016-02-07T05:00Z", StartOfWeek, "2016-02-07T00:00Z"},
		{"week across a month", "America/Los_Angeles", "2017-03-01T12:00Z", StartOfWeek, "2017-02-26T08:00Z"},
		{"month in LA", "America/Los_Angeles", "2016-11-20T12:00Z", StartOfMonth, "2016-11-01T07:00Z"},
		{"month, local date before the UTC date", "America/Los_Angeles", "2016-12-01T05:00Z", StartOfMonth, "2016-11-01T07:00Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := FormatDateTime(tc.fn(mustTime(t, tc.at), mustZone(t, tc.zone)))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestMoveToEnd(t *testing.T) {
	oddHost(t)
	tests := []struct {
		name, zone, at string
		e              EndOf
		want           string
	}{
		{"end of day always moves, even from midnight", "UTC", "2009-01-01T00:00Z", EndOfDay, "2009-01-02T00:00Z"},
		{"end of day in LA", "America/Los_Angeles", "2009-01-01T08:01Z", EndOfDay, "2009-01-02T08:00Z"},
		{"end of day onto the DST day", "America/Los_Angeles", "2009-03-07T09:00Z", EndOfDay, "2009-03-08T08:00Z"},
		{"end of month from Jan 31", "UTC", "2009-01-31T08:00Z", EndOfMonth, "2009-02-01T00:00Z"},
		{"end of month in LA", "America/Los_Angeles", "2009-02-01T08:00Z", EndOfMonth, "2009-03-01T08:00Z"},
		{"end of month from December", "UTC", "2009-12-31T08:00Z", EndOfMonth, "2010-01-01T00:00Z"},
		{"end of week from a Wednesday", "UTC", "2016-02-03T01:00Z", EndOfWeek, "2016-02-07T00:00Z"},
		{"end of week from a Sunday midnight", "UTC", "2016-02-07T00:00Z", EndOfWeek, "2016-02-14T00:00Z"},
		{"end of week in LA", "America/Los_Angeles", "2017-01-04T08:00Z", EndOfWeek, "2017-01-08T08:00Z"},
		{"unknown flag is a no-op", "UTC", "2016-02-03T01:00Z", EndOf(0), "2016-02-03T01:00Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := FormatDateTime(MoveToEnd(mustTime(t, tc.at), mustZone(t, tc.zone), tc.e))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestFieldString(t *testing.T) {
	got := []string{Minute.String(), Hour.String(), Day.String(), Week.String(), Month.String(), Year.String(), Field(9).String()}
	want := []string{"MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "YEAR", "Field(9)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestCivilRoundTrip(t *testing.T) {
	for day := int64(-800000); day <= 800000; day += 997 {
		y, m, d := civil(day)
		if back := daysFromCivil(y, m, d); back != day {
			t.Fatalf("daysFromCivil(civil(%d)) = %d", day, back)
		}
		gy, gm, gd := gregorianCivil(day)
		if back := daysFromGregorian(gy, gm, gd); back != day {
			t.Fatalf("daysFromGregorian(gregorianCivil(%d)) = %d", day, back)
		}
		if want := time.Unix(day*secondsPerDay, 0).UTC(); int(gy) != want.Year() || gm != want.Month() || int(gd) != want.Day() {
			t.Fatalf("gregorianCivil(%d) = %d-%d-%d, want %v", day, gy, gm, gd, want)
		}
		if day >= cutoverDay && (gy != y || gm != m || gd != d) {
			t.Fatalf("civil(%d) = %d-%d-%d after the cutover, want the Gregorian %d-%d-%d", day, y, m, d, gy, gm, gd)
		}
	}
}
