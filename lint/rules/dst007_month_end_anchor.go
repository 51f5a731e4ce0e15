package rules

import (
	"fmt"
	"slices"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lint"
	"github.com/coordc/coordc/lower/schedule"
)

// DST007 reports monthly schedules anchored on a day that some months lack:
// a coordinator starting on the 29th or 30th (Java clamps the day in
// shorter months), and a monthly dataset whose initial instance is on the
// 29th–31st (clamped instances, and coord:current can then pick an
// instance after the nominal time).
var DST007 = &lint.Analyzer{
	ID:       "DST007",
	Name:     "month-end-anchor",
	Severity: lint.Warning,
	Run:      runDST007,
	Doc: lint.Doc{
		Title: "Monthly schedule anchored on day 29, 30 or 31",
		Rationale: "Oozie adds months with java.util.Calendar, which pins the day to the month's length: a monthly " +
			"coordinator started on January 30 runs on February 28, March 30, April 30 — neither \"the 30th\" nor " +
			"\"the last day\". (A start on the 31st gives the last day of every month, which is usually what is " +
			"meant, so coordinators on the 31st are not reported.)\n\n" +
			"Monthly datasets are worse: their instances are clamped the same way, but `coord:current` counts " +
			"instances by stepping month by month from the initial instance, and once a step has been clamped it " +
			"stays on the shorter day. With an initial instance on 2009-01-31 and a nominal time of 2009-03-30, " +
			"`coord:current(0)` is the instance of 2009-03-31 — after the nominal time — and the action waits for " +
			"data that is not due yet.\n\n" +
			"Anchor monthly schedules on a day every month has (the 1st to the 28th), or on the 1st with " +
			"`coord:endOfMonths(1)`.",
		Bad: `<coordinator-app name="monthly" frequency="${coord:months(1)}"
    start="2009-01-30T00:00Z" end="2010-01-30T00:00Z" timezone="UTC"
    xmlns="uri:oozie:coordinator:0.4">
  <action>
    <workflow>
      <app-path>hdfs:///apps/monthly</app-path>
    </workflow>
  </action>
</coordinator-app>
`,
		Good: `<coordinator-app name="monthly" frequency="${coord:months(1)}"
    start="2009-02-01T00:00Z" end="2010-02-01T00:00Z" timezone="UTC"
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

func runDST007(pass *lint.Pass) {
	r := newReporter(pass)
	for _, c := range coordinators(pass.Project) {
		f := c.Frequency
		if !f.Resolved || f.Unit != ir.UnitMonth || f.EndOf != ir.EndOfNone || !c.Start.Resolved || !c.Timezone.Resolved {
			continue
		}
		loc := c.Timezone.Location
		day := c.Start.Time.In(loc).Day()
		if day != 29 && day != 30 {
			continue
		}
		detail := fmt.Sprintf("The start is %s in %s, and Oozie adds months there with Java's calendar, which pins the day to the month's length: "+
			"in months without a day %d the action runs on the last day instead%s, and on day %d again in the others, neither the same day "+
			"every month nor the last day. Start on a day every month has (the 1st to the 28th); for the last day of the month, start on the 31st.",
			c.Start.Time.In(loc).Format("2006-01-02 15:04"), c.Timezone.ID, day, clampedExample(c), day)
		r.report(valueToken(c.Start.Text), nil, detail, "Monthly schedule starts on day %d in time zone %q, which some months do not have", day, c.Timezone.ID)
	}
	for _, u := range datasets(pass.Project) {
		ds := u.ds
		f := ds.Frequency
		if !f.Resolved || f.Unit != ir.UnitMonth || f.EndOf != ir.EndOfNone || !ds.InitialInstance.Resolved || !ds.Timezone.Resolved {
			continue
		}
		loc := ds.Timezone.Location
		day := ds.InitialInstance.Time.In(loc).Day()
		if day < 29 {
			continue
		}
		detail := fmt.Sprintf("Oozie computes the instances of a monthly dataset with Java's calendar, which pins the day to the month's length, "+
			"and coord:current counts instances by stepping month by month from the initial instance: once a step has been clamped "+
			"to a shorter month it stays on the shorter day, so coord:current(0) can be an instance after the nominal time%s "+
			"and the action waits for data that is not due yet. Put the initial-instance on a day every month has (the 1st to the 28th).",
			driftExample(ds.InitialInstance.Time, loc))
		r.report(valueToken(ds.InitialInstance.Text), nil, detail, "Monthly dataset %q is anchored on day %d in time zone %q, which some months do not have", ds.Name, day, ds.Timezone.ID)
	}
}

// clampedExample names up to three dates of c's first two years of actions
// whose day was clamped.
func clampedExample(c *ir.Coordinator) string {
	if !c.End.Resolved {
		return ""
	}
	it := schedule.Nominals(c)
	var dates []string
	for i := 0; i < 24 && len(dates) < 3; i++ {
		n, ok := it.Next()
		if !ok {
			break
		}
		if slices.Contains(n.Flags, schedule.FlagMonthEndClamped) {
			dates = append(dates, localDate(n.Time, c.Timezone.Location))
		}
	}
	if len(dates) == 0 {
		return ""
	}
	return " (" + dateList(dates, len(dates)) + ")"
}

// driftExample describes, for an initial instance i on day 29–31 whose next
// month is shorter, a nominal time two months later whose current(0) is
// after it (SEMANTICS.md §6.1).
func driftExample(i time.Time, loc *time.Location) string {
	l := i.In(loc)
	d := l.Day()
	m1 := time.Date(l.Year(), l.Month()+1, 1, 0, 0, 0, 0, time.UTC)
	m2 := time.Date(l.Year(), l.Month()+2, 1, 0, 0, 0, 0, time.UTC)
	len1, len2 := daysIn(m1), daysIn(m2)
	stepped, truth := min(len1, len2), min(d, len2)
	if len1 >= d || truth <= stepped {
		return ""
	}
	nt := time.Date(m2.Year(), m2.Month(), stepped, l.Hour(), l.Minute(), 0, 0, loc)
	inst := time.Date(m2.Year(), m2.Month(), truth, l.Hour(), l.Minute(), 0, 0, loc)
	return fmt.Sprintf(" (here, with a nominal time of %s %s, coord:current(0) is the instance of %s)",
		nt.Format("2006-01-02"), localClock(nt, loc), inst.Format("2006-01-02"))
}

// daysIn returns the length of the month of t.
func daysIn(t time.Time) int {
	return time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
