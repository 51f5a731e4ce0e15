package cron

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestNextFeatures walks the next fires of one expression per Quartz field
// feature. Expected values are worked out by hand from Quartz's rules.
func TestNextFeatures(t *testing.T) {
	tests := []struct {
		name, expr, after string
		want              []string
	}{
		{"list", "10,20 * * * *", "2013-07-18T00:15Z", []string{"2013-07-18T00:20Z", "2013-07-18T01:10Z", "2013-07-18T01:20Z"}},
		{"range", "58-59 23 * * *", "2013-07-18T00:00Z", []string{"2013-07-18T23:58Z", "2013-07-18T23:59Z", "2013-07-19T23:58Z"}},
		{"star every minute", "* * * * *", "2013-12-31T23:58Z", []string{"2013-12-31T23:59Z", "2014-01-01T00:00Z"}},
		{"increment from start", "10/20 * * * *", "2013-07-18T00:50Z", []string{"2013-07-18T01:10Z", "2013-07-18T01:30Z", "2013-07-18T01:50Z"}},
		{"star increment", "*/25 * * * *", "2013-07-18T00:00Z", []string{"2013-07-18T00:25Z", "2013-07-18T00:50Z", "2013-07-18T01:00Z"}},
		{"slash without star", "/30 * * * *", "2013-07-18T00:00Z", []string{"2013-07-18T00:30Z", "2013-07-18T01:00Z"}},
		{"range increment", "0 1-10/4 * * *", "2013-07-18T00:00Z", []string{"2013-07-18T01:00Z", "2013-07-18T05:00Z", "2013-07-18T09:00Z", "2013-07-19T01:00Z"}},
		{"month increment does not wrap", "0 0 1 7/6 ?", "2013-01-01T00:00Z", []string{"2013-07-01T00:00Z", "2014-07-01T00:00Z"}},
		{"wrapping hours", "0 22-2 * * *", "2013-07-18T00:30Z", []string{"2013-07-18T01:00Z", "2013-07-18T02:00Z", "2013-07-18T22:00Z", "2013-07-18T23:00Z", "2013-07-19T00:00Z"}},
		{"wrapping minutes with step", "50-10/10 0 * * *", "2013-07-18T00:00Z", []string{"2013-07-18T00:10Z", "2013-07-18T00:50Z", "2013-07-19T00:00Z"}},
		{"wrapping months", "0 0 1 NOV-FEB ?", "2013-03-01T00:00Z", []string{"2013-11-01T00:00Z", "2013-12-01T00:00Z", "2014-01-01T00:00Z", "2014-02-01T00:00Z", "2014-11-01T00:00Z"}},
		{"wrapping weekdays", "0 0 ? * FRI-MON", "2013-07-17T00:00Z", []string{"2013-07-19T00:00Z", "2013-07-20T00:00Z", "2013-07-21T00:00Z", "2013-07-22T00:00Z", "2013-07-26T00:00Z"}},
		{"day names any case, three letters read", "0 0 ? * wednesday", "2013-07-18T00:00Z", []string{"2013-07-24T00:00Z"}},
		{"month names", "0 0 1 jan,Jul ?", "2013-02-01T00:00Z", []string{"2013-07-01T00:00Z", "2014-01-01T00:00Z"}},
		{"sunday is 1, saturday is 7", "0 0 ? * 1,7", "2013-07-18T00:00Z", []string{"2013-07-20T00:00Z", "2013-07-21T00:00Z", "2013-07-27T00:00Z"}},
		{"dow L alone is saturday", "0 0 ? * L", "2013-07-18T00:00Z", []string{"2013-07-20T00:00Z", "2013-07-27T00:00Z"}},
		{"last day of month", "0 0 L * ?", "2013-01-31T00:00Z", []string{"2013-02-28T00:00Z", "2013-03-31T00:00Z"}},
		{"last day leap February", "0 0 L 2 ?", "2015-03-01T00:00Z", []string{"2016-02-29T00:00Z", "2017-02-28T00:00Z"}},
		{"L-n", "1 2 L-3 * *", "2013-07-18T00:00Z", []string{"2013-07-28T02:01Z", "2013-08-28T02:01Z", "2013-09-27T02:01Z"}},
		{"L-n beyond short months", "0 0 L-30 * ?", "2013-01-01T00:00Z", []string{"2013-03-01T00:00Z", "2013-05-01T00:00Z", "2013-07-01T00:00Z"}},
		{"nearest weekday", "1 2 6W 3 ?", "2013-07-18T00:00Z", []string{"2014-03-06T02:01Z", "2015-03-06T02:01Z", "2016-03-07T02:01Z", "2017-03-06T02:01Z", "2018-03-06T02:01Z", "2019-03-06T02:01Z", "2020-03-06T02:01Z"}},
		{"1W does not cross into previous month", "0 0 1W * ?", "2013-05-31T00:00Z", []string{"2013-06-03T00:00Z", "2013-07-01T00:00Z"}},
		{"last weekday", "0 0 LW * ?", "2013-03-01T00:00Z", []string{"2013-03-29T00:00Z", "2013-04-30T00:00Z", "2013-05-31T00:00Z", "2013-06-28T00:00Z"}},
		{"L-nW", "0 0 L-1W * ?", "2013-06-01T00:00Z", []string{"2013-06-28T00:00Z", "2013-07-30T00:00Z"}},
		{"last friday", "0 0 ? * 6L", "2013-07-01T00:00Z", []string{"2013-07-26T00:00Z", "2013-08-30T00:00Z"}},
		{"last friday by name", "0 0 ? * FRIL", "2013-07-01T00:00Z", []string{"2013-07-26T00:00Z"}},
		{"nth weekday", "1 2 * 3 3#2", "2013-07-18T00:00Z", []string{"2014-03-11T02:01Z", "2015-03-10T02:01Z"}},
		{"fifth thursday skips months with four", "0 0 ? * 5#5", "2013-07-01T00:00Z", []string{"2013-08-29T00:00Z", "2013-10-31T00:00Z"}},
		{"nth weekday by name", "0 0 ? * MON#1", "2013-07-02T00:00Z", []string{"2013-08-05T00:00Z"}},
		{"day-of-month skips short months", "0 0 31 * ?", "2013-01-31T00:00Z", []string{"2013-03-31T00:00Z", "2013-05-31T00:00Z"}},
		{"OR of day-of-month and day-of-week", "20-30 * 20 5-7 4,5", "2013-07-18T00:20Z", []string{"2013-07-18T00:21Z"}},
		{"OR picks the day-of-month side", "0 0 20 7 2", "2013-07-16T00:00Z", []string{"2013-07-20T00:00Z", "2013-07-22T00:00Z"}},
		{"star day-of-month becomes ?", "0 0 * * 2", "2013-07-18T00:00Z", []string{"2013-07-22T00:00Z"}},
		{"star day-of-week becomes ?", "0 0 20 * *", "2013-07-18T00:00Z", []string{"2013-07-20T00:00Z", "2013-08-20T00:00Z"}},
		{"spec example: January weekdays or 30th", "0 * 30 JAN 2-6", "2013-07-18T00:00Z", []string{"2014-01-01T00:00Z", "2014-01-01T01:00Z"}},
		{"never", "0 10 30 2 *", "2013-07-18T00:00Z", []string{"never"}},
		{"trailing text ignored", "5X 1 * * *", "2013-07-18T00:00Z", []string{"2013-07-18T01:05Z"}},
		{"zero increment is every value", "*/0 0 * * *", "2013-07-18T00:58Z", []string{"2013-07-18T00:59Z", "2013-07-19T00:00Z"}},
		{"before 1970 starts in 1970", "0 0 1 1 ?", "1960-05-05T00:00Z", []string{"1970-01-01T00:00Z"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := fires(t, tc.expr, tc.after, len(tc.want))
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("%q after %s (-want +got):\n%s", tc.expr, tc.after, d)
			}
		})
	}
}

