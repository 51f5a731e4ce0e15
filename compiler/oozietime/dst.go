package oozietime

import "time"

// maxZoneSteps bounds the walk over neighbouring zone periods when looking
// for the standard offset; real zones need one or two steps.
const maxZoneSteps = 32

// DSTSavings returns what Java's Calendar.get(DST_OFFSET) gives at t in loc:
// how far the clock is ahead of the zone's standard time, 0 outside DST.
//
// Java reads the tz database in its "rearguard" form, where DST always
// advances the clock; the embedded database may mark some periods with a
// negative save instead (Europe/Dublin's winter). Both forms give the same
// answer here: the standard offset is the lower of the offsets of t's period
// and of a period on the other side of the DST flag (see standardOffset).
func DSTSavings(t time.Time, loc *time.Location) time.Duration {
	lt := t.In(loc)
	_, off := lt.Zone()
	std, ok := standardOffset(lt, loc)
	if !ok || std >= off {
		return 0
	}
	return time.Duration(off-std) * time.Second
}

// InDST reports whether t is in daylight saving time in loc, as
// TimeZone.inDaylightTime does (DST_OFFSET is not zero).
func InDST(t time.Time, loc *time.Location) bool {
	return DSTSavings(t, loc) != 0
}

// standardOffset finds the offset that tells lt's standard offset: that of
// a neighbouring zone period on the other side of the DST flag with a
// different offset. Both the period just before lt's and the one just after
// are tried (Samoa's 2011 date-line jump kept the DST flag, Moscow 1991 and
// Lisbon 1996 changed the flag without changing the offset) and the smaller
// saving wins, since a zone may change its standard offset when DST starts
// (Asia/Ust-Nera on 1981-04-01: +09 to +12, that is +11 standard and one
// hour of DST). A DST period takes a standard offset below its own where one
// is in sight: the period before wartime EWT in Iqaluit (1942) was 00, the one
// after it EST. Only a DST period looks further when neither neighbour tells
// (British double summer time is next to summer time); a period without the
// DST flag is in DST only next to a negative save (Dublin's summer).
func standardOffset(lt time.Time, loc *time.Location) (int, bool) {
	dst := lt.IsDST()
	_, own := lt.Zone()
	differs := func(t time.Time) (int, bool) {
		_, off := t.Zone()
		return off, t.IsDST() != dst && off != own
	}
	best, found := 0, false
	for _, dir := range []int{-1, +1} {
		if n, ok := neighbour(lt, loc, dir); ok {
			if off, ok := differs(n); ok && (!found || own-off < own-best) && (dst || negativeSave(n, loc, dir)) && (!dst || off < own) {
				best, found = off, true
			}
		}
	}
	if found || !dst {
		return best, found
	}
	far, farFound := 0, false
	for _, dir := range []int{-1, +1} {
		cur, ok := lt, true
		for i := 0; ok && i < maxZoneSteps; i++ {
			if cur, ok = neighbour(cur, loc, dir); ok {
				if off, ok := differs(cur); ok {
					if off < own {
						return off, true
					}
					if !farFound {
						far, farFound = off, true
					}
					break
				}
			}
		}
	}
	return far, farFound
}

// negativeSave reports whether the DST period of n is the tz database's
// negative save (Dublin's winter, Morocco's Ramadan): lower than the periods
// on both sides of it, which are not DST. dir is the side lt is not on.
func negativeSave(n time.Time, loc *time.Location, dir int) bool {
	name, off := n.Zone()
	beyond := n
	for i := 0; i < maxZoneSteps; i++ {
		next, ok := neighbour(beyond, loc, dir)
		if !ok {
			return false
		}
		beyond = next
		// Rule-based periods are split at year boundaries: skip to where
		// the offset or the flag changes.
		if bn, bo := beyond.Zone(); bn != name || bo != off || !beyond.IsDST() {
			break
		}
	}
	_, other := beyond.Zone()
	return !beyond.IsDST() && other > off
}

// neighbour returns an instant in the zone period before (dir < 0) or after
// lt's period, and false when lt's period is the first or last one.
func neighbour(lt time.Time, loc *time.Location, dir int) (time.Time, bool) {
	start, end := lt.ZoneBounds()
	if dir < 0 {
		if start.IsZero() {
			return time.Time{}, false
		}
		return start.Add(-time.Second).In(loc), true
	}
	if end.IsZero() {
		return time.Time{}, false
	}
	return end.In(loc), true
}

// DSTOffset is Oozie's DaylightOffsetCalculator.getDSTOffset(tz, jobStart,
// next) used to correct cron nominal times (SEMANTICS §5.3): +DST_OFFSET at
// jobStart when jobStart is in DST and next is not, −DST_OFFSET at next when
// next is in DST and jobStart is not, otherwise 0.
func DSTOffset(loc *time.Location, jobStart, next time.Time) time.Duration {
	a, b := InDST(jobStart, loc), InDST(next, loc)
	switch {
	case a && !b:
		return DSTSavings(jobStart, loc)
	case !a && b:
		return -DSTSavings(next, loc)
	}
	return 0
}

// Transition is a change of a zone's UTC offset.
type Transition struct {
	At           time.Time // first instant with the new offset, in UTC
	OffsetBefore int       // seconds east of UTC before At
	OffsetAfter  int       // seconds east of UTC from At on
}

// maxTransitions caps how many transitions one Transitions call returns, so
// an absurd range cannot run for ever.
const maxTransitions = 100000

// Transitions lists the offset changes of loc in [from, to), oldest first
// (changes of abbreviation or DST flag alone are skipped). At most 100000
// are returned.
func Transitions(loc *time.Location, from, to time.Time) []Transition {
	var out []Transition
	cur := from.In(loc)
	if start, _ := cur.ZoneBounds(); start.Equal(from) && from.Before(to) {
		_, before := start.Add(-time.Second).In(loc).Zone()
		if _, after := cur.Zone(); after != before {
			out = append(out, Transition{At: from.UTC(), OffsetBefore: before, OffsetAfter: after})
		}
	}
	for steps := 0; len(out) < maxTransitions && steps < 4*maxTransitions; steps++ {
		_, end := cur.ZoneBounds()
		if end.IsZero() {
			break // no further changes: a fixed zone, or past the last one
		}
		probed := false
		if !end.After(cur) {
			// Go's ZoneBounds can return a stale end at the close of a leap
			// year in the years its zone rules are computed for; step a day
			// and find any change in between by bisection.
			end, probed = cur.Add(24*time.Hour), true
		}
		last := !end.Before(to)
		if last {
			if !probed {
				break
			}
			end = to
		}
		_, before := cur.Zone()
		if _, after := end.In(loc).Zone(); after != before {
			at := end
			if probed {
				at = firstChange(loc, cur, end)
			}
			if at.Before(to) {
				out = append(out, Transition{At: at.UTC(), OffsetBefore: before, OffsetAfter: after})
			}
		}
		if last {
			break
		}
		cur = end.In(loc)
	}
	return out
}

// firstChange returns the first instant in (a, b] whose UTC offset in loc
// differs from the offset at a, to the second, by bisection; the caller
// knows the offsets at a and b differ.
func firstChange(loc *time.Location, a, b time.Time) time.Time {
	_, off := a.In(loc).Zone()
	for b.Sub(a) > time.Second {
		mid := a.Add(b.Sub(a) / 2).Truncate(time.Second)
		if _, o := mid.In(loc).Zone(); o == off {
			a = mid
		} else {
			b = mid
		}
	}
	return b
}
