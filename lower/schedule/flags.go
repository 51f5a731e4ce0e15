package schedule

import (
	"time"

	"github.com/coordc/coordc/compiler/oozietime"
)

// zoneInfo answers the DST questions behind the action flags for instants
// of one zone, caching the transitions of a window around the instants
// asked about (nominal times only move forward).
type zoneInfo struct {
	loc      *time.Location
	from, to time.Time
	trans    []oozietime.Transition
	loaded   bool
}

const (
	zoneMargin = 72 * time.Hour
	zoneWindow = 366 * 24 * time.Hour
)

// around returns the transitions within zoneMargin of t.
func (z *zoneInfo) around(t time.Time) []oozietime.Transition {
	if !z.loaded || t.Before(z.from.Add(zoneMargin)) || !t.Before(z.to.Add(-zoneMargin)) {
		z.from, z.to, z.loaded = t.Add(-2*zoneMargin), t.Add(zoneWindow), true
		z.trans = oozietime.Transitions(z.loc, z.from, z.to)
	}
	lo, hi := t.Add(-zoneMargin), t.Add(zoneMargin)
	i := 0
	for i < len(z.trans) && z.trans[i].At.Before(lo) {
		i++
	}
	j := i
	for j < len(z.trans) && z.trans[j].At.Before(hi) {
		j++
	}
	return z.trans[i:j]
}

// dstFlags reports whether the local day of t has a transition and whether
// the wall time of t occurs twice (fall-back overlap).
func (z *zoneInfo) dstFlags(t time.Time) (day, overlap bool) {
	near := z.around(t)
	if len(near) == 0 {
		return false, false
	}
	dayStart := oozietime.StartOfDay(t, z.loc)
	dayEnd := oozietime.StartOfDay(oozietime.Add(dayStart, z.loc, oozietime.Day, 1), z.loc)
	for _, tr := range near {
		if !tr.At.Before(dayStart) && tr.At.Before(dayEnd) {
			day = true
		}
		if d := time.Duration(tr.OffsetBefore-tr.OffsetAfter) * time.Second; d > 0 {
			if !t.Before(tr.At.Add(-d)) && t.Before(tr.At.Add(d)) {
				overlap = true
			}
		}
	}
	return day, overlap
}

// wall is the local wall clock an integer schedule keeps.
type wall struct{ hour, minute, day int }

func wallOf(t time.Time, loc *time.Location) wall {
	l := t.In(loc)
	return wall{l.Hour(), l.Minute(), l.Day()}
}

// flagSet builds a sorted flag list; the constants are appended in
// alphabetical order.
func flagSet(cron, gap, overlap, day, clamped bool) []string {
	if !(cron || gap || overlap || day || clamped) {
		return nil
	}
	out := make([]string, 0, 2)
	for _, f := range []struct {
		on   bool
		name string
	}{{cron, FlagCronDSTCorrected}, {gap, FlagDSTGap}, {overlap, FlagDSTOverlap}, {day, FlagDSTDay}, {clamped, FlagMonthEndClamped}} {
		if f.on {
			out = append(out, f.name)
		}
	}
	return out
}