// TestNextQuartzQuirks pins down Quartz behaviour that a plain reading of
// the syntax would not predict.
func TestNextQuartzQuirks(t *testing.T) {
	// 31W in a 30-day month: Java's lenient calendar reads "April 31" as
	// May 1, a Saturday in 2021, so the nearest weekday is Friday April 30.
	if d := cmp.Diff([]string{"2021-03-31T00:00Z", "2021-04-30T00:00Z", "2021-05-31T00:00Z", "2021-07-30T00:00Z"},
		fires(t, "0 0 31W * ?", "2021-03-30T00:00Z", 4)); d != "" {
		t.Errorf("31W (-want +got):\n%s", d)
	}
	// With W only the smallest day counts.
	if d := cmp.Diff([]string{"2013-08-01T00:00Z"}, fires(t, "0 0 15,1W * ?", "2013-07-02T00:00Z", 1)); d != "" {
		t.Errorf("W list (-want +got):\n%s", d)
	}
	// L-30W makes Quartz bounce between January and February forever;
	// coordc reports no fire instead of hanging.
	if d := cmp.Diff([]string{"never"}, fires(t, "0 0 L-30W * ?", "2013-01-02T00:00Z", 1)); d != "" {
		t.Errorf("L-30W (-want +got):\n%s", d)
	}
}

func TestNextHorizon(t *testing.T) {
	e := MustParse("0 0 29 2 ?")
	// Feb 29 2096 is within after's year + 100; 2104 is not reachable from 2003.
	if got, ok := e.Next(mustTime(t, "2096-03-01T00:00Z")); !ok || got.Format(layout) != "2104-02-29T00:00Z" {
		t.Errorf("Next = %v, %v; want 2104-02-29T00:00Z", got, ok)
	}
	e = MustParse("0 0 1 1 ?")
	if _, ok := e.Next(mustTime(t, "2999-06-01T00:00Z")); ok {
		t.Error("Quartz stops after year 2999")
	}
	if got, ok := e.Next(mustTime(t, "2013-01-01T00:00Z").Add(-time.Nanosecond)); !ok || got.Format(layout) != "2013-01-01T00:00Z" {
		t.Errorf("sub-minute after: got %v, %v", got, ok)
	}
}

// TestNextIgnoresLocalTimezone proves results do not depend on the host
// timezone: inputs in another zone are the same instants.
func TestNextIgnoresLocalTimezone(t *testing.T) {
	t.Setenv("TZ", "America/Los_Angeles")
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Skipf("no tzdata: %v", err)
	}
	saved := time.Local
	time.Local = la
	defer func() { time.Local = saved }()
	e := MustParse("10 23 * * *")
	after := time.Date(2016, 3, 12, 15, 0, 0, 0, la) // 23:00Z
	got, ok := e.Next(after)
	if !ok || got.Location() != time.UTC || got.Format(layout) != "2016-03-12T23:10Z" {
		t.Errorf("Next = %v, %v; want 2016-03-12T23:10Z in UTC", got, ok)
	}
}
