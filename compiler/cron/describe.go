package cron

import (
	"fmt"
	"math/bits"
	"strconv"
	"strings"
)

var (
	longDays   = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	longMonths = []string{"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December"}
	ordinals = []string{"first", "second", "third", "fourth", "fifth"}
)

// Describe returns a short English description of when e fires, for plan
// headers: "at 09:10 every day (UTC)", "at minute 0 of every hour on day 30
// of the month or on Monday-Friday, in January (UTC)".
func Describe(e *Expr) string {
	v := &e.variants[0]
	var b strings.Builder
	b.WriteString(describeTimes(v.minutes, v.hours))
	days := describeDays(v)
	if e.n == 2 {
		days = describeDays(&e.variants[1]) + " or " + days
	}
	b.WriteString(" " + days)
	if v.months != fullMask(1, 12) {
		if e.n == 2 {
			b.WriteString(",")
		}
		b.WriteString(" in " + formatSet(v.months, 1, 12, func(i int) string { return longMonths[i-1] }))
	}
	b.WriteString(" (UTC)")
	return b.String()
}

func fullMask(lo, hi int) uint64 {
	return (^uint64(0) >> uint(63-hi)) &^ (1<<uint(lo) - 1)
}

func describeTimes(mins, hours uint64) string {
	allM, allH := mins == fullMask(0, 59), hours == fullMask(0, 23)
	num := strconv.Itoa
	switch {
	case allM && allH:
		return "every minute"
	case allM:
		return "every minute of " + plural(hours, "hour") + " " + formatSet(hours, 0, 23, num)
	case allH:
		return "at " + plural(mins, "minute") + " " + formatSet(mins, 0, 59, num) + " of every hour"
	case bits.OnesCount64(mins)*bits.OnesCount64(hours) <= 6:
		var ts []string
		for h := hours; h != 0; h &= h - 1 {
			for m := mins; m != 0; m &= m - 1 {
				ts = append(ts, fmt.Sprintf("%02d:%02d", bits.TrailingZeros64(h), bits.TrailingZeros64(m)))
			}
		}
		return "at " + strings.Join(ts, ", ")
	}
	return "at " + plural(mins, "minute") + " " + formatSet(mins, 0, 59, num) + " of " + plural(hours, "hour") + " " + formatSet(hours, 0, 23, num)
}

// plural returns word, with an "s" when b holds more than one value.
func plural(b uint64, word string) string {
	if bits.OnesCount64(b) == 1 {
		return word
	}
	return word + "s"
}

func describeDays(v *variant) string {
	if v.dom.noSpec {
		f := &v.dow
		day := longDays[f.first()-1]
		switch {
		case f.lastDOW:
			return "on the last " + day + " of the month"
		case f.nth > 0:
			return "on the " + ordinals[f.nth-1] + " " + day + " of the month"
		case f.bits == fullMask(1, 7):
			return "every day"
		}
		return "on " + formatSet(f.bits, 1, 7, func(i int) string { return longDays[i-1] })
	}
	f := &v.dom
	last := "the last day of the month"
	if f.lastOff > 0 {
		last = fmt.Sprintf("the last day of the month minus %d days", f.lastOff)
	}
	switch {
	case f.lastDOM && f.nearestW && f.lastOff == 0:
		return "on the last weekday of the month"
	case f.lastDOM && f.nearestW:
		return "on the weekday nearest to " + last
	case f.lastDOM:
		return "on " + last
	case f.nearestW:
		return fmt.Sprintf("on the weekday nearest to day %d of the month", f.first())
	case f.bits == fullMask(1, 31):
		return "every day"
	}
	return "on " + plural(f.bits, "day") + " " + formatSet(f.bits, 1, 31, strconv.Itoa) + " of the month"
}

// formatSet writes the values of b in [lo, hi] as a list, collapsing runs
// of three or more into ranges.
func formatSet(b uint64, lo, hi int, name func(int) string) string {
	var parts []string
	for i := lo; i <= hi; i++ {
		if b&(1<<uint(i)) == 0 {
			continue
		}
		j := i
		for j+1 <= hi && b&(1<<uint(j+1)) != 0 {
			j++
		}
		switch {
		case j-i >= 2:
			parts = append(parts, name(i)+"-"+name(j))
		case j > i:
			parts = append(parts, name(i), name(j))
		default:
			parts = append(parts, name(i))
		}
		i = j
	}
	return strings.Join(parts, ", ")
}
