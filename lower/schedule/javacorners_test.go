package schedule

import (
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler/cron"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/google/go-cmp/cmp"
)

// The corners of issue 19, with the expectations OpenJDK 17.0.15 (tzdata
// 2025a) and Quartz 2.3.2 computed through testdata/oracle/Oracle.java.

func TestJavaCornerNominals(t *testing.T) {
	days := ir.Frequency{Resolved: true, N: 1, Unit: ir.UnitDay, EndOf: ir.EndOfNone}
	for _, tc := range []struct {
		name, zone, start, end string
		wantMillis             []int64
	}{
		// Monrovia leaves its -00:44:30 offset on 1972-01-07: the nominal
		// times keep the 30 seconds (Oozie prints them to the minute).
		{"seconds", "Africa/Monrovia", "1972-01-05T12:00Z", "1972-01-10T12:00Z",
			[]int64{63460800000, 63547200000, 63630930000, 63717330000, 63803730000, 63890130000}},
		// Java ignores New York's 1883-11-18 switch from local mean time.
		{"before 1900", "America/New_York", "1883-11-16T12:00Z", "1883-11-21T12:00Z",
			[]int64{-2717841600000, -2717755200000, -2717668800000, -2717582400000, -2717496000000}},
		// Julian 1582-10-04 is followed by Gregorian 1582-10-15.
		{"cutover", "UTC", "1582-10-03T12:00Z", "1582-10-16T00:00Z",
			[]int64{-12219422400000, -12219336000000, -12219249600000}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []int64
			it := Nominals(coordinator(t, tc.start, tc.end, tc.zone, days))
			for n, ok := it.Next(); ok; n, ok = it.Next() {
				got = append(got, n.Time.UnixMilli())
			}
			if diff := cmp.Diff(tc.wantMillis, got); diff != "" {
				t.Errorf("nominal times (-Java +coordc):\n%s", diff)
			}
		})
	}
	cutover := nominals(coordinator(t, "1582-10-03T12:00Z", "1582-10-16T00:00Z", "UTC", days))
	if diff := cmp.Diff([]string{"1582-10-03T12:00Z", "1582-10-04T12:00Z", "1582-10-15T12:00Z"}, cutover); diff != "" {
		t.Errorf("cutover nominal times (-Java +coordc):\n%s", diff)
	}
}

func TestJavaCornerInstances(t *testing.T) {
	// Instances of a nominal time with seconds (Monrovia, 1972-01-07T11:15:30Z).
	d := mkDataset(t, "ds", dsSpec{Frequency: float64(360), TimeUnit: "MINUTE", EndOfDuration: "NONE",
		InitialInstance: "1971-01-01T00:00Z", Timezone: "Africa/Monrovia"})
	c := coordinator(t, "1972-01-05T12:00Z", "1972-01-10T12:00Z", "Africa/Monrovia",
		ir.Frequency{Resolved: true, N: 1, Unit: ir.UnitDay, EndOf: ir.EndOfNone})
	c.Inputs = []*ir.DataIn{rangeIn(t, "in", d, "${coord:current(-1)}", "${coord:current(0)}")}
	c.Datasets = []*ir.Dataset{d}
	act, diags := ActionAt(c, time.UnixMilli(63630930000).UTC(), Options{})
	if diags.HasErrors() || act == nil {
		t.Fatalf("ActionAt: %v", diags)
	}
	if got, want := strings.Join(act.Inputs[0].URIs, ","), "1972-01-07T06:00Z,1972-01-07T00:00Z"; got != want {
		t.Errorf("instances = %s, Java %s", got, want)
	}
	// coord:offset adds its unit's Calendar field too: NONE with 0 is the
	// current instance, CRON (ERA) with a positive amount changes nothing
	// and with a negative one lands in BC, before the initial instance, so
	// the instance is empty (Oozie's CoordELFunctions.coord_offset_sync).
	for _, tc := range []struct{ instance, want string }{
		{"${coord:offset(0, 'NONE')}", "1972-01-07T06:00Z"},
		{"${coord:offset(2, 'CRON')}", "1972-01-07T06:00Z"},
		{"${coord:offset(-1, 'CRON')}", ""},
	} {
		c.Inputs = []*ir.DataIn{dataIn(t, "in", d, tc.instance)}
		act, diags := ActionAt(c, time.UnixMilli(63630930000).UTC(), Options{})
		if diags.HasErrors() || act == nil {
			t.Fatalf("%s: ActionAt: %v", tc.instance, diags)
		}
		if got := strings.Join(act.Inputs[0].URIs, ","); got != tc.want {
			t.Errorf("%s = %q, want %q", tc.instance, got, tc.want)
		}
	}
	// Colombo's 1942-01-05 change at midnight: local 00:30 exists, 24 hours.
	if got := hoursInDay(tm(t, "1942-01-05T12:00Z"), zone(t, "Asia/Colombo")); got != 24 {
		t.Errorf("hoursInDay(Colombo, 1942-01-05) = %d, Java 24", got)
	}
}

func TestJavaCornerCronLoops(t *testing.T) {
	e := mustCron(t, "40 15 L-28W * ?")
	next, ok := e.Next(tm(t, "2033-12-02T15:40Z"))
	if !ok || next.UnixMilli() != 2019915600000 {
		t.Errorf("Next = %v %v, Quartz 2034-01-03T15:40Z", next, ok)
	}
	if !e.Loops(next) {
		t.Errorf("Loops(%s) = false; Quartz never returns", oozietime.FormatDateTime(next))
	}
	c := coordinator(t, "2033-06-01T00:00Z", "2036-01-01T00:00Z", "UTC",
		ir.Frequency{Resolved: true, Unit: ir.UnitCron, Cron: "40 15 L-28W * ?", EndOf: ir.EndOfNone})
	c.Frequency.Text = text(t, "40 15 L-28W * ?")
	n := 0
	diags := Walk(c, Options{}, func(*Action) bool { n++; return true })
	if n != 8 || !strings.Contains(diagText(diags), "stops after the last action, 2034-01-03T15:40Z: Oozie would hang") {
		t.Errorf("Walk: %d actions, diagnostics %q; want 8 and why the schedule stops", n, diagText(diags))
	}
	if _, err := cron.Parse("0 0 0W * ?"); err == nil || !strings.Contains(err.Error(), "would hang") {
		t.Errorf("Parse(0W) = %v, want an error saying Oozie would hang", err)
	}
}

// mustCron parses a cron expression the test knows to be valid.
func mustCron(t *testing.T, expr string) *cron.Expr {
	t.Helper()
	e, err := cron.Parse(expr)
	if err != nil {
		t.Fatalf("cron.Parse(%q): %v", expr, err)
	}
	return e
}
