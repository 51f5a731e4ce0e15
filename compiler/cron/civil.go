package cron

// Proleptic Gregorian calendar arithmetic on plain integers, in UTC. Quartz
// evaluates Oozie cron expressions with a lenient java.util.GregorianCalendar
// in the processing timezone (UTC, so no DST); lenient field setting is
// reproduced by stamp, which normalizes out-of-range fields the way Java
// does. Julian dates before 1582 do not matter: Quartz never fires before
// 1970.

// daysFromCivil returns the number of days from 1970-01-01 to y-m-d, for any
// month m (normalized into the year first) and any day d (counted from the
// first of the month).
func daysFromCivil(y, m, d int) int {
	m--
	y += floorDiv(m, 12)
	m = floorMod(m, 12) + 1
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp + 2) / 5
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468 + d - 1
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int) (y, m, d int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		m = mp + 3
	} else {
		m = mp - 9
		y++
	}
	return y, m, d
}

// weekday returns the day of the week of a day number, Quartz style:
// 1 = Sunday … 7 = Saturday. 1970-01-01 was a Thursday (5).
func weekday(days int) int {
	return floorMod(days+4, 7) + 1
}

func isLeap(y int) bool {
	return y%4 == 0 && (y%100 != 0 || y%400 == 0)
}

// lastDay returns the length of month m (1–12) of year y.
func lastDay(m, y int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int) int {
	return a - floorDiv(a, b)*b
}

// stamp is a calendar position with minute precision (seconds are always 0
// in Oozie cron). Fields may be out of range until normalize is called,
// like a lenient Java Calendar between set and get.
type stamp struct {
	year, month, day, hour, minute int
}

// minutes returns the position as minutes since 1970-01-01T00:00Z.
func (s stamp) minutes() int64 {
	return int64(daysFromCivil(s.year, s.month, s.day))*1440 + int64(s.hour)*60 + int64(s.minute)
}

// normalize resolves out-of-range fields.
func (s *stamp) normalize() {
	if s.month >= 1 && s.month <= 12 && s.day >= 1 && s.day <= lastDay(s.month, s.year) &&
		s.hour >= 0 && s.hour < 24 && s.minute >= 0 && s.minute < 60 {
		return
	}
	*s = stampOf(s.minutes())
}

// stampOf converts minutes since the epoch to a normalized stamp.
func stampOf(min int64) stamp {
	days := floorDiv64(min, 1440)
	rem := int(min - days*1440)
	y, m, d := civilFromDays(int(days))
	return stamp{y, m, d, rem / 60, rem % 60}
}

func floorDiv64(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
