package schedule

import (
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/google/go-cmp/cmp"
)

// flagged renders a nominal time with its flags: "2016-03-13T09:30Z dst-gap-shifted,dst-transition-day".
func flagged(n Nominal) string {
	s := oozietime.FormatDateTime(n.Time)
	if len(n.Flags) > 0 {
		s += " " + strings.Join(n.Flags, ",")
	}
	return s
}

// Golden DST schedules. Transitions used below (UTC instants):
// Los Angeles 2016: 03-13 10:00Z (02:00 PST → 03:00 PDT), 11-06 09:00Z (02:00 PDT → 01:00 PST);
// Berlin 2016: 03-27 01:00Z (02:00 CET → 03:00 CEST);
// Sydney 2016: 04-02 16:00Z (03:00 AEDT → 02:00 AEST), 10-01 16:00Z (02:00 AEST → 03:00 AEDT).
func TestNominalsDSTGolden(t *testing.T) {
	for _, tz := range []string{"UTC", "Asia/Kathmandu", "America/Los_Angeles"} {
		t.Run("host-"+tz, func(t *testing.T) {
			t.Setenv("TZ", tz) // the host zone must not change anything
			for _, tc := range []struct {
				name, start, end, zone, freq string
				want                         []string
			}{
				{"daily LA 02:30 into the spring gap moves an hour earlier", "2016-03-11T10:30Z", "2016-03-16T00:00Z", "America/Los_Angeles", "${coord:days(1)}", []string{
					"2016-03-11T10:30Z", "2016-03-12T10:30Z",
					"2016-03-13T09:30Z dst-gap-shifted,dst-transition-day", // 01:30 PST
					"2016-03-14T09:30Z", "2016-03-15T09:30Z"}},
				{"daily LA 01:30 PDT keeps the first occurrence on fall-back day", "2016-11-04T08:30Z", "2016-11-08T00:00Z", "America/Los_Angeles", "${coord:days(1)}", []string{
					"2016-11-04T08:30Z", "2016-11-05T08:30Z",
					"2016-11-06T08:30Z dst-overlap,dst-transition-day",
					"2016-11-07T09:30Z"}},
				{"monthly LA 02:30 into the spring gap moves an hour later", "2016-02-13T10:30Z", "2016-04-01T00:00Z", "America/Los_Angeles", "${coord:months(1)}", []string{
					"2016-02-13T10:30Z",
					"2016-03-13T10:30Z dst-gap-shifted,dst-transition-day"}}, // 03:30 PDT
				{"monthly LA 01:30 PDT lands on the second occurrence", "2016-10-06T08:30Z", "2016-12-01T00:00Z", "America/Los_Angeles", "${coord:months(1)}", []string{
					"2016-10-06T08:30Z",
					"2016-11-06T09:30Z dst-overlap,dst-transition-day"}}, // 01:30 PST
				{"monthly from Jan 31 clamps without drifting", "2016-01-31T00:00Z", "2016-06-01T00:00Z", "UTC", "${coord:months(1)}", []string{
					"2016-01-31T00:00Z", "2016-02-29T00:00Z month-end-clamped", "2016-03-31T00:00Z",
					"2016-04-30T00:00Z month-end-clamped", "2016-05-31T00:00Z"}},
				{"endOfDays from a Berlin midnight skips to the next midnight", "2016-03-26T23:00Z", "2016-03-30T00:00Z", "Europe/Berlin", "${coord:endOfDays(1)}", []string{
					"2016-03-27T22:00Z", "2016-03-28T22:00Z", "2016-03-29T22:00Z"}}, // 00:00 CEST
				{"endOfDays across the Berlin spring transition", "2016-03-24T23:00Z", "2016-03-28T00:00Z", "Europe/Berlin", "${coord:endOfDays(1)}", []string{
					"2016-03-25T23:00Z", "2016-03-26T23:00Z dst-transition-day", "2016-03-27T22:00Z"}},
				{"endOfMonths from a Sydney month start skips a month", "2016-03-31T13:00Z", "2016-08-01T00:00Z", "Australia/Sydney", "${coord:endOfMonths(1)}", []string{
					"2016-04-30T14:00Z", "2016-05-31T14:00Z", "2016-06-30T14:00Z", "2016-07-31T14:00Z"}},
				{"daily Sydney 02:30 into the spring gap", "2016-09-30T16:30Z", "2016-10-04T00:00Z", "Australia/Sydney", "${coord:days(1)}", []string{
					"2016-09-30T16:30Z",
					"2016-10-01T15:30Z dst-gap-shifted,dst-transition-day", // 01:30 AEST
					"2016-10-02T15:30Z", "2016-10-03T15:30Z"}},
				{"daily Sydney 02:30 AEDT on fall-back day", "2016-04-01T15:30Z", "2016-04-04T00:00Z", "Australia/Sydney", "${coord:days(1)}", []string{
					"2016-04-01T15:30Z",
					"2016-04-02T15:30Z dst-overlap,dst-transition-day",
					"2016-04-03T16:30Z"}},
				{"cron daily in Berlin is corrected after the transition", "2016-03-25T23:10Z", "2016-03-29T00:00Z", "Europe/Berlin", "10 23 * * *", []string{
					"2016-03-25T23:10Z",
					"2016-03-26T23:10Z dst-transition-day",
					"2016-03-27T22:10Z cron-dst-corrected",
					"2016-03-28T22:10Z cron-dst-corrected"}},
				{"hours(24) drifts in local time", "2016-03-12T23:10Z", "2016-03-15T00:00Z", "America/Los_Angeles", "${coord:hours(24)}", []string{
					"2016-03-12T23:10Z", "2016-03-13T23:10Z dst-transition-day", "2016-03-14T23:10Z"}},
			} {
				t.Run(tc.name, func(t *testing.T) {
					c := coordinator(t, tc.start, tc.end, tc.zone, frequency(t, tc.freq, "", ""))
					var got []string
					it := Nominals(c)
					for n, ok := it.Next(); ok; n, ok = it.Next() {
						got = append(got, flagged(n))
						if n.Number != len(got) {
							t.Errorf("number %d at position %d", n.Number, len(got))
						}
					}
					if diff := cmp.Diff(tc.want, got); diff != "" {
						t.Errorf("(-want +got):\n%s", diff)
					}
				})
			}
		})
	}
}

