package cron

import (
	"math/bits"
	"time"
)

// variant is one Quartz expression ("0 " + the five Oozie fields, with
// day-of-month or day-of-week replaced by '?').
type variant struct {
	minutes, hours, months uint64
	dom, dow               field
}

// check applies Quartz's cross-field rules on day-of-month and day-of-week.
func (v *variant) check(s string, fields [5]string, lead int) *ParseError {
	if v.dow.noSpec && !v.dom.lastDOM && v.dom.noSpec && !v.dom.allMark {
		return &ParseError{Expr: s, Field: fDOW, Offset: v.dow.noSpecAt, Length: 1,
			Msg: "'?' cannot be used in both the day-of-month and the day-of-week field; name the days in one of them"}
	}
	if v.dom.noSpec == v.dow.noSpec {
		return &ParseError{Expr: s, Field: fDOW, Offset: lead + fieldOffset(fields, fDOW), Length: max(1, len(fields[fDOW])),
			Msg: "either the day-of-month or the day-of-week field must be '?'-free; Quartz cannot read both as '?'"}
	}
	return nil
}

// Quartz stops looking for a fire in years after this one, whatever its
// horizon.
const quartzLastYear = 2999

// maxSteps bounds the search loop. Legitimate searches over 100 years take a
// few thousand steps; only expressions on which Quartz itself loops forever
// ('L-nW' with n ≥ 28) reach the bound.
const maxSteps = 200_000

// next returns the first fire of v strictly after the minute afterMin
// (minutes since the epoch), searching no later than year maxYear. It
// follows Quartz 2.3.2's CronExpression.getTimeAfter step by step (seconds
// are always 0), including the way it moves the calendar, so that its
// quirks around 'W' in short months come out the same.
func (v *variant) next(afterMin int64, maxYear int) (int64, nextStatus) {
	cl := stampOf(afterMin + 1)
	for step := 0; step < maxSteps; step++ {
		if cl.year > quartzLastYear {
			return 0, never
		}
		// Minute.
		hr := cl.hour
		m, ok := nextBit(v.minutes, cl.minute)
		if !ok {
			m, hr = firstBit(v.minutes), hr+1
		}
		if !ok || m != cl.minute {
			cl.minute, cl.hour = m, hr
			cl.normalize()
			continue
		}
		// Hour.
		day := cl.day
		h, ok := nextBit(v.hours, cl.hour)
		if !ok {
			h, day = firstBit(v.hours), day+1
		}
		if !ok || h != cl.hour {
			cl.minute, cl.hour, cl.day = 0, h, day
			cl.normalize()
			continue
		}
		// Day.
		if v.dom.noSpec {
			if moved := v.byWeekday(&cl); moved {
				continue
			}
		} else if moved := v.byMonthDay(&cl, afterMin); moved {
			continue
		}
		// Month.
		if cl.year > maxYear {
			return 0, never
		}
		year := cl.year
		mo, ok := nextBit(v.months, cl.month)
		if !ok {
			mo, year = firstBit(v.months), year+1
		}
		if !ok || mo != cl.month {
			cl = stamp{year, mo, 1, 0, 0}
			cl.normalize()
			continue
		}
		// Year: Quartz's year set is 1970 to its horizon.
		if cl.year < 1970 {
			cl = stamp{1970, 1, 1, 0, 0}
			continue
		}
		return cl.minutes(), fired
	}
	return 0, loops
}

// byMonthDay is Quartz's day-of-month rule. It moves cl and reports true
// when the current day does not fire.
func (v *variant) byMonthDay(cl *stamp, afterMin int64) bool {
	f := &v.dom
	day, mon, year := cl.day, cl.month, cl.year
	t, tmon := -1, mon
	switch {
	case f.lastDOM && !f.nearestW:
		t = day
		day = lastDay(mon, year) - f.lastOff
		if t > day {
			mon++
			if mon > 12 {
				mon, tmon, year = 1, -1, year+1
			}
			day = 1
		}
	case f.nearestW:
		t = day
		want := f.first()
		if f.lastDOM {
			want = lastDay(mon, year) - f.lastOff
		}
		day = nearestWeekday(year, mon, want)
		at := stamp{year, mon, day, cl.hour, cl.minute}
		if at.minutes() <= afterMin {
			day, mon = want, mon+1
			if f.lastDOM {
				day = 1
			}
		}
	default:
		if d, ok := nextBit(f.bits, day); ok {
			t, day = day, d
			if day > lastDay(mon, year) {
				day, mon = f.first(), mon+1
			}
		} else {
			day, mon = f.first(), mon+1
		}
	}
	if day != t || mon != tmon {
		*cl = stamp{year, mon, day, 0, 0}
		cl.normalize()
		return true
	}
	return false
}

