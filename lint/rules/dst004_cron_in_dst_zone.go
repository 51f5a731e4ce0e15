package rules

import (
	"fmt"
	"time"

	"github.com/coordc/coordc/compiler/cron"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lint"
)

// DST004 reports a cron frequency in a coordinator whose time zone observes
// daylight saving time: Oozie evaluates cron in UTC, so the local time
// moves, and its DST correction of day-long gaps depends on how actions
// are materialized.
var DST004 = &lint.Analyzer{
	ID:       "DST004",
	Name:     "cron-in-dst-zone",
	Severity: lint.Warning,
	Run:      runDST004,
	Doc: lint.Doc{
		Title: "Cron frequency in a time zone with daylight saving time",
		Rationale: "Oozie evaluates cron frequencies in UTC, never in the coordinator's `timezone`: `0 20 * * *` " +
			"fires at 20:00Z, which is 21:00 in Paris in winter and 22:00 in summer.\n\n" +
			"The zone is used for one thing only: when a fire comes at least 24 hours after the previous one, " +
			"Oozie shifts it by the DST difference between the job start and that fire. But it does so only " +
			"for actions materialized together in one run: a catch-up of a job whose start is in the past, or " +
			"a dry run. A live job materializes each daily action in its own run and keeps the UTC times, so " +
			"the same definition gives different nominal times depending on when it was submitted; schedules " +
			"that mix short and long gaps (weekdays only, several times a day) get the shift on some actions " +
			"only. coordc's plan models one materialization pass from the start (the shifted times).\n\n" +
			"Cron schedules that fire every hour are not reported unless they have gaps of a day or more.",
		Bad: `<coordinator-app name="evening" frequency="0 20 * * *"
    start="2019-01-01T20:00Z" end="2020-01-01T20:00Z" timezone="Europe/Paris"
    xmlns="uri:oozie:coordinator:0.4">
  <action>
    <workflow>
      <app-path>hdfs:///apps/evening</app-path>
    </workflow>
  </action>
</coordinator-app>
`,
		Good: `<coordinator-app name="evening" frequency="${coord:days(1)}"
    start="2019-01-01T20:00Z" end="2020-01-01T20:00Z" timezone="Europe/Paris"
    xmlns="uri:oozie:coordinator:0.4">
  <action>
    <workflow>
      <app-path>hdfs:///apps/evening</app-path>
    </workflow>
  </action>
</coordinator-app>
`,
	},
}

// allHours are hour fields that fire every hour: a one-hour shift does not
// change such a schedule.
var allHours = map[string]bool{"*": true, "*/1": true, "0/1": true, "0-23": true, "0-23/1": true}

func runDST004(pass *lint.Pass) {
	r := newReporter(pass)
	for _, c := range coordinators(pass.Project) {
		f := c.Frequency
		if !f.Resolved || f.Unit != ir.UnitCron || !c.Timezone.Resolved {
			continue
		}
		expr, err := cron.Parse(f.Cron)
		if err != nil {
			continue
		}
		loc := c.Timezone.Location
		from, to := coordWindow(c)
		tr, ok := firstDSTChange(loc, from, to)
		if !ok {
			continue
		}
		daily, dayLong := cronGaps(expr, from)
		if allHours[expr.Fields()[1]] && !dayLong {
			continue
		}
		var correction string
		switch {
		case daily:
			correction = "Its fires are at least 24 hours apart, so Oozie also shifts each of them by an hour relative to the DST state at the job start, " +
				"but only for actions materialized together in one run (a catch-up of a job whose start is in the past, or a dry run); " +
				"a live job materializes each action in its own run and keeps the UTC times. coordc's plan models one pass from the start (the shifted times)."
		case dayLong:
			correction = "Only the fires that come at least 24 hours after the previous one (for example the first after a weekend) get Oozie's one-hour DST correction, " +
				"and only in a catch-up or dry run, so the times of one day are shifted inconsistently. coordc's plan models one pass from the start."
		default:
			correction = "Oozie does not correct these fires: they stay on the UTC grid while the local time moves."
		}
		detail := fmt.Sprintf("Oozie evaluates cron frequencies in UTC, not in %s, which observes daylight saving time (the clocks change on %s).%s %s "+
			"If the times are meant in UTC, set the timezone to \"UTC\"; if they are meant in local time, use %s with the start at that local time.",
			c.Timezone.ID, localDate(tr.At, loc), cronExample(expr, c, tr.At), correction, wholeValue(f.Text.Range, fnCall(f.Text.Range, "coord:days", 1)))
		r.report(valueToken(f.Text), nil, detail, "Cron frequency %q fires in UTC, so its local time in %q moves with daylight saving time",
			f.Cron, c.Timezone.ID)
	}
}

// cronGaps tells whether every fire of expr is at least 24 hours after the
// previous one (daily: at most one fire per day) and whether some are
// (dayLong: a day without fires, within three years from from). Minute and
// hour fields do not depend on the day, so every fire day has the same
// times of day: consecutive fire days are 24 hours apart or more exactly
// when there is one fire per day, so no walk over the 400-year Gregorian
// cycle is needed.
func cronGaps(expr *cron.Expr, from time.Time) (daily, dayLong bool) {
	f, ok := expr.Next(from.Add(-time.Minute))
	if !ok {
		return false, false
	}
	dayEnd := f.Truncate(24 * time.Hour).Add(24 * time.Hour)
	if g, ok := expr.Next(f); !ok || !g.Before(dayEnd) {
		return true, true
	}
	for i := 0; i < 3*366; i++ {
		g, ok := expr.Next(dayEnd.Add(-time.Minute))
		if !ok || !g.Before(dayEnd.Add(24*time.Hour)) {
			return false, true
		}
		dayEnd = g.Truncate(24 * time.Hour).Add(24 * time.Hour)
	}
	return false, false
}

// cronExample describes how the local time of one of expr's UTC fire times
// differs before and after the DST change at change.
func cronExample(expr *cron.Expr, c *ir.Coordinator, change time.Time) string {
	loc := c.Timezone.Location
	after := unknownFrom
	if c.Start.Resolved {
		after = c.Start.Time.Add(-time.Minute)
	}
	f0, ok := expr.Next(after)
	if !ok || !f0.Before(change) {
		return ""
	}
	t := change
	for i := 0; i < 5000; i++ {
		f1, ok := expr.Next(t)
		if !ok {
			return ""
		}
		if f1.Hour() == f0.Hour() && f1.Minute() == f0.Minute() {
			return fmt.Sprintf(" The fire at %s is %s local time before that day and %s after it.",
				f0.Format("15:04Z"), localClock(f0, loc), localClock(f1, loc))
		}
		t = f1
	}
	return ""
}
