package schedule

import (
	"errors"
	"time"

	"github.com/coordc/coordc/compiler/cron"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/hashicorp/hcl/v2"
)

// Nominal is one nominal time of a coordinator.
type Nominal struct {
	// Number is Oozie's action number, 1 for the first nominal time.
	Number int
	// Time is the nominal time in UTC.
	Time time.Time
	// Flags mark DST and calendar effects, sorted (see the Flag constants).
	Flags []string
}

// NominalIter streams the nominal times of a coordinator in order, in
// constant memory. Create it with Nominals.
type NominalIter struct {
	loc  *time.Location
	end  time.Time
	k    int // nominal times returned so far
	done bool
	err  error
	zone zoneInfo

	// Integer and EL frequencies: nominal k is orig + k·n units.
	orig     time.Time
	st       step
	n        int
	origWall wall
	calendar bool // DAY/WEEK/MONTH/YEAR: wall-clock steps that can hit gaps
	months   bool // MONTH/YEAR: steps that can clamp the day

	// Cron frequencies (cronnominal.go).
	cron   *cron.Expr
	cursor time.Time
	start  time.Time
	// freqRange locates the frequency; loops is set when the schedule
	// stopped because Quartz would search forever for the next fire.
	freqRange hcl.Range
	loops     *hcl.Diagnostic
}

// Stopped returns why the schedule ended before its end time, or nil: an
// error when Quartz, and so Oozie's materialization, would loop forever
// looking for the next fire of a cron frequency ('L-nW' with n ≥ 28).
func (it *NominalIter) Stopped() *hcl.Diagnostic { return it.loops }

// Nominals returns an iterator over the nominal times of c (SEMANTICS §5.2,
// §5.3). Every nominal time of an integer or EL frequency is computed from
// the (end-of adjusted) start in one calendar add, never by repeated
// addition. When c's schedule cannot be computed, Next returns false at once
// and Err says why.
func Nominals(c *ir.Coordinator) *NominalIter {
	it, diags := newNominals(c)
	if diags.HasErrors() || it == nil {
		it = &NominalIter{done: true, err: errors.New("the schedule cannot be computed")}
		if len(diags) > 0 {
			it.err = errors.New(diags[0].Summary)
		}
	}
	return it
}

// Err reports why the iterator yields nothing, or nil.
func (it *NominalIter) Err() error { return it.err }

// newNominals checks that the schedule is computable and prepares the
// iterator; the diagnostics are "not checked" notes for unknown values.
func newNominals(c *ir.Coordinator) (*NominalIter, hcl.Diagnostics) {
	name := textValue(c.Name)
	f := c.Frequency
	switch {
	case !f.Resolved:
		return nil, notComputed(textRange(f.Text, c.DeclRange), name, "its frequency is not known")
	case !c.Start.Resolved:
		return nil, notComputed(textRange(c.Start.Text, c.DeclRange), name, "its start is not known")
	case !c.End.Resolved:
		return nil, notComputed(textRange(c.End.Text, c.DeclRange), name, "its end is not known")
	case !c.Timezone.Resolved || c.Timezone.Location == nil:
		return nil, notComputed(textRange(c.Timezone.Text, c.DeclRange), name, "its timezone is not known")
	}
	loc := c.Timezone.Location
	it := &NominalIter{loc: loc, end: c.End.Time, zone: zoneInfo{loc: loc}}
	if f.Unit == ir.UnitCron {
		expr, err := cron.Parse(f.Cron)
		if err != nil {
			return nil, notComputed(textRange(f.Text, c.DeclRange), name, "its cron frequency does not parse")
		}
		it.cron, it.start, it.cursor = expr, c.Start.Time, c.Start.Time.Add(-time.Minute)
		it.freqRange = textRange(f.Text, c.DeclRange)
		return it, nil
	}
	st, ok := newStep(f.Unit, loc)
	if !ok || f.N <= 0 {
		return nil, notComputed(textRange(f.Text, c.DeclRange), name, "its frequency is not a positive number of a known unit")
	}
	it.orig = c.Start.Time
	if e, ok := endOf(f.EndOf); ok {
		it.orig = oozietime.MoveToEnd(it.orig, loc, e)
	}
	it.st, it.n = st, f.N
	it.origWall = wallOf(it.orig, loc)
	it.calendar = st.secs == 0
	it.months = f.Unit == ir.UnitMonth || f.Unit == ir.UnitYear
	return it, nil
}

func notComputed(rng hcl.Range, name, why string) hcl.Diagnostics {
	d := diag.NotChecked(rng, "Schedule of coordinator %q was not computed because %s", name, why)
	d.Detail = "coordc needs the frequency, start, end and timezone after job properties are applied. Define the missing parameters (-D or a properties file)."
	return hcl.Diagnostics{d}
}

func textRange(t *ir.Text, fallback hcl.Range) hcl.Range {
	if t != nil {
		return t.Range
	}
	return fallback
}

// Next returns the next nominal time; false when the schedule is exhausted
// (the end is exclusive).
func (it *NominalIter) Next() (Nominal, bool) {
	if it.done {
		return Nominal{}, false
	}
	if it.cron != nil {
		return it.nextCron()
	}
	t := it.at(it.k)
	if !t.Before(it.end) {
		it.done = true
		return Nominal{}, false
	}
	it.k++
	day, overlap := it.zone.dstFlags(t)
	var gap, clamped bool
	if it.calendar {
		w := wallOf(t, it.loc)
		gap = w.hour != it.origWall.hour || w.minute != it.origWall.minute
		clamped = it.months && w.day < it.origWall.day
	}
	return Nominal{Number: it.k, Time: t, Flags: flagSet(false, gap, overlap, day, clamped)}, true
}

func (it *NominalIter) at(k int) time.Time { return it.st.add(it.orig, k*it.n) }

// Average unit lengths used to estimate where a calendar schedule reaches a
// given instant; the estimate is then corrected exactly.
var avgSecs = map[oozietime.Field]int64{
	oozietime.Day: 86400, oozietime.Week: 7 * 86400, oozietime.Month: 2629746, oozietime.Year: 31556952,
}

// seek positions an integer-frequency iterator so that Next returns the
// first nominal time at or after from. Cron iterators are left unchanged.
func (it *NominalIter) seek(from time.Time) {
	if it.done || it.cron != nil || !from.After(it.orig) {
		return
	}
	diff := from.Unix() - it.orig.Unix()
	if it.st.secs != 0 {
		stepSecs := int64(it.n) * it.st.secs
		it.k = int((diff + stepSecs - 1) / stepSecs)
		return
	}
	k := int(diff/(avgSecs[it.st.field]*int64(it.n))) - 1
	if k < 0 {
		k = 0
	}
	for k > 0 && !it.at(k-1).Before(from) {
		k--
	}
	for it.at(k).Before(from) {
		k++
	}
	it.k = k
}
