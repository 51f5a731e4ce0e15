package rules

import (
	"fmt"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/java"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/lint"
)

// TIME004 reports an endOfDays/endOfWeeks/endOfMonths frequency whose start
// is already on a day, week or month boundary: Oozie still moves the first
// action to the next boundary, so the first period is skipped.
var TIME004 = &lint.Analyzer{
	ID:       "TIME004",
	Name:     "end-of-boundary-start",
	Severity: lint.Warning,
	Run:      runTIME004,
	Doc: lint.Doc{
		Title: "End-of frequency with a start already on the boundary skips the first period",
		Rationale: "`coord:endOfDays(n)`, `coord:endOfWeeks(n)` and `coord:endOfMonths(n)` move the start to the " +
			"*next* local midnight, Sunday or first of the month — always, even when the start is exactly on " +
			"one. A job starting 2009-01-01T00:00Z in UTC with `${coord:endOfDays(1)}` first runs at " +
			"2009-01-02T00:00Z, not at the start.\n\n" +
			"If the first action should be at the start, use `coord:days(n)` (or `months`, or 7 days) from the " +
			"boundary; otherwise start one period earlier. Weeks start on Sunday (en_US, as Oozie's tests " +
			"assume; a server with another JVM locale may differ).",
		Bad: `<coordinator-app name="daily" frequency="${coord:endOfDays(1)}"
    start="2009-01-01T00:00Z" end="2010-01-01T00:00Z" timezone="UTC"
    xmlns="uri:oozie:coordinator:0.4">
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
  <action>
    <workflow>
      <app-path>hdfs:///apps/daily</app-path>
    </workflow>
  </action>
</coordinator-app>
`,
	},
}

func runTIME004(pass *lint.Pass) {
	r := newReporter(pass)
	for _, c := range coordinators(pass.Project) {
		e, ok := endOfFlag(c.Frequency)
		if !ok || !c.Start.Resolved || !c.Timezone.Resolved {
			continue
		}
		loc, start := c.Timezone.Location, c.Start.Time
		var boundary time.Time
		var period, instead string
		n := c.Frequency.N
		switch e {
		case oozietime.EndOfDay:
			boundary, period, instead = oozietime.StartOfDay(start, loc), "day", fnCall(c.Frequency.Text.Range, "coord:days", int64(n))
		case oozietime.EndOfWeek:
			boundary, period, instead = oozietime.StartOfWeek(start, loc), "week", fnCall(c.Frequency.Text.Range, "coord:days", int64(7*n))
		case oozietime.EndOfMonth:
			boundary, period, instead = oozietime.StartOfMonth(start, loc), "month", fnCall(c.Frequency.Text.Range, "coord:months", int64(n))
		}
		if !boundary.Equal(start) {
			continue
		}
		first := oozietime.MoveToEnd(start, loc, e)
		detail := fmt.Sprintf("%s always moves the start to the next %s boundary, even from one: the first action is at %s (%s), not at the start %s (%s). "+
			"If the first action should be at the start, use %s with this start; otherwise start one %s earlier.",
			java.Trim(c.Frequency.Text.Raw), period, oozietime.FormatDateTime(first), first.In(loc).Format("2006-01-02 15:04 MST"),
			oozietime.FormatDateTime(start), start.In(loc).Format("2006-01-02 15:04 MST"), wholeValue(c.Frequency.Text.Range, instead), period)
		r.report(valueToken(c.Start.Text), nil, detail, "Start %s is already on a %s boundary, so %s skips the first %s",
			oozietime.FormatDateTime(start), period, endOfName(c.Frequency), period)
	}
}

// endOfName is the name of the end-of function a frequency used.
func endOfName(f ir.Frequency) string {
	switch f.EndOf {
	case ir.EndOfDay:
		return "coord:endOfDays"
	case ir.EndOfWeek:
		return "coord:endOfWeeks"
	}
	return "coord:endOfMonths"
}
