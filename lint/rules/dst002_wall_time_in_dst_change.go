package rules

import (
	"fmt"
	"slices"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/lint"
	"github.com/coordc/coordc/lower/schedule"
)

// DST002 reports a calendar schedule (days, weeks, months) whose local
// action time falls into a daylight saving gap or overlap, naming the dates
// and what Java's calendar, and so Oozie, does there.
var DST002 = &lint.Analyzer{
	ID:       "DST002",
	Name:     "wall-time-in-dst-change",
	Severity: lint.Warning,
	Run:      runDST002,
	Doc: lint.Doc{
		Title: "Local action time falls in a daylight saving gap or overlap",
		Rationale: "`coord:days`, `coord:months` and the `endOf*` frequencies keep the local time of the start. " +
			"When that time does not exist on the day the clocks spring forward (02:30 in the US), Oozie's " +
			"java.util.Calendar moves the action: an hour **early** for days and weeks (01:30 standard time), an " +
			"hour **late** for months (03:30 daylight time). When the time occurs twice on the day the clocks " +
			"fall back, Java picks one of the two: for days the one with the offset of the previous action, " +
			"for months the second (standard time).\n\n" +
			"The rule walks the first five years of the schedule (at most 100,000 actions) and names the days.",
		Bad: `<coordinator-app name="nightly" frequency="${coord:days(1)}"
    start="2016-01-01T10:30Z" end="2017-01-01T10:30Z" timezone="America/Los_Angeles"
    xmlns="uri:oozie:coordinator:0.4">
  <action>
    <workflow>
      <app-path>hdfs:///apps/nightly</app-path>
    </workflow>
  </action>
</coordinator-app>
`,
		Good: `<coordinator-app name="nightly" frequency="${coord:days(1)}"
    start="2016-01-01T11:30Z" end="2017-01-01T11:30Z" timezone="America/Los_Angeles"
    xmlns="uri:oozie:coordinator:0.4">
  <action>
    <workflow>
      <app-path>hdfs:///apps/nightly</app-path>
    </workflow>
  </action>
</coordinator-app>
`,
	},
}

func runDST002(pass *lint.Pass) {
	r := newReporter(pass)
	for _, c := range coordinators(pass.Project) {
		f := c.Frequency
		calendar := f.Unit == ir.UnitDay || f.Unit == ir.UnitWeek || f.Unit == ir.UnitMonth || f.Unit == ir.UnitYear
		if !f.Resolved || !calendar || !c.Start.Resolved || !c.End.Resolved || !c.Timezone.Resolved {
			continue
		}
		from, to := coordWindow(c)
		if !wallMayHitChange(c, dstChanges(c.Timezone.Location, from, to)) {
			continue
		}
		reportWallTime(r, c, to)
	}
}

// wallMayHitChange reports whether the local time of day of c's schedule
// (that of its first nominal time) lies in the hour skipped or repeated by
// one of the changes; only then are the nominal times walked.
func wallMayHitChange(c *ir.Coordinator, changes []oozietime.Transition) bool {
	loc := c.Timezone.Location
	first := c.Start.Time
	if e, ok := endOfFlag(c.Frequency); ok {
		first = oozietime.MoveToEnd(first, loc, e)
	}
	wall := minuteOfDay(first.In(loc))
	for _, tr := range changes {
		low := min(tr.OffsetBefore, tr.OffsetAfter)
		from := minuteOfDay(tr.At.Add(time.Duration(low) * time.Second).UTC())
		width := (max(tr.OffsetBefore, tr.OffsetAfter) - low) / 60
		if (wall-from+1440)%1440 < width {
			return true
		}
	}
	return false
}

// dstHits collects the nominal times that hit a gap or an overlap.
type dstHits struct {
	dates []string // the first three local dates
	n     int
	first time.Time // the first nominal time hit
}

