package rules

import (
	"fmt"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lint"
)

// DST003 reports a daily coordinator in a zone with daylight saving time
// whose data-in takes a fixed day's worth of hourly (or finer) instances,
// such as coord:current(-23) … coord:current(0).
var DST003 = &lint.Analyzer{
	ID:       "DST003",
	Name:     "fixed-hour-window",
	Severity: lint.Warning,
	Run:      runDST003,
	Doc: lint.Doc{
		Title: "Daily job reads a fixed count of hourly instances in a zone with daylight saving time",
		Rationale: "A daily coordinator (`coord:days(1)`) in a zone with daylight saving time has actions 23 or 25 " +
			"hours apart on the days the clocks change, but `coord:current(-23)` … `coord:current(0)` always " +
			"takes 24 hourly instances. On the short day one hour is read by two actions; on the long day one " +
			"hour is read by none.\n\n" +
			"`coord:hoursInDay(n)` returns 23, 24 or 25 and can size the window. Its argument counts dataset " +
			"steps, not days: with an hourly dataset `coord:hoursInDay(-1)` is the length of the day of the hour " +
			"before the nominal time, i.e. the previous day for a job that runs at local midnight.",
		Bad: `<coordinator-app name="daily" frequency="${coord:days(1)}"
    start="2009-01-02T08:00Z" end="2010-01-02T08:00Z" timezone="America/Los_Angeles"
    xmlns="uri:oozie:coordinator:0.4">
  <datasets>
    <dataset name="hourly" frequency="${coord:hours(1)}" initial-instance="2009-01-01T08:00Z"
        timezone="America/Los_Angeles">
      <uri-template>hdfs:///logs/${YEAR}/${MONTH}/${DAY}/${HOUR}</uri-template>
    </dataset>
  </datasets>
  <input-events>
    <data-in name="logs" dataset="hourly">
      <start-instance>${coord:current(-23)}</start-instance>
      <end-instance>${coord:current(0)}</end-instance>
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
    start="2009-01-02T08:00Z" end="2010-01-02T08:00Z" timezone="America/Los_Angeles"
    xmlns="uri:oozie:coordinator:0.4">
  <datasets>
    <dataset name="hourly" frequency="${coord:hours(1)}" initial-instance="2009-01-01T08:00Z"
        timezone="America/Los_Angeles">
      <uri-template>hdfs:///logs/${YEAR}/${MONTH}/${DAY}/${HOUR}</uri-template>
    </dataset>
  </datasets>
  <input-events>
    <data-in name="logs" dataset="hourly">
      <start-instance>${coord:current(-(coord:hoursInDay(-1) - 1))}</start-instance>
      <end-instance>${coord:current(0)}</end-instance>
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

func runDST003(pass *lint.Pass) {
	r := newReporter(pass)
	for _, c := range coordinators(pass.Project) {
		f := c.Frequency
		if !f.Resolved || f.Unit != ir.UnitDay || f.N != 1 || !c.Timezone.Resolved {
			continue
		}
		from, to := coordWindow(c)
		tr, ok := firstDSTChange(c.Timezone.Location, from, to)
		if !ok {
			continue
		}
		for _, in := range c.Inputs {
			checkHourWindow(r, c, in, localDate(tr.At, c.Timezone.Location))
		}
	}
}

// checkHourWindow reports in when its range is a fixed 24 hours of a
// dataset of at most hourly frequency.
func checkHourWindow(r *reporter, c *ir.Coordinator, in *ir.DataIn, change string) {
	ds := in.Dataset
	if ds == nil || !ds.Frequency.Resolved || ds.Frequency.Unit != ir.UnitMinute {
		return
	}
	n := ds.Frequency.N
	if n <= 0 || n > 60 || 60%n != 0 {
		return
	}
	start, ok1 := currentArg(in.StartInstance)
	end, ok2 := currentArg(in.EndInstance)
	if !ok1 || !ok2 || (end-start+1)*int64(n) != 1440 {
		return
	}
	perHour := 60 / n
	rng := in.StartInstance.Range
	count := fmt.Sprintf("%s(%d)", fnName(rng, "coord:hoursInDay"), end-1)
	if perHour > 1 {
		count = fmt.Sprintf("%s * %d", count, perHour)
	}
	current := fnName(rng, "coord:current")
	suggestion := fmt.Sprintf("%s(-(%s - 1))", current, count)
	if end != 0 {
		suggestion = fmt.Sprintf("%s(%d - (%s - 1))", current, end, count)
	}
	example := fmt.Sprintf("<start-instance>%s</start-instance>", wholeValue(rng, suggestion))
	if inHCL(rng) {
		example = "start_instance = " + suggestion
	}
	note := "its argument counts dataset steps, not days"
	if end == 0 && perHour == 1 {
		note = "its argument counts dataset steps, so -1 is the hour before the nominal time and this takes the hours of the previous day for a job at local midnight"
	}
	call := callsTo(in.StartInstance, "coord:current")[0]
	detail := fmt.Sprintf("On the days the clocks change in %s (the first is %s) consecutive actions of this daily job are 23 or 25 hours apart, "+
		"but the range always takes %d instances of dataset %q, i.e. 24 hours: on a 23-hour day one hour is read twice, "+
		"on a 25-hour day one hour is never read. Size the range with coord:hoursInDay (%s), "+
		"for example %s.",
		c.Timezone.ID, change, end-start+1, ds.Name, note, example)
	r.report(call.Range, nil, detail, "Data-in %q takes a fixed 24 hours of %q although the days of this daily job have 23 to 25 hours",
		in.Name, ds.Name)
}

// currentArg returns n when t is exactly ${coord:current(n)} with an
// integer literal n.
func currentArg(t *ir.Text) (int64, bool) {
	e, ok := singleExpr(t)
	if !ok {
		return 0, false
	}
	call, ok := e.(*ir.Call)
	if !ok || call.QualifiedName() != "coord:current" || len(call.Args) != 1 {
		return 0, false
	}
	return intLit(call.Args[0])
}
