package schedule

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/compiler/ir"
)

// TestEventTimes: every event lists its instance times beside its URIs,
// and Until ends the latest instance's period, so the window of yesterday's
// hours is 23 hours long on the spring-forward day and 24 otherwise.
func TestEventTimes(t *testing.T) {
	hourly := mkDataset(t, "h", dsSpec{Frequency: 60.0, TimeUnit: "MINUTE", InitialInstance: "2009-01-01T08:00Z", Timezone: "America/Los_Angeles"})
	c := coordinator(t, "2009-03-08T08:00Z", "2009-03-11T07:00Z", "America/Los_Angeles", frequency(t, 1.0, "DAY", ""))
	c.Inputs = []*ir.DataIn{rangeIn(t, "yesterday", hourly, "${coord:current(-(coord:hoursInDay(-1)))}", "${coord:current(-1)}")}
	var got []string
	diags := Walk(c, Options{}, func(a *Action) bool {
		ev := a.Inputs[0]
		if len(ev.Times) != len(ev.URIs) {
			t.Fatalf("action %d: %d times for %d URIs", a.Number, len(ev.Times), len(ev.URIs))
		}
		earliest := ev.Times[0]
		for i, tm := range ev.Times {
			if tm.Before(earliest) {
				earliest = tm
			}
			if want := tm.Format("2006-01-02T15:04Z"); ev.URIs[i] != want {
				t.Errorf("action %d: URI %q for time %s", a.Number, ev.URIs[i], want)
			}
		}
		got = append(got, ev.Until.Sub(earliest).String())
		if !ev.Until.Equal(a.Nominal) {
			t.Errorf("action %d: window ends %v, want the nominal time %v", a.Number, ev.Until, a.Nominal)
		}
		return true
	})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	want := []string{(24 * time.Hour).String(), (23 * time.Hour).String(), (24 * time.Hour).String()}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("window lengths (-want +got):\n%s", diff)
	}
}
