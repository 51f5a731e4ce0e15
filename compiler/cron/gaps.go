package cron

import (
	"math/bits"
	"slices"
	"time"
)

// The Gregorian calendar repeats every 400 years (146097 days, a whole
// number of weeks), and so does every cron schedule evaluated in UTC.
var (
	cycleStart = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	cycleEnd   = time.Date(2400, 1, 1, 0, 0, 0, 0, time.UTC)
)

// MinGap returns the shortest interval between two consecutive fires over a
// whole 400-year Gregorian cycle, which covers every gap the expression can
// ever produce. ok is false when it fires fewer than twice in the cycle.
// Oozie applies its DST correction (SEMANTICS §5.3) to an action exactly
// when the gap from the previous fire is at least 24 hours, so MinGap ≥ 24h
// means every fire is subject to it.
func (e *Expr) MinGap() (time.Duration, bool) {
	e.gapsOnce.Do(e.computeGaps)
	return e.minGap, e.gapsOK
}

// MaxGap is like MinGap for the longest interval. MaxGap ≥ 24h while
// MinGap < 24h marks a mixed schedule where only some fires get Oozie's DST
// correction (for example `0 10,13 * * MON-FRI`).
func (e *Expr) MaxGap() (time.Duration, bool) {
	e.gapsOnce.Do(e.computeGaps)
	return e.maxGap, e.gapsOK
}

// FiresAtMostDaily reports whether every two consecutive fires are at least
// 24 hours apart (true as well when the expression fires at most once).
func (e *Expr) FiresAtMostDaily() bool {
	g, ok := e.MinGap()
	return !ok || g >= 24*time.Hour
}

// computeGaps walks the firing days of one cycle. All fires of a day share
// the same times of day (the minute and hour sets), so gaps inside a day
// come from those sets and one Next call per firing day finds the rest.
func (e *Expr) computeGaps() {
	v := &e.variants[0]
	var tods []int
	for h := v.hours; h != 0; h &= h - 1 {
		hr := bits.TrailingZeros64(h)
		for m := v.minutes; m != 0; m &= m - 1 {
			tods = append(tods, hr*60+bits.TrailingZeros64(m))
		}
	}
	firstTod, lastTod := tods[0], tods[len(tods)-1]
	var gs []time.Duration
	for i := 1; i < len(tods); i++ {
		gs = append(gs, time.Duration(tods[i]-tods[i-1])*time.Minute)
	}
	if e.n == 1 && v.everyDay() {
		gs = append(gs, time.Duration(1440-lastTod+firstTod)*time.Minute)
	} else if !e.walkDays(firstTod, lastTod, func(g time.Duration) { gs = append(gs, g) }) {
		return
	}
	if len(gs) == 0 {
		return
	}
	e.minGap, e.maxGap, e.gapsOK = slices.Min(gs), slices.Max(gs), true
}

// walkDays reports the gap from the last fire of each firing day of the
// cycle to the next fire; false when the expression never fires in it.
func (e *Expr) walkDays(firstTod, lastTod int, gap func(time.Duration)) bool {
	t, ok := e.Next(cycleStart.Add(-time.Minute))
	fired := ok && t.Before(cycleEnd)
	for ok && t.Before(cycleEnd) {
		last := t.Add(time.Duration(lastTod-firstTod) * time.Minute)
		if t, ok = e.Next(last); ok {
			gap(t.Sub(last))
		}
	}
	return fired
}

// everyDay reports whether v fires on every day of every month.
func (v *variant) everyDay() bool {
	if v.months != fullMask(1, 12) {
		return false
	}
	if v.dom.noSpec {
		return v.dow.bits == fullMask(1, 7) && !v.dow.lastDOW && v.dow.nth == 0
	}
	return v.dom.bits == fullMask(1, 31) && !v.dom.lastDOM && !v.dom.nearestW
}
