package rules

import (
	"fmt"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/java"
	"github.com/coordc/coordc/lint"
)

// DST001 reports a daily or weekly frequency written as a fixed number of
// minutes (1440, coord:hours(24), coord:minutes(10080)…) in a time zone
// with daylight saving time, for coordinators and datasets.
var DST001 = &lint.Analyzer{
	ID:       "DST001",
	Name:     "fixed-day-frequency",
	Severity: lint.Warning,
	Run:      runDST001,
	Doc: lint.Doc{
		Title: "Daily or weekly frequency written as a fixed number of minutes in a zone with daylight saving time",
		Rationale: "A plain number, `coord:minutes(n)` and `coord:hours(n)` are absolute durations: Oozie adds " +
			"them as minutes, so `1440` or `${coord:hours(24)}` is exactly 24 hours, not a calendar day. " +
			"In a zone with daylight saving time the local time of the actions (or dataset instances) " +
			"moves by an hour twice a year: a job started at 00:00 PST runs at 01:00 PDT all summer.\n\n" +
			"`coord:days(n)` adds calendar days in the coordinator's (or dataset's) zone and keeps the " +
			"local time of the start. The fix rewrites a frequency that does not depend on parameters.",
		Bad: `<coordinator-app name="nightly" frequency="1440"
    start="2009-01-02T08:00Z" end="2010-01-02T08:00Z" timezone="America/Los_Angeles"
    xmlns="uri:oozie:coordinator:0.4">
  <action>
    <workflow>
      <app-path>hdfs:///apps/nightly</app-path>
    </workflow>
  </action>
</coordinator-app>
`,
		Good: `<coordinator-app name="nightly" frequency="${coord:days(1)}"
    start="2009-01-02T08:00Z" end="2010-01-02T08:00Z" timezone="America/Los_Angeles"
    xmlns="uri:oozie:coordinator:0.4">
  <action>
    <workflow>
      <app-path>hdfs:///apps/nightly</app-path>
    </workflow>
  </action>
</coordinator-app>
`,
		Fixable: true,
	},
}

func runDST001(pass *lint.Pass) {
	r := newReporter(pass)
	for _, c := range coordinators(pass.Project) {
		from, to := coordWindow(c)
		var first time.Time
		if c.Start.Resolved {
			first = c.Start.Time
		}
		checkFixedDays(r, pass, c.Frequency, c.Timezone, from, to, first, "Frequency", "the actions", c.End)
	}
	for _, u := range datasets(pass.Project) {
		from, to := datasetWindow(u)
		var first time.Time
		if u.ds.InitialInstance.Resolved {
			first = u.ds.InitialInstance.Time
		}
		checkFixedDays(r, pass, u.ds.Frequency, u.ds.Timezone, from, to, first,
			fmt.Sprintf("Dataset %q frequency", u.ds.Name), "the dataset's instances", ir.Instant{})
	}
}

// checkFixedDays reports f when it is a whole number of days written in
// minutes and z observes daylight saving time in [from, to). first is the
// first nominal time or instance, zero when unknown; end is the
// coordinator's end (unresolved for datasets).
func checkFixedDays(r *reporter, pass *lint.Pass, f ir.Frequency, z ir.Zone, from, to, first time.Time, what, subject string, end ir.Instant) {
	if !f.Resolved || f.Unit != ir.UnitMinute || f.N <= 0 || f.N%1440 != 0 || !z.Resolved {
		return
	}
	tr, ok := firstDSTChange(z.Location, from, to)
	if !ok {
		return
	}
	note := ""
	if end.Resolved && !tr.At.Before(end.Time) {
		note = " This job ends before that change, but the definition drifts as soon as its end is extended."
	}
	days := f.N / 1440
	calendar := "a calendar day"
	switch {
	case days == 7:
		calendar = "a calendar week"
	case days > 1:
		calendar = fmt.Sprintf("%d calendar days", days)
	}
	example := ""
	if !first.IsZero() && !tr.At.Before(first) {
		step := time.Duration(f.N) * time.Minute
		k := (tr.At.Sub(first) + step - 1) / step
		after := first.Add(k * step)
		example = fmt.Sprintf(" Here %s start at %s and, from %s, run at %s.",
			subject, localClock(first, z.Location), localDate(after, z.Location), localClock(after, z.Location))
	}
	days1 := fnCall(f.Text.Range, "coord:days", int64(days))
	detail := fmt.Sprintf("Oozie adds this frequency as %d minutes of absolute time, so in %s, which observes daylight saving time "+
		"(the clocks change on %s), the local time of %s moves by an hour twice a year.%s%s "+
		"Write %s, which adds calendar days and keeps the local time.",
		f.N, z.ID, localDate(tr.At, z.Location), subject, example, note, wholeValue(f.Text.Range, days1))
	fixes := valueFix(pass.Sources, f.Text, days1)
	if usesVariables(f.Text) {
		fixes = nil
	}
	r.report(valueToken(f.Text), fixes, detail, "%s %q is a fixed %d hours, not %s, in time zone %q",
		what, java.Trim(f.Text.Raw), f.N/60, calendar, z.ID)
}