// nearestWeekday applies Quartz's 'W' shift to day d of month mon (d may be
// outside the month; Java's lenient calendar then reads the weekday of the
// day it overflows to).
func nearestWeekday(year, mon, d int) int {
	ldom := lastDay(mon, year)
	switch wd := weekday(daysFromCivil(year, mon, d)); {
	case wd == 7 && d == 1:
		return d + 2
	case wd == 7:
		return d - 1
	case wd == 1 && d == ldom:
		return d - 2
	case wd == 1:
		return d + 1
	}
	return d
}

// byWeekday is Quartz's day-of-week rule (plain sets, nL and n#k).
func (v *variant) byWeekday(cl *stamp) bool {
	f := &v.dow
	day, mon, year := cl.day, cl.month, cl.year
	cdow := weekday(daysFromCivil(year, mon, day))
	ldom := lastDay(mon, year)
	want := f.first()
	if !f.lastDOW && f.nth == 0 {
		if d, ok := nextBit(f.bits, cdow); ok {
			want = d
		}
	}
	add := 0
	if cdow < want {
		add = want - cdow
	} else if cdow > want {
		add = want + 7 - cdow
	}
	nextMonth := func() bool {
		*cl = stamp{year, mon + 1, 1, 0, 0}
		cl.normalize()
		return true
	}
	moveTo := func(d int) bool {
		*cl = stamp{year, mon, d, 0, 0}
		cl.normalize()
		return true
	}
	switch {
	case f.lastDOW:
		if day+add > ldom {
			return nextMonth()
		}
		for day+add+7 <= ldom {
			add += 7
		}
		if add > 0 {
			return moveTo(day + add)
		}
	case f.nth != 0:
		shifted := add > 0
		day += add
		week := day / 7
		if day%7 > 0 {
			week++
		}
		add = (f.nth - week) * 7
		day += add
		if add < 0 || day > ldom {
			return nextMonth()
		}
		if add > 0 || shifted {
			return moveTo(day)
		}
	default:
		if day+add > ldom {
			return nextMonth()
		}
		if add > 0 {
			return moveTo(day + add)
		}
	}
	return false
}

// nextBit returns the smallest set bit ≥ from.
func nextBit(b uint64, from int) (int, bool) {
	if from >= 64 {
		return 0, false
	}
	r := b & (^uint64(0) << uint(from))
	if r == 0 {
		return 0, false
	}
	return bits.TrailingZeros64(r), true
}

func firstBit(b uint64) int { return bits.TrailingZeros64(b) }

// Next returns the first fire time strictly after `after`, in UTC, with
// minute precision (sub-second parts of `after` are ignored). The second
// result is false when the expression does not fire in the years up to
// after's year + 100 — a deterministic stand-in for Quartz's horizon of the
// server's current year + 100 — or when Oozie itself would get no answer:
// an expression whose day-of-month and day-of-week are both specific, one
// of whose two Quartz variants never fires (Oozie then fails with a
// NullPointerException), or an expression on which Quartz loops forever.
func (e *Expr) Next(after time.Time) (time.Time, bool) {
	t, st := e.next(after)
	return t, st == fired
}

// Loops reports whether Quartz's search for the first fire after `after`
// never ends ('L-nW' with n ≥ 28 in some months): Oozie's submit or its
// materialization would hang there. Next reports no fire in that case.
func (e *Expr) Loops(after time.Time) bool {
	_, st := e.next(after)
	return st == loops
}

// LoopsBefore walks the fires from one minute before start (as Oozie's
// materialization does) and reports the point after which Quartz's search
// never ends, when that happens before end: the last fire before it, or
// start − 1 minute.
func (e *Expr) LoopsBefore(start, end time.Time) (after time.Time, ok bool) {
	after = start.Add(-time.Minute)
	for after.Before(end) {
		next, st := e.next(after)
		switch {
		case st == loops:
			return after, true
		case st != fired:
			return time.Time{}, false
		}
		after = next
	}
	return time.Time{}, false
}

type nextStatus int

const (
	fired nextStatus = iota
	never
	variantNever // OR form, one variant never fires: Oozie's NullPointerException
	loops        // Quartz's search never ends
)

func (e *Expr) next(after time.Time) (time.Time, nextStatus) {
	after = after.UTC()
	if after.Year() > quartzLastYear {
		return time.Time{}, never
	}
	// Quartz never fires before 1970; its horizon is counted from the
	// effective start of the search.
	afterMin, maxYear := int64(-1), 1970+100
	if after.Year() >= 1970 {
		afterMin, maxYear = floorDiv64(after.Unix(), 60), after.Year()+100
	}
	best, st := e.variants[0].next(afterMin, maxYear)
	if e.n == 2 {
		other, st2 := e.variants[1].next(afterMin, maxYear)
		switch {
		case st == loops || st2 == loops:
			return time.Time{}, loops
		case st != fired || st2 != fired:
			return time.Time{}, variantNever
		}
		best = min(best, other)
	}
	if st != fired {
		return time.Time{}, st
	}
	return time.Unix(best*60, 0).UTC(), fired
}
