package rules

import (
	"fmt"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/java"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/lint"
)

// TIME002 reports a coordinator whose end is not after its start (Oozie
// rejects it), or not after the first nominal time of an endOf* frequency
// (Oozie accepts it and materializes nothing).
var TIME002 = &lint.Analyzer{
	ID:       "TIME002",
	Name:     "end-not-after-start",
	Severity: lint.Error,
	Run:      runTIME002,
	Doc: lint.Doc{
		Title: "Coordinator end is not after its start",
		Rationale: "The start is inclusive and the end exclusive, and Oozie rejects a job whose start is not strictly " +
			"before its end (E1003 \"Coordinator Start Time must be earlier than End Time\") — including the " +
			"spec's own example with start equal to end.\n\n" +
			"With `coord:endOfDays`, `endOfWeeks` or `endOfMonths` the first action is at the *next* day, week or " +
			"month boundary after the start. Oozie does not check that against the end: a job whose end comes " +
			"first is accepted, runs no action and ends SUCCEEDED.",
		Bad: `<coordinator-app name="monthly" frequency="${coord:endOfMonths(1)}"
    start="2009-02-01T01:00Z" end="2009-02-03T23:59Z" timezone="UTC"
    xmlns="uri:oozie:coordinator:0.4">
  <action>
    <workflow>
      <app-path>hdfs:///apps/monthly</app-path>
    </workflow>
  </action>
</coordinator-app>
`,
		Good: `<coordinator-app name="monthly" frequency="${coord:endOfMonths(1)}"
    start="2009-02-01T01:00Z" end="2010-02-03T23:59Z" timezone="UTC"
    xmlns="uri:oozie:coordinator:0.4">
  <action>
    <workflow>
      <app-path>hdfs:///apps/monthly</app-path>
    </workflow>
  </action>
</coordinator-app>
`,
	},
}

func runTIME002(pass *lint.Pass) {
	r := newReporter(pass)
	for _, c := range coordinators(pass.Project) {
		if !c.Start.Resolved || !c.End.Resolved {
			continue
		}
		start, end := c.Start.Time, c.End.Time
		rng := valueToken(c.End.Text)
		if !start.Before(end) {
			detail := fmt.Sprintf("Oozie rejects the job (E1003: Coordinator Start Time must be earlier than End Time). The start %s is inclusive "+
				"and the end %s exclusive, so even an equal end runs nothing. Move the end after the last nominal time you want.",
				oozietime.FormatDateTime(start), oozietime.FormatDateTime(end))
			r.report(rng, nil, detail, "End %s is not after start %s", oozietime.FormatDateTime(end), oozietime.FormatDateTime(start))
			continue
		}
		e, ok := endOfFlag(c.Frequency)
		if !ok || !c.Timezone.Resolved {
			continue
		}
		first := oozietime.MoveToEnd(start, c.Timezone.Location, e)
		if first.Before(end) {
			continue
		}
		detail := fmt.Sprintf("%s moves the first nominal time from the start %s to the next boundary, %s, which is not before the end %s. "+
			"Oozie accepts the job but materializes no action and marks it SUCCEEDED. Move the end after %s.",
			java.Trim(c.Frequency.Text.Raw), oozietime.FormatDateTime(start), oozietime.FormatDateTime(first),
			oozietime.FormatDateTime(end), oozietime.FormatDateTime(first))
		r.report(rng, nil, detail, "End %s is not after the first nominal time %s, so the job runs no action",
			oozietime.FormatDateTime(end), oozietime.FormatDateTime(first))
	}
}

// endOfFlag maps a resolved frequency's end-of flag to oozietime's.
func endOfFlag(f ir.Frequency) (oozietime.EndOf, bool) {
	if !f.Resolved {
		return 0, false
	}
	switch f.EndOf {
	case ir.EndOfDay:
		return oozietime.EndOfDay, true
	case ir.EndOfWeek:
		return oozietime.EndOfWeek, true
	case ir.EndOfMonth:
		return oozietime.EndOfMonth, true
	}
	return 0, false
}
