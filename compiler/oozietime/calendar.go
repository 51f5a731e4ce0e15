package oozietime

import (
	"strconv"
	"time"
)

// Field is a java.util.Calendar field Oozie adds to.
type Field int

// The fields Oozie's TimeUnit maps to Calendar fields.
const (
	Minute Field = iota // Calendar.MINUTE: absolute
	Hour                // Calendar.HOUR: absolute
	Day                 // Calendar.DAY_OF_MONTH: keeps local wall time
	Week                // Calendar.WEEK_OF_YEAR: seven days, keeps local wall time
	Month               // Calendar.MONTH: pins the day of month, wall time re-resolved
	Year                // Calendar.YEAR: pins Feb 29, wall time re-resolved
)

// String returns the Oozie TimeUnit name of f ("MINUTE", "DAY", ...).
func (f Field) String() string {
	switch f {
	case Minute:
		return "MINUTE"
	case Hour:
		return "HOUR"
	case Day:
		return "DAY"
	case Week:
		return "WEEK"
	case Month:
		return "MONTH"
	case Year:
		return "YEAR"
	}
	return "Field(" + strconv.Itoa(int(f)) + ")"
}

const secondsPerDay = 86400

// Add returns t plus n units of f, computed as
// java.util.GregorianCalendar.add does in loc:
//
//   - Minute, Hour: absolute (n·60 s, n·3600 s).
//   - Day, Week: same local wall time n (or 7n) days later, converted with the
//     offset of the starting point; if the zone offset there differs, the
//     result moves by the difference unless that changes the date. So a
//     spring-forward gap lands one hour earlier (02:30 → 01:30 standard) and
//     a fall-back overlap keeps the starting point's offset when it can.
//   - Month, Year: same day of month, clamped to the month's length (Jan 31
//   - 1 month = Feb 28/29), wall time resolved like Calendar.getTime: a gap
//     moves forward (02:30 → 03:30 DST), an overlap takes the second, standard
//     occurrence.
//
// Results are in UTC. A zero n, or an unknown field, returns t unchanged, as
// Java does for a zero amount. n is meant to be within Java's int range.
func Add(t time.Time, loc *time.Location, f Field, n int) time.Time {
	if n == 0 {
		return t
	}
	switch f {
	case Minute:
		return time.Unix(t.Unix()+60*int64(n), int64(t.Nanosecond())).UTC()
	case Hour:
		return time.Unix(t.Unix()+3600*int64(n), int64(t.Nanosecond())).UTC()
	case Day:
		return addDays(t, loc, int64(n))
	case Week:
		return addDays(t, loc, 7*int64(n))
	case Month:
		return addMonths(t, loc, int64(n))
	case Year:
		return addMonths(t, loc, 12*int64(n))
	}
	return t
}

// local is a wall-clock reading: days since 1970-01-01 and seconds into that
// day, plus the nanoseconds Go keeps below the second.
type local struct {
	day  int64
	sec  int64
	nsec int
}

func offsetAt(loc *time.Location, unix int64) int64 {
	_, off := time.Unix(unix, 0).In(loc).Zone()
	return int64(off)
}

func toLocal(t time.Time, loc *time.Location) local {
	w := t.Unix() + offsetAt(loc, t.Unix())
	return local{day: floorDiv(w, secondsPerDay), sec: floorMod(w, secondsPerDay), nsec: t.Nanosecond()}
}

func addDays(t time.Time, loc *time.Location, delta int64) time.Time {
	off0 := offsetAt(loc, t.Unix())
	l := toLocal(t, loc)
	fd := l.day + delta
	u := fd*secondsPerDay + l.sec - off0
	if diff := off0 - offsetAt(loc, u); diff != 0 {
		u2 := u + diff
		if floorDiv(u2+offsetAt(loc, u2), secondsPerDay) == fd {
			u = u2
		}
	}
	return time.Unix(u, int64(l.nsec)).UTC()
}

func addMonths(t time.Time, loc *time.Location, delta int64) time.Time {
	l := toLocal(t, loc)
	y, m, d := civil(l.day)
	mi := int64(m-1) + delta
	y += floorDiv(mi, 12)
	m = time.Month(floorMod(mi, 12) + 1)
	day := daysFromCivil(y, m, min(d, int64(daysIn(int(y), m))))
	if y == 1582 && d > int64(daysIn(int(y), m)) {
		// In the cutover year GregorianCalendar.pinDayOfMonth measures the
		// month the lenient date falls in: 1580-02-29 + 2 years is the
		// non-existent Julian 1582-02-29, read as March 1st.
		first := daysFromCivil(y, m, 1)
		ny, nm, _ := civil(first + d - 1)
		day = first + min(d, int64(daysIn(int(ny), nm))) - 1
	}
	return resolveWall(loc, local{day: day, sec: l.sec, nsec: l.nsec})
}