func (h *dstHits) add(t time.Time, loc *time.Location) {
	if h.n == 0 {
		h.first = t
	}
	if len(h.dates) < 3 {
		h.dates = append(h.dates, localDate(t, loc))
	}
	h.n++
}

// reportWallTime walks c's nominal times before limit and reports the gap
// and overlap days it finds.
func reportWallTime(r *reporter, c *ir.Coordinator, limit time.Time) {
	loc := c.Timezone.Location
	it := schedule.Nominals(c)
	var gaps, overlaps dstHits
	var wall time.Time // the first nominal time: its wall clock is the schedule's
	for i := 0; i < scanActions; i++ {
		n, ok := it.Next()
		if !ok || !n.Time.Before(limit) {
			break
		}
		if i == 0 {
			wall = n.Time
		}
		if slices.Contains(n.Flags, schedule.FlagDSTGap) {
			gaps.add(n.Time, loc)
		}
		if _, ok := otherOccurrence(n.Time, loc); ok {
			overlaps.add(n.Time, loc)
		}
	}
	if gaps.n == 0 && overlaps.n == 0 {
		return
	}
	want := wall.In(loc).Format("15:04")
	unit := "calendar days keep the offset of the previous action"
	if c.Frequency.Unit == ir.UnitMonth || c.Frequency.Unit == ir.UnitYear {
		unit = "a month step resolves a missing time forward"
	}
	rng := valueToken(c.Start.Text)
	if gaps.n > 0 {
		got := gaps.first.In(loc)
		dir := "an hour early"
		if d := minuteOfDay(got) - minuteOfDay(wall.In(loc)); d > 0 && d < 720 || d < -720 {
			dir = "an hour late"
		}
		detail := fmt.Sprintf("The schedule keeps the local time %s of its start, which does not exist when the clocks spring forward "+
			"on %s (within the first %d years). There Java's calendar, which Oozie uses, runs the action at %s (%s), %s because %s; "+
			"the next actions are back at %s. Move the start out of the hour the clocks skip, or use timezone UTC.",
			want, dateList(gaps.dates, gaps.n), scanYears, localClock(got, loc), got.UTC().Format("15:04Z"), dir, unit, want)
		r.report(rng, nil, detail, "Local action time %s falls in a daylight saving gap in time zone %q", want, c.Timezone.ID)
	}
	if overlaps.n > 0 {
		t := overlaps.first
		other, _ := otherOccurrence(t, loc)
		which := "first"
		if other.Before(t) {
			which = "second"
		}
		detail := fmt.Sprintf("The schedule keeps the local time %s of its start, which occurs twice when the clocks fall back "+
			"on %s (within the first %d years). Java's calendar, which Oozie uses, runs the action at the %s occurrence, "+
			"%s (%s), not at %s (%s). If it matters which one, move the start out of the hour that repeats, or use timezone UTC.",
			want, dateList(overlaps.dates, overlaps.n), scanYears, which,
			localClock(t, loc), t.UTC().Format("15:04Z"), localClock(other, loc), other.UTC().Format("15:04Z"))
		r.report(rng, nil, detail, "Local action time %s occurs twice on a daylight saving change in time zone %q", want, c.Timezone.ID)
	}
}

// otherOccurrence returns the other instant with the same local wall time as
// t in loc, when t's wall time occurs twice (a fall-back overlap).
func otherOccurrence(t time.Time, loc *time.Location) (time.Time, bool) {
	_, off := t.In(loc).Zone()
	for _, probe := range []time.Time{t.Add(-26 * time.Hour), t.Add(26 * time.Hour)} {
		_, o2 := probe.In(loc).Zone()
		if o2 == off {
			continue
		}
		u := t.Add(time.Duration(off-o2) * time.Second)
		if _, ou := u.In(loc).Zone(); ou == o2 {
			return u, true
		}
	}
	return time.Time{}, false
}

// minuteOfDay is the wall-clock minute of t in its location.
func minuteOfDay(t time.Time) int { return t.Hour()*60 + t.Minute() }
