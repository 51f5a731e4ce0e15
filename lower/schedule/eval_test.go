package schedule

import (
	"testing"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/google/go-cmp/cmp"
)

func TestEvalDataIn(t *testing.T) {
	daily := mkDataset(t, "daily", dsSpec{Frequency: 1.0, TimeUnit: "DAY", InitialInstance: "2009-01-01T00:00Z", Timezone: "UTC"})
	hourly := mkDataset(t, "hourly", dsSpec{Frequency: 60.0, TimeUnit: "MINUTE", InitialInstance: "2009-01-01T00:00Z", Timezone: "UTC"})
	for _, tc := range []struct {
		name            string
		dataset, dataIn string
		want            string
		wantErr         string
		// added is the name of the data-in appended to the coordinator.
		added string
	}{
		{name: "neither: action configuration"},
		{name: "data-in by name", dataIn: "today", want: "today"},
		{name: "unknown data-in", dataIn: "nope", wantErr: `the coordinator has no data-in "nope"`},
		{name: "dataset of a data-in: its first data-in", dataset: "daily", want: "yesterday"},
		{name: "dataset without a data-in: a synthetic one", dataset: "hourly", want: "eval:hourly", added: "eval:hourly"},
		{name: "unknown dataset", dataset: "nope", wantErr: `the coordinator has no dataset "nope"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := coordinator(t, "2009-01-01T00:00Z", "2009-02-01T00:00Z", "UTC", frequency(t, 1.0, "DAY", "NONE"))
			c.Datasets = []*ir.Dataset{daily, hourly}
			c.Inputs = []*ir.DataIn{dataIn(t, "yesterday", daily, "${coord:current(-1)}"), dataIn(t, "today", daily, "${coord:current(0)}")}
			got, err := EvalDataIn(c, tc.dataset, tc.dataIn)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if got != tc.want || gotErr != tc.wantErr {
				t.Fatalf("EvalDataIn(%q, %q) = %q, %q; want %q, %q", tc.dataset, tc.dataIn, got, gotErr, tc.want, tc.wantErr)
			}
			var names []string
			for _, in := range c.Inputs[2:] {
				names = append(names, in.Name+" of "+in.Dataset.Name)
			}
			var want []string
			if tc.added != "" {
				want = []string{tc.added + " of " + tc.dataset}
			}
			if d := cmp.Diff(want, names); d != "" {
				t.Errorf("data-ins added (-want +got):\n%s", d)
			}
		})
	}
}