// resolveWall converts a wall-clock reading to an instant the way
// GregorianCalendar.computeTime does through ZoneInfo.getOffsetsByWall: the
// offset is the one set by the last transition whose post-transition wall
// time is at or before w, so gap times move forward and overlap times take
// the later instant.
func resolveWall(loc *time.Location, w local) time.Time {
	ws := w.day*secondsPerDay + w.sec
	guess := ws - offsetAt(loc, ws)
	const window = 3 * secondsPerDay // wider than any offset change
	cur := guess - window
	off := offsetAt(loc, cur)
	for i := 0; i < 64; i++ {
		_, end := time.Unix(cur, 0).In(loc).ZoneBounds()
		if end.IsZero() || end.Unix() <= cur || end.Unix() > guess+window {
			break
		}
		cur = end.Unix()
		if after := offsetAt(loc, cur); cur+after <= ws {
			off = after
		}
	}
	return time.Unix(ws-off, int64(w.nsec)).UTC()
}

// StartOfDay returns local midnight of t's day in loc, as
// Calendar.set(HOUR_OF_DAY, MINUTE, SECOND, MILLISECOND = 0) then getTime():
// where midnight does not exist (a DST change at 00:00) it is the first
// instant after the gap.
func StartOfDay(t time.Time, loc *time.Location) time.Time {
	return resolveWall(loc, local{day: toLocal(t, loc).day})
}

// AtLocalTime returns the instant of the wall-clock time sec seconds after
// midnight on t's day in loc, as Calendar.set(year, month, day, h, m, s)
// then getTime(): a time in a gap moves forward, one in an overlap takes
// the later instant.
func AtLocalTime(t time.Time, loc *time.Location, sec int64) time.Time {
	return resolveWall(loc, local{day: toLocal(t, loc).day, sec: sec})
}

// StartOfWeek returns 00:00 of the Sunday that starts t's week in loc
// (en_US: weeks start on Sunday), as Calendar.set(DAY_OF_WEEK, SUNDAY) with
// the time fields cleared.
func StartOfWeek(t time.Time, loc *time.Location) time.Time {
	day := toLocal(t, loc).day
	return resolveWall(loc, local{day: day - weekday(day)})
}

// StartOfMonth returns 00:00 of the first day of t's month in loc, as
// Calendar.set(DAY_OF_MONTH, 1) with the time fields cleared.
func StartOfMonth(t time.Time, loc *time.Location) time.Time {
	y, m, _ := civil(toLocal(t, loc).day)
	return resolveWall(loc, local{day: daysFromCivil(y, m, 1)})
}

// EndOf is Oozie's end-of-duration flag (TimeUnit END_OF_DAY, END_OF_WEEK,
// END_OF_MONTH).
type EndOf int

// The end-of-duration flags set by coord:endOfDays/endOfWeeks/endOfMonths.
const (
	EndOfDay EndOf = iota + 1
	EndOfWeek
	EndOfMonth
)

// MoveToEnd is Oozie's DateUtils.moveToEnd in loc. EndOfDay: add one day,
// then hour, minute and second set to 0. EndOfMonth: add one month, day 1,
// 00:00:00. EndOfWeek: add one week, DAY_OF_WEEK = Sunday, 00:00:00. It
// always moves, even from a boundary. Milliseconds are left alone, as in
// Oozie; any other value of e returns t.
func MoveToEnd(t time.Time, loc *time.Location, e EndOf) time.Time {
	switch e {
	case EndOfDay:
		l := toLocal(Add(t, loc, Day, 1), loc)
		return resolveWall(loc, local{day: l.day, nsec: l.nsec})
	case EndOfWeek:
		l := toLocal(Add(t, loc, Week, 1), loc)
		return resolveWall(loc, local{day: l.day - weekday(l.day), nsec: l.nsec})
	case EndOfMonth:
		// Calendar.add(MONTH) only sets fields; the one resolution happens
		// after day and time are set, so only the target month matters.
		l := toLocal(t, loc)
		y, m, _ := civil(l.day)
		if m == time.December {
			y, m = y+1, time.January
		} else {
			m++
		}
		return resolveWall(loc, local{day: daysFromCivil(y, m, 1), nsec: l.nsec})
	}
	return t
}

// weekday returns 0 for Sunday … 6 for Saturday; day 0 (1970-01-01) was a
// Thursday.
func weekday(day int64) int64 { return floorMod(day+4, 7) }

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

// gregorianCivil converts days since 1970-01-01 to a proleptic Gregorian
// date.
func gregorianCivil(day int64) (y int64, m time.Month, d int64) {
	z := day + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	mm := mp + 3
	if mm > 12 {
		mm -= 12
	}
	y = yoe + era*400
	if mm <= 2 {
		y++
	}
	return y, time.Month(mm), d
}

// daysFromGregorian converts a proleptic Gregorian date to days since
// 1970-01-01.
func daysFromGregorian(y int64, m time.Month, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mm := int64(m)
	if mm > 2 {
		mm -= 3
	} else {
		mm += 9
	}
	doy := (153*mm+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}
