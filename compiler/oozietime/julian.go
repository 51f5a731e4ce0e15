package oozietime

import "time"

// Java's GregorianCalendar is a hybrid: the Julian calendar up to
// 1582-10-04 and the Gregorian calendar from the next day, 1582-10-15 (its
// default cutover). The dates 1582-10-05 to 1582-10-14 do not exist, years
// before 1583 are leap years every fourth year, and a date before the
// cutover names another day than the proleptic Gregorian calendar of Go's
// time package: Java's 1500-01-01 is Go's 1500-01-10. Every date this
// package reads or prints goes through civil and daysFromCivil.

// cutoverDay is 1582-10-15 (Gregorian), the first Gregorian day, in days
// since 1970-01-01.
const cutoverDay = -141427

// civil converts days since 1970-01-01 to a date of Java's hybrid calendar.
// Years are proleptic: 0 is 1 BC, -1 is 2 BC.
func civil(day int64) (y int64, m time.Month, d int64) {
	if day >= cutoverDay {
		return gregorianCivil(day)
	}
	return julianCivil(day)
}

// daysFromCivil converts a date of Java's hybrid calendar to days since
// 1970-01-01. Dates before 1582-10-15 are Julian, so the non-existent
// 1582-10-05 … 14 land after the cutover, as in a lenient Calendar.
func daysFromCivil(y int64, m time.Month, d int64) int64 {
	if y > 1582 || y == 1582 && (m > time.October || m == time.October && d >= 15) {
		return daysFromGregorian(y, m, d)
	}
	return daysFromJulian(y, m, d)
}

// julianEpochShift is the Julian day number of 1970-01-01.
const julianEpochShift = 2440588

func daysFromJulian(y int64, m time.Month, d int64) int64 {
	a := floorDiv(14-int64(m), 12)
	yy := y + 4800 - a
	mm := int64(m) + 12*a - 3
	jdn := d + floorDiv(153*mm+2, 5) + 365*yy + floorDiv(yy, 4) - 32083
	return jdn - julianEpochShift
}

func julianCivil(day int64) (y int64, m time.Month, d int64) {
	c := day + julianEpochShift + 32082
	dd := floorDiv(4*c+3, 1461)
	e := c - floorDiv(1461*dd, 4)
	mm := floorDiv(5*e+2, 153)
	d = e - floorDiv(153*mm+2, 5) + 1
	month := mm + 3 - 12*floorDiv(mm, 10)
	y = dd - 4800 + floorDiv(mm, 10)
	return y, time.Month(month), d
}

// isLeap reports whether proleptic year y is a leap year of the hybrid
// calendar.
func isLeap(y int64) bool {
	if y <= 1582 {
		return floorMod(y, 4) == 0
	}
	return y%4 == 0 && (y%100 != 0 || y%400 == 0)
}

var monthDays = [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// daysIn returns the number of the last day of month m of year y in the
// hybrid calendar (October 1582 ends on the 31st, though it has 21 days).
func daysIn(y int, m time.Month) int {
	if m == time.February && isLeap(int64(y)) {
		return 29
	}
	return monthDays[m]
}

// inCutoverGap reports whether y-m-d is one of the ten dates the switch to
// the Gregorian calendar skipped (1582-10-05 … 1582-10-14).
func inCutoverGap(y int64, m time.Month, d int64) bool {
	return y == 1582 && m == time.October && d >= 5 && d <= 14
}

// dayOf returns t's day in days since 1970-01-01 and the seconds into it, on
// the wall clock of loc.
func dayOf(t time.Time, loc *time.Location) (day, sec int64) {
	l := toLocal(t, loc)
	return l.day, l.sec
}

// CivilDate returns the date of t on the wall clock of loc in Java's hybrid
// Julian/Gregorian calendar (Calendar.YEAR with the era folded in:
// 0 is 1 BC), as Oozie reads YEAR, MONTH and DAY of an instant.
func CivilDate(t time.Time, loc *time.Location) (year int, month time.Month, day int) {
	d, _ := dayOf(t, loc)
	y, m, dd := civil(d)
	return int(y), m, int(dd)
}

// AddEra is GregorianCalendar.add(Calendar.ERA, n) in UTC, what
// coord:dateOffset does for the unit CRON (Oozie's TimeUnit.CRON has the
// calendar field 0, ERA). The era is clamped to BC or AD, so a positive n
// changes nothing and a negative one keeps year, month, day and time but
// moves them to BC, in the Julian calendar: 2016-02-29 becomes the
// non-existent 2016-02-29 BC, which the lenient calendar reads as
// 2016-03-01 BC. Java prints the year of era without the era, so the text
// reads 2016-03-01 again.
func AddEra(t time.Time, n int) time.Time {
	if n >= 0 {
		return t
	}
	day, sec := dayOf(t, time.UTC)
	y, m, d := civil(day)
	if y <= 0 {
		return t // already BC
	}
	bc := daysFromJulian(1-y, m, 1) + d - 1
	return time.Unix(bc*secondsPerDay+sec, int64(t.Nanosecond())).UTC()
}

// DaysInMonth is Calendar.getActualMaximum(DAY_OF_MONTH) for t's month on
// the wall clock of loc: the number of its last day (February 1500 has 29,
// a Julian leap year).
func DaysInMonth(t time.Time, loc *time.Location) int {
	y, m, _ := CivilDate(t, loc)
	return daysIn(y, m)
}
