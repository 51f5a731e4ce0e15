package rules

import (
	"fmt"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/lint"
	"github.com/coordc/coordc/lower/schedule"
	"github.com/hashicorp/hcl/v2"
)

// TIME003 reports a data-in or data-out whose dataset starts (its effective
// initial instance) after the coordinator's first nominal time: for the
// early actions coord:current returns nothing and Oozie silently drops the
// event.
var TIME003 = &lint.Analyzer{
	ID:       "TIME003",
	Name:     "initial-instance-after-start",
	Severity: lint.Warning,
	Run:      runTIME003,
	Doc: lint.Doc{
		Title: "Dataset initial-instance is after the coordinator's first action",
		Rationale: "`coord:current(n)` and `coord:offset` return an empty string when the dataset's initial " +
			"instance is after the nominal time, or when the instance they name is before it, and Oozie drops " +
			"empty instances from the dependency list without a word. So while the nominal times are before " +
			"the initial instance, a data-in contributes no dependency at all — the action starts without " +
			"waiting for its data — and a data-out gives `coord:dataOut` an empty value.\n\n" +
			"Move the initial-instance back to the first instance the job needs, or start the job later.",
		Bad: `<coordinator-app name="daily" frequency="${coord:days(1)}"
    start="2009-01-01T00:00Z" end="2010-01-01T00:00Z" timezone="UTC"
    xmlns="uri:oozie:coordinator:0.4">
  <datasets>
    <dataset name="logs" frequency="${coord:days(1)}" initial-instance="2009-02-01T00:00Z"
        timezone="UTC">
      <uri-template>hdfs:///logs/${YEAR}/${MONTH}/${DAY}</uri-template>
    </dataset>
  </datasets>
  <input-events>
    <data-in name="logs" dataset="logs">
      <instance>${coord:current(0)}</instance>
    </data-in>
  </input-events>
  <action>
    <workflow>
      <app-path>hdfs:///apps/daily</app-path>
    </workflow>
  </action>
</coordinator-app>
`,
		Good: `<coordinator-app name="daily" frequency="${coord:days(1)}"
    start="2009-01-01T00:00Z" end="2010-01-01T00:00Z" timezone="UTC"
    xmlns="uri:oozie:coordinator:0.4">
  <datasets>
    <dataset name="logs" frequency="${coord:days(1)}" initial-instance="2009-01-01T00:00Z"
        timezone="UTC">
      <uri-template>hdfs:///logs/${YEAR}/${MONTH}/${DAY}</uri-template>
    </dataset>
  </datasets>
  <input-events>
    <data-in name="logs" dataset="logs">
      <instance>${coord:current(0)}</instance>
    </data-in>
  </input-events>
  <action>
    <workflow>
      <app-path>hdfs:///apps/daily</app-path>
    </workflow>
  </action>
</coordinator-app>
`,
	},
}

// dataEvent is a data-in or data-out reduced to what TIME003 needs.
type dataEvent struct {
	kind, name string
	ds         *ir.Dataset
	dsRange    hcl.Range
	texts      []*ir.Text
}

func runTIME003(pass *lint.Pass) {
	r := newReporter(pass)
	for _, c := range coordinators(pass.Project) {
		first, ok := schedule.Nominals(c).Next()
		if !ok {
			continue
		}
		for _, ev := range dataEvents(c) {
			checkInitialAfterStart(r, c, ev, first.Time)
		}
	}
}

// dataEvents lists c's data-ins and data-outs.
func dataEvents(c *ir.Coordinator) []dataEvent {
	var out []dataEvent
	for _, in := range c.Inputs {
		out = append(out, dataEvent{"data-in", in.Name, in.Dataset, in.DatasetRange, append(append([]*ir.Text{}, in.Instances...), in.StartInstance, in.EndInstance)})
	}
	for _, o := range c.Outputs {
		out = append(out, dataEvent{"data-out", o.Name, o.Dataset, o.DatasetRange, []*ir.Text{o.Instance}})
	}
	return out
}

// checkInitialAfterStart reports ev when its dataset's effective initial
// instance is after first, the coordinator's first nominal time.
func checkInitialAfterStart(r *reporter, c *ir.Coordinator, ev dataEvent, first time.Time) {
	ds := ev.ds
	if ds == nil || !ds.InitialInstance.Resolved || !ds.Timezone.Resolved || !ds.Frequency.Resolved {
		return
	}
	relative := false
	for _, t := range ev.texts {
		if len(callsTo(t, "coord:current", "coord:offset", "coord:currentRange")) > 0 {
			relative = true
		}
	}
	if !relative {
		return
	}
	initial := ds.InitialInstance.Time
	if e, ok := endOfFlag(ds.Frequency); ok {
		initial = oozietime.MoveToEnd(initial, ds.Timezone.Location, e)
	}
	if !initial.After(first) {
		return
	}
	n, last := 0, first
	it := schedule.Nominals(c)
	for n < scanActions {
		nt, ok := it.Next()
		if !ok || !nt.Time.Before(initial) {
			break
		}
		n, last = n+1, nt.Time
	}
	effect := fmt.Sprintf("run without waiting for data-in %q, which adds no dependency", ev.name)
	if ev.kind == "data-out" {
		effect = fmt.Sprintf("get an empty coord:dataOut('%s')", ev.name)
	}
	actions := fmt.Sprintf("the first %d actions (nominal times %s to %s)", n, oozietime.FormatDateTime(first), oozietime.FormatDateTime(last))
	if n == 1 {
		actions = fmt.Sprintf("the first action (nominal time %s)", oozietime.FormatDateTime(first))
	}
	detail := fmt.Sprintf("coord:current and coord:offset return nothing while the nominal time is before the dataset's initial instance %s, "+
		"and Oozie drops empty instances without a word, so %s %s. Move the initial-instance of %q back to the first instance the job needs, "+
		"or start the job at %s or later.",
		oozietime.FormatDateTime(initial), actions, effect, ds.Name, oozietime.FormatDateTime(initial))
	rng := ev.dsRange
	if ds.InitialInstance.Text != nil && ds.File == c.File {
		rng = valueToken(ds.InitialInstance.Text)
	}
	r.report(rng, nil, detail, "Dataset %q starts at %s, after the first action at %s, so %s %q gets no instances at first",
		ds.Name, oozietime.FormatDateTime(initial), oozietime.FormatDateTime(first), ev.kind, ev.name)
}
