package schedule

import (
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/google/go-cmp/cmp"
)

// stamp renders instances as their own timestamps, so URIs read as times.
const stamp = "${YEAR}-${MONTH}-${DAY}T${HOUR}:${MINUTE}Z"

func monthly31(t *testing.T) *ir.Dataset {
	return mkDataset(t, "m", dsSpec{Frequency: 1.0, TimeUnit: "MONTH", InitialInstance: "2009-01-31T00:00Z", Timezone: "UTC", URITemplate: stamp, DoneFlag: ptr("")})
}

func TestInstanceRules(t *testing.T) {
	t.Setenv("TZ", "Australia/Lord_Howe")
	hourlyLA := func(t *testing.T) *ir.Dataset {
		return mkDataset(t, "h", dsSpec{Frequency: 60.0, TimeUnit: "MINUTE", InitialInstance: "2009-01-01T00:30Z", Timezone: "America/Los_Angeles", URITemplate: stamp})
	}
	for _, tc := range []struct {
		name       string
		nominal    string
		in         func(t *testing.T) *ir.DataIn
		want       []string
		unresolved string
	}{
		{"current(0) of a day-31 monthly dataset is after the nominal time", "2009-03-30T00:00Z",
			func(t *testing.T) *ir.DataIn { return dataIn(t, "in", monthly31(t), "${coord:current(0)}") },
			[]string{"2009-03-31T00:00Z"}, ""},
		{"listed currents are each one calendar add from I*", "2009-06-15T00:00Z",
			func(t *testing.T) *ir.DataIn {
				return dataIn(t, "in", monthly31(t), "${coord:current(-2)}", "${coord:current(-1)}", "${coord:current(0)}")
			},
			[]string{"2009-03-31T00:00Z", "2009-04-30T00:00Z", "2009-05-31T00:00Z"}, ""},
		{"a current range steps by repeated addition and drifts, newest first", "2009-06-15T00:00Z",
			func(t *testing.T) *ir.DataIn {
				return rangeIn(t, "in", monthly31(t), "${coord:current(-2)}", "${coord:current(0)}")
			},
			[]string{"2009-05-30T00:00Z", "2009-04-30T00:00Z", "2009-03-31T00:00Z"}, ""},
		{"range arguments are truncated like (int) Double.parseDouble", "2009-06-15T00:00Z",
			func(t *testing.T) *ir.DataIn {
				return rangeIn(t, "in", monthly31(t), "${coord:current(-1.7)}", "${coord:current(-1 + 1)}")
			},
			[]string{"2009-05-30T00:00Z", "2009-04-30T00:00Z"}, ""},
		{"instances before I* are dropped", "2009-02-01T00:00Z",
			func(t *testing.T) *ir.DataIn {
				return dataIn(t, "in", monthly31(t), "${coord:current(-3)}", "${coord:current(0)}")
			},
			[]string{"2009-01-31T00:00Z"}, ""},
		{"an empty instance text contributes nothing", "2009-01-01T00:00Z",
			func(t *testing.T) *ir.DataIn { return dataIn(t, "in", monthly31(t), "${coord:current(0)}") },
			nil, ""},
		{"latest and future stay unresolved without storage", "2009-06-15T00:00Z",
			func(t *testing.T) *ir.DataIn {
				return dataIn(t, "in", monthly31(t), "${coord:latest(-1)}", "${coord:current(0)}", "${coord:future(0, 3)}")
			},
			[]string{"2009-05-31T00:00Z"}, "${coord:latest(-1)}#${coord:future(0, 3)}"},
		{"a latest range stays unresolved", "2009-06-15T00:00Z",
			func(t *testing.T) *ir.DataIn {
				return rangeIn(t, "in", monthly31(t), "${coord:latest(-2)}", "${coord:latest(0)}")
			},
			nil, "${coord:latestRange(-2,0)}"},
		{"hoursInDay counts dataset steps: an hourly dataset looks at the previous hour", "2009-03-09T07:30Z",
			func(t *testing.T) *ir.DataIn {
				// 00:30 PDT on Mar 9; one hour earlier is Mar 8, a 23-hour day.
				return dataIn(t, "in", hourlyLA(t), "${coord:current(-coord:hoursInDay(-1))}")
			},
			[]string{"2009-03-08T08:30Z"}, ""},
		{"offset ranges list the instances between the raw times, newest first", "2009-03-08T12:00Z",
			func(t *testing.T) *ir.DataIn {
				return rangeIn(t, "in", hourlyLA(t), "${coord:offset(-2, 'HOUR')}", "${coord:offset(0, 'HOUR')}")
			},
			[]string{"2009-03-08T11:30Z", "2009-03-08T10:30Z", "2009-03-08T09:30Z"}, ""},
		{"endOfDays start on a DST day in the dataset zone", "2009-03-08T12:00Z",
			func(t *testing.T) *ir.DataIn {
				return rangeIn(t, "in", hourlyLA(t), "${coord:endOfDays(-1)}", "${coord:current(-3)}")
			},
			// Mar 8 00:00 PST = 08:00Z is not an instance (instances at :30): out of phase.
			nil, "error:initial-instance is not in phase with start-instance"},
		{"start and end must use the same function", "2009-06-15T00:00Z",
			func(t *testing.T) *ir.DataIn {
				return rangeIn(t, "in", monthly31(t), "${coord:current(-1)}", "${coord:latest(0)}")
			},
			nil, "error:start-instance and end-instance both should be either latest or current or future or offset"},
		{"an absolute start needs a current end", "2009-06-15T00:00Z",
			func(t *testing.T) *ir.DataIn {
				return rangeIn(t, "in", monthly31(t), "${coord:absolute('2009-03-31T00:00Z')}", "${coord:latest(0)}")
			},
			nil, "error:Only start-instance as absolute/endOfMonths/endOfWeeks/endOfDays and end-instance as current is supported"},
		{"offset range order is checked on Calendar constants (Oozie bug kept)", "2009-03-08T12:00Z",
			func(t *testing.T) *ir.DataIn {
				return rangeIn(t, "in", hourlyLA(t), "${coord:offset(-1, 'DAY')}", "${coord:offset(-2, 'HOUR')}")
			},
			nil, "error:start-instance should be equal or earlier than the end-instance"},
		{"offset on a drifting monthly dataset hits Oozie's internal check", "2009-06-15T00:00Z",
			func(t *testing.T) *ir.DataIn { return dataIn(t, "in", monthly31(t), "${coord:offset(0, 'MONTH')}") },
			nil, "error:Shouldn't happen"},
		{"absolute in a plain instance is not a datetime", "2009-06-15T00:00Z",
			func(t *testing.T) *ir.DataIn {
				return dataIn(t, "in", monthly31(t), "${coord:absolute('2009-03-31T00:00Z')}")
			},
			nil, "error:is not a datetime"},
		{"dateOffset is not available in an instance", "2009-06-15T00:00Z",
			func(t *testing.T) *ir.DataIn {
				return dataIn(t, "in", monthly31(t), "${coord:dateOffset('2009-03-31T00:00Z', 1, 'DAY')}")
			},
			nil, "error:not allowed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := actionCoord(t, actionSpec{NominalTime: tc.nominal}, tc.in(t))
			act, diags := ActionAt(c, c.Start.Time, Options{})
			if want, ok := strings.CutPrefix(tc.unresolved, "error:"); ok {
				if !diags.HasErrors() || !strings.Contains(diagText(diags), want) {
					t.Fatalf("want an error containing %q, got %v", want, diagText(diags))
				}
				return
			}
			if diags.HasErrors() {
				t.Fatalf("errors: %v", diagText(diags))
			}
			ev := act.Inputs[0]
			if diff := cmp.Diff(tc.want, ev.URIs); diff != "" {
				t.Errorf("uris (-want +got):\n%s", diff)
			}
			if ev.Unresolved != tc.unresolved {
				t.Errorf("unresolved = %q, want %q", ev.Unresolved, tc.unresolved)
			}
		})
	}
}

