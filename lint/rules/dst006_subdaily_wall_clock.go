package rules

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/java"
	"github.com/coordc/coordc/lint"
)

// DST006 notes a sub-daily frequency of whole hours dividing the day
// (coord:hours(6), 720…) whose start sits on that local grid in a zone with
// daylight saving time: the grid looks like wall-clock times, but Oozie
// adds absolute hours, so the local times move.
var DST006 = &lint.Analyzer{
	ID:       "DST006",
	Name:     "subdaily-wall-clock",
	Severity: lint.Info,
	Run:      runDST006,
	Doc: lint.Doc{
		Title: "Sub-daily frequency looks like wall-clock times in a zone with daylight saving time",
		Rationale: "`${coord:hours(6)}` started at local midnight reads like \"at 00:00, 06:00, 12:00 and 18:00\", " +
			"but Oozie adds 6 hours of absolute time, so after the clocks change the actions run at 01:00, " +
			"07:00, 13:00 and 19:00 (or 23:00, 05:00, …) local time.\n\n" +
			"This is only a note: if the job means \"every 6 hours\", it is right. If it means fixed local " +
			"times, use one `${coord:days(1)}` coordinator per time of day. Hourly jobs are not reported: " +
			"a one-hour shift leaves them on every hour.",
		Bad: `<coordinator-app name="quarterly" frequency="${coord:hours(6)}"
    start="2009-01-02T08:00Z" end="2010-01-02T08:00Z" timezone="America/Los_Angeles"
    xmlns="uri:oozie:coordinator:0.4">
  <action>
    <workflow>
      <app-path>hdfs:///apps/quarterly</app-path>
    </workflow>
  </action>
</coordinator-app>
`,
		Good: `<coordinator-app name="quarterly" frequency="${coord:hours(6)}"
    start="2009-01-02T08:00Z" end="2010-01-02T08:00Z" timezone="UTC"
    xmlns="uri:oozie:coordinator:0.4">
  <action>
    <workflow>
      <app-path>hdfs:///apps/quarterly</app-path>
    </workflow>
  </action>
</coordinator-app>
`,
	},
}

func runDST006(pass *lint.Pass) {
	r := newReporter(pass)
	for _, c := range coordinators(pass.Project) {
		f := c.Frequency
		if !f.Resolved || f.Unit != ir.UnitMinute || f.N%60 != 0 || f.N <= 60 || f.N >= 1440 || 1440%f.N != 0 ||
			!c.Start.Resolved || !c.Timezone.Resolved {
			continue
		}
		loc := c.Timezone.Location
		hours := f.N / 60
		local := c.Start.Time.In(loc)
		if local.Minute() != 0 || local.Second() != 0 || local.Hour()%hours != 0 {
			continue
		}
		from, to := coordWindow(c)
		tr, ok := firstDSTChange(loc, from, to)
		if !ok {
			continue
		}
		step := time.Duration(f.N) * time.Minute
		k := (tr.At.Sub(c.Start.Time) + step - 1) / step
		after := c.Start.Time.Add(k * step)
		detail := fmt.Sprintf("Oozie adds %d hours of absolute time per action, so the actions start at %s local time and run at %s "+
			"after the clocks change on %s in %s. If the job means fixed local times, use one %s coordinator per time of day; "+
			"if it means every %d hours, this is right (suppress the note with a reason).",
			hours, localGrid(c.Start.Time, loc, hours), localGrid(after, loc, hours), localDate(tr.At, loc), c.Timezone.ID,
			wholeValue(f.Text.Range, fnCall(f.Text.Range, "coord:days", 1)), hours)
		r.report(valueToken(f.Text), nil, detail, "Frequency %q adds absolute hours, so its local times in %q move with daylight saving time",
			java.Trim(f.Text.Raw), c.Timezone.ID)
	}
}

// localGrid lists the local times of day of a schedule every h hours
// through t: "00:00, 06:00, 12:00 and 18:00".
func localGrid(t time.Time, loc *time.Location, h int) string {
	l := t.In(loc)
	var times []string
	for i := 0; i < 24/h; i++ {
		times = append(times, fmt.Sprintf("%02d:%02d", (l.Hour()+i*h)%24, l.Minute()))
	}
	sort.Strings(times)
	return strings.Join(times[:len(times)-1], ", ") + " and " + times[len(times)-1]
}
