package plan

import (
	"time"

	"github.com/coordc/coordc/lower/schedule"
)

// dstFlags are the flags that earn an action the "!" marker.
var dstFlags = [...]string{
	schedule.FlagDSTDay, schedule.FlagDSTGap, schedule.FlagDSTOverlap, schedule.FlagCronDSTCorrected,
}

// dstAffected reports whether a carries any DST flag.
func dstAffected(a *schedule.Action) bool {
	for _, f := range dstFlags {
		if hasFlag(a, f) {
			return true
		}
	}
	return false
}

// dstNotes describes the clock change on a local day, caching the last day
// asked for (actions on one day share it).
type dstNotes struct {
	key  time.Time // local midnight of the cached day, in its location
	note string
}

// about returns what changes on the local calendar day of t in t's own
// location, e.g. "clocks go forward 1h at 02:00: local 02:00 to 03:00 does
// not exist", or "" when the UTC offset is the same at both ends of the day.
func (c *dstNotes) about(t time.Time) string {
	y, m, d := t.Date()
	loc := t.Location()
	start := time.Date(y, m, d, 0, 0, 0, 0, loc)
	if start.Equal(c.key) && start.Location() == c.key.Location() {
		return c.note
	}
	c.key, c.note = start, dayNote(start, time.Date(y, m, d+1, 0, 0, 0, 0, loc))
	return c.note
}

// firstChange finds, by bisection to the second, the first instant after
// start whose UTC offset differs from start's (end's offset must differ).
func firstChange(start, end time.Time) time.Time {
	_, before := start.Zone()
	lo, hi := start, end
	for hi.Sub(lo) > time.Second {
		mid := lo.Add(hi.Sub(lo) / 2)
		if _, off := mid.Zone(); off == before {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi
}

// dayNote describes the first offset change between start and end.
func dayNote(start, end time.Time) string {
	_, before := start.Zone()
	_, after := end.Zone()
	if before == after {
		return ""
	}
	hi := firstChange(start, end)
	_, after = hi.Zone()
	wall := hi.UTC().Add(time.Duration(before) * time.Second) // the old clock's reading
	delta := time.Duration(after-before) * time.Second
	b := make([]byte, 0, 80)
	if delta > 0 {
		b = append(b, "clocks go forward "...)
		b = appendDuration(b, delta)
		b = append(b, " at "...)
		b = appendClock(b, wall)
		b = append(b, ": local "...)
		b = appendClock(b, wall)
		b = append(b, " to "...)
		b = appendClock(b, wall.Add(delta))
		b = append(b, " does not exist"...)
	} else {
		b = append(b, "clocks go back "...)
		b = appendDuration(b, -delta)
		b = append(b, " at "...)
		b = appendClock(b, wall)
		b = append(b, ": local "...)
		b = appendClock(b, wall.Add(delta))
		b = append(b, " to "...)
		b = appendClock(b, wall)
		b = append(b, " happens twice"...)
	}
	return string(b)
}

// appendClock appends the HH:mm of t (already shifted to the wanted wall
// clock and expressed in UTC).
func appendClock(b []byte, t time.Time) []byte {
	h, m, _ := t.Clock()
	b = append2(b, h)
	b = append(b, ':')
	return append2(b, m)
}