func TestConfiguration(t *testing.T) {
	d := mkDataset(t, "logs", dsSpec{Frequency: 1.0, TimeUnit: "DAY", InitialInstance: "2009-01-01T00:00Z", Timezone: "UTC", URITemplate: "hdfs://nn/logs/${YEAR}/${MONTH}/${DAY}"})
	c := actionCoord(t, actionSpec{NominalTime: "2009-01-10T06:00Z", Timezone: "America/Los_Angeles", Name: "app"}, rangeIn(t, "in", d, "${coord:current(-1)}", "${coord:current(0)}"))
	c.Inputs = append(c.Inputs, dataIn(t, "late", d, "${coord:latest(0)}"))
	c.Outputs = []*ir.DataOut{{Name: "out", Dataset: d, Instance: text(t, "${coord:current(0)}")}}
	c.Params["queue"] = "q1"
	c.User = "joe"
	prop := func(name, value string) *ir.Property { return &ir.Property{Name: text(t, name), Value: text(t, value)} }
	c.Action = &ir.Action{Configuration: []*ir.Property{
		prop("input", "${coord:dataIn('in')}"),
		prop("late", "${coord:dataIn('late')}"),
		prop("output", "${coord:dataOut('out')}"),
		prop("times", "${coord:nominalTime()} ${coord:actualTime()}"),
		prop("day", "${coord:formatTime(coord:dateOffset(coord:nominalTime(), -1, 'DAY'), 'yyyyMMdd')}"),
		prop("local", "${coord:dateTzOffset(coord:nominalTime(), 'America/Los_Angeles')}"),
		prop("id", "${coord:actionId()} ${coord:name()} ${coord:user()}"),
		prop("conf", "[${coord:conf('queue')}][${coord:conf('missing')}] ${queue}"),
		prop("epoch", "${coord:epochTime(coord:nominalTime(), 'TRUE')}"),
		prop("hours", "${coord:hoursInDay(0)}"),
	}}
	act, diags := ActionAt(c, c.Start.Time, Options{JobID: "0000001-oozie-C", ActualTime: func(n time.Time) time.Time { return n.Add(90 * time.Minute) }})
	want := []Property{
		{"input", "hdfs://nn/logs/2009/01/10,hdfs://nn/logs/2009/01/09"},
		{"late", "${coord:dataIn('late')}"},
		{"output", "hdfs://nn/logs/2009/01/10"},
		{"times", "2009-01-10T06:00Z 2009-01-10T07:30Z"},
		{"day", "20090109"},
		{"local", "2009-01-09T22:00Z"},
		{"id", "0000001-oozie-C@1 app joe"},
		{"conf", "[q1][] q1"},
		{"epoch", "1231567200000"},
		{"hours", "${coord:hoursInDay(0)}"}, // fails in Oozie: kept as written, reported
	}
	if diff := cmp.Diff(want, act.Configuration); diff != "" {
		t.Errorf("configuration (-want +got):\n%s", diff)
	}
	if len(diags) != 1 || diag.CodeOf(diags[0]) != "E1004" || *diags[0].Subject != c.Action.Configuration[9].Value.Range {
		t.Errorf("diags = %v", diagText(diags))
	}
}