// A cron fire ≥ 24 h after a start that is not itself a fire time is
// corrected too (SEMANTICS §5.3 example: 10 */20 5-7 11 * from January).
func TestCronFirstActionCorrection(t *testing.T) {
	c := coordinator(t, "2016-01-01T00:00Z", "2016-11-06T00:00Z", "America/Los_Angeles", frequency(t, "10 */20 5-7 11 *", "CRON", ""))
	got := nominals(c)
	want := []string{"2016-11-04T23:10Z", "2016-11-05T20:10Z"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestNominalsNotComputable(t *testing.T) {
	c := coordinator(t, "2016-01-01T00:00Z", "2016-02-01T00:00Z", "UTC", ir.Frequency{})
	it := Nominals(c)
	if _, ok := it.Next(); ok || it.Err() == nil {
		t.Fatal("want no nominal times and an error")
	}
	diags := Walk(c, Options{}, func(*Action) bool { t.Fatal("no action expected"); return false })
	if len(diags) != 1 || diags.HasErrors() || !strings.Contains(diags[0].Summary, "frequency is not known") {
		t.Errorf("diags = %v", diags)
	}
}

// Walk's window must select exactly what filtering the full schedule gives,
// whatever the unit (seek jumps for integer frequencies).
func TestWalkWindow(t *testing.T) {
	for _, freq := range []string{"${coord:minutes(5)}", "${coord:hours(3)}", "${coord:days(1)}", "${coord:days(3)}", "${coord:months(1)}", "${coord:endOfMonths(2)}", "${coord:endOfWeeks(1)}", "0 10 * * 1,4"} {
		c := coordinator(t, "2015-01-31T10:00Z", "2019-01-01T00:00Z", "America/Los_Angeles", frequency(t, freq, "", ""))
		all := Nominals(c)
		var full []Nominal
		for n, ok := all.Next(); ok; n, ok = all.Next() {
			full = append(full, n)
		}
		for _, w := range [][2]string{{"2016-03-13T00:00Z", "2016-03-20T00:00Z"}, {"2017-11-05T09:00Z", "2018-02-01T00:00Z"}, {"2014-01-01T00:00Z", "2015-03-01T00:00Z"}} {
			from, to := tm(t, w[0]), tm(t, w[1])
			var want, got []int
			for _, n := range full {
				if !n.Time.Before(from) && n.Time.Before(to) {
					want = append(want, n.Number)
				}
			}
			Walk(c, Options{From: from, To: to}, func(a *Action) bool { got = append(got, a.Number); return true })
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s window %v (-want +got):\n%s", freq, w, diff)
			}
			got = got[:0]
			Walk(c, Options{From: from, To: to, Count: 2}, func(a *Action) bool { got = append(got, a.Number); return true })
			if len(want) > 2 {
				want = want[:2]
			}
			if diff := cmp.Diff(want, got, cmpNilEmpty); diff != "" {
				t.Errorf("%s window %v count 2 (-want +got):\n%s", freq, w, diff)
			}
		}
	}
}

var cmpNilEmpty = cmp.Transformer("nilEmpty", func(s []int) []int {
	if len(s) == 0 {
		return nil
	}
	return s
})

func TestActionAtNotNominal(t *testing.T) {
	c := coordinator(t, "2016-01-01T00:00Z", "2016-02-01T00:00Z", "UTC", frequency(t, "${coord:days(1)}", "", ""))
	_, diags := ActionAt(c, tm(t, "2016-01-05T12:00Z"), Options{})
	if !diags.HasErrors() || !strings.Contains(diags[0].Detail, "2016-01-05T00:00Z (action 5) and 2016-01-06T00:00Z (action 6)") {
		t.Errorf("diags = %v", diagText(diags))
	}
	act, diags := ActionAt(c, tm(t, "2016-01-05T00:00Z"), Options{})
	if diags.HasErrors() || act.Number != 5 || act.Local.Location() != c.Timezone.Location {
		t.Errorf("action = %+v, %v", act, diags)
	}
}