func TestDataOutLatestAndForeignURI(t *testing.T) {
	d := mkDataset(t, "logs", dsSpec{Frequency: 1.0, TimeUnit: "DAY", InitialInstance: "2009-01-01T00:00Z", Timezone: "UTC", URITemplate: "hdfs://nn/${YEAR}/${coord:user()}"})
	c := actionCoord(t, actionSpec{NominalTime: "2009-01-10T00:00Z"}, nil)
	c.Outputs = []*ir.DataOut{{Name: "out", Dataset: d, Instance: text(t, "${coord:latest(0)}"), DeclRange: text(t, "out").Range}}
	var n int
	diags := Walk(c, Options{Count: 3}, func(*Action) bool { n++; return true })
	codes := map[string]bool{}
	for _, d := range diags {
		codes[string(diag.CodeOf(d))] = true
	}
	if n != 3 || len(diags) != 2 || !codes["E1006"] || !codes["E1004"] {
		t.Errorf("actions %d, diags %v", n, diagText(diags))
	}
}

func TestEvalInAction(t *testing.T) {
	d := mkDataset(t, "logs", dsSpec{Frequency: 1.0, TimeUnit: "DAY", InitialInstance: "2009-01-01T08:00Z", Timezone: "America/Los_Angeles", URITemplate: stamp})
	c := actionCoord(t, actionSpec{NominalTime: "2009-03-08T08:00Z"}, dataIn(t, "in", d, "${coord:current(0)}"))
	for _, tc := range []struct{ dataIn, expr, want string }{
		{"in", "${coord:current(-1)}", "2009-03-07T08:00Z"},
		{"in", "${coord:hoursInDay(0)} ${coord:daysInMonth(0)} ${coord:tzOffset()}", "23 31 -480"},
		{"in", "${coord:latest(0)}", "${coord:latest(0)}"},
		{"", "${coord:dataIn('in')}", "2009-03-08T08:00Z"},
		{"nope", "${coord:current(0)}", "error:No data-in or data-out named \"nope\""},
		{"", "${coord:current(0)}", "error:not allowed"},
	} {
		got, diags := EvalInAction(c, c.Start.Time, c.Start.Time, tc.dataIn, text(t, tc.expr).Template, Options{})
		if want, ok := strings.CutPrefix(tc.want, "error:"); ok {
			if !strings.Contains(diagText(diags), want) {
				t.Errorf("%s: diags %v, want %q", tc.expr, diagText(diags), want)
			}
			continue
		}
		if diags.HasErrors() || got != tc.want {
			t.Errorf("%s = %q (%v), want %q", tc.expr, got, diagText(diags), tc.want)
		}
	}
}
