package oozietime

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// javaPatternLetters are the pattern letters java.text.SimpleDateFormat
// knows (DateFormatSymbols.patternChars).
const javaPatternLetters = "GyMdkHmsSEDFwWahKzZYuXL"

type patToken struct {
	letter byte   // 0 for literal text
	count  int    // run length of letter
	text   string // literal text
}

// compileJavaPattern splits a SimpleDateFormat pattern into letter runs and
// literal text with Java's rules: ASCII letters are pattern letters (unknown
// ones are an error), '…' quotes text, ” is a single quote anywhere, every
// other character is literal.
func compileJavaPattern(pattern string) ([]patToken, error) {
	var toks []patToken
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			toks = append(toks, patToken{text: lit.String()})
			lit.Reset()
		}
	}
	inQuote := false
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		if c == '\'' {
			if i+1 < len(pattern) && pattern[i+1] == '\'' {
				lit.WriteByte('\'')
				i++
				continue
			}
			inQuote = !inQuote
			continue
		}
		isLetter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if inQuote || !isLetter {
			lit.WriteByte(c)
			continue
		}
		if strings.IndexByte(javaPatternLetters, c) < 0 {
			return nil, fmt.Errorf("Illegal pattern character '%c'", c)
		}
		n := 1
		for i+1 < len(pattern) && pattern[i+1] == c {
			n++
			i++
		}
		if c == 'X' && n > 3 {
			return nil, fmt.Errorf("invalid ISO 8601 format: length=%d", n)
		}
		flush()
		toks = append(toks, patToken{letter: c, count: n})
	}
	if inQuote {
		return nil, fmt.Errorf("Unterminated quote")
	}
	flush()
	return toks, nil
}

// FormatJava formats t in loc as java.text.SimpleDateFormat does with Locale
// US (coord:formatTime): every pattern letter of Java 8 (G y Y M L w W D d F
// E u a H k K h m s S z Z X), quoting, and Java's width rules (yy is the last
// two digits, MMM/MMMM and EEE/EEEE are English names, Y is the week year
// with Sunday-first weeks and one minimal day in the first week). Errors
// carry Java's IllegalArgumentException text, e.g.
// "Illegal pattern character 'q'". Dates follow Java's hybrid calendar
// (Julian before 1582-10-15).
func FormatJava(t time.Time, loc *time.Location, pattern string) (string, error) {
	toks, err := compileJavaPattern(pattern)
	if err != nil {
		return "", err
	}
	c := newJavaFields(t, loc)
	var b strings.Builder
	for _, tk := range toks {
		if tk.letter == 0 {
			b.WriteString(tk.text)
			continue
		}
		c.write(&b, tk.letter, tk.count)
	}
	return b.String(), nil
}

// javaFields are the Calendar field values of one instant in one zone.
type javaFields struct {
	lt                        time.Time
	loc                       *time.Location
	year, month, day, yday    int // proleptic year, 1-12, 1-31, 1-366
	wday                      int // 0 = Sunday
	weekOfYear, weekYear, wom int
	mday                      int // ordinal of the day in its month
	offset                    int // seconds east of UTC
}

func newJavaFields(t time.Time, loc *time.Location) *javaFields {
	lt := t.In(loc)
	day, _ := dayOf(t, loc)
	y, m, d := civil(day)
	jan1 := daysFromCivil(y, time.January, 1)
	c := &javaFields{lt: lt, loc: loc, year: int(y), month: int(m), day: int(d),
		yday: int(day-jan1) + 1, wday: int(weekday(day))}
	_, c.offset = lt.Zone()
	jan1Wday := (c.wday - (c.yday-1)%7 + 7) % 7
	c.weekOfYear = (c.yday-1+jan1Wday)/7 + 1
	// The Sunday on or before next Jan 1 starts week 1 of the next year (in
	// the last days of the 355-day 1582 too, whatever its week number).
	daysInYear := int(daysFromCivil(y+1, time.January, 1) - jan1)
	toNextJan1 := daysInYear - c.yday + 1
	if nextJan1Wday := (c.wday + toNextJan1) % 7; toNextJan1 <= nextJan1Wday {
		c.weekOfYear = 1
	}
	c.weekYear = c.year
	if c.month != 1 && c.weekOfYear == 1 {
		c.weekYear++
	}
	// Week of month and day of week in month count the days the month
	// has: October 1582 goes from the 4th to the 15th.
	c.mday = int(day-daysFromCivil(y, m, 1)) + 1
	firstWday := (c.wday - (c.mday-1)%7 + 7) % 7
	c.wom = (c.mday-1+firstWday)/7 + 1
	return c
}

var (
	monthNames = [...]string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"}
	dayNames = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
)

func (c *javaFields) write(b *strings.Builder, letter byte, n int) {
	num := func(v int) { b.WriteString(zeroPad(int64(v), n, -1)) }
	switch letter {
	case 'G':
		if c.year <= 0 {
			b.WriteString("BC")
		} else {
			b.WriteString("AD")
		}
	case 'y', 'Y':
		v := c.year
		if letter == 'Y' {
			v = c.weekYear
		}
		if v <= 0 {
			v = 1 - v // year of era
		}
		if n == 2 {
			b.WriteString(zeroPad(int64(v), 2, 2))
		} else {
			num(v)
		}
	case 'M', 'L':
		switch {
		case n >= 4:
			b.WriteString(monthNames[c.month-1])
		case n == 3:
			b.WriteString(monthNames[c.month-1][:3])
		default:
			num(c.month)
		}
	case 'E':
		if n >= 4 {
			b.WriteString(dayNames[c.wday])
		} else {
			b.WriteString(dayNames[c.wday][:3])
		}
	case 'a':
		if c.lt.Hour() < 12 {
			b.WriteString("AM")
		} else {
			b.WriteString("PM")
		}
	case 'z':
		b.WriteString(zoneDisplayName(c.lt, c.loc, n >= 4))
	case 'Z':
		b.WriteString(rfc822Offset(c.offset))
	case 'X':
		b.WriteString(isoOffset(c.offset, n))
	default:
		num(c.number(letter))
	}
}

// number returns the value of a purely numeric pattern letter.
func (c *javaFields) number(letter byte) int {
	h := c.lt.Hour()
	switch letter {
	case 'd':
		return c.day
	case 'D':
		return c.yday
	case 'F':
		return (c.mday-1)/7 + 1
	case 'w':
		return c.weekOfYear
	case 'W':
		return c.wom
	case 'u':
		if c.wday == 0 {
			return 7
		}
		return c.wday
	case 'H':
		return h
	case 'k':
		if h == 0 {
			return 24
		}
		return h
	case 'K':
		return h % 12
	case 'h':
		if h%12 == 0 {
			return 12
		}
		return h % 12
	case 'm':
		return c.lt.Minute()
	case 's':
		return c.lt.Second()
	}
	return c.lt.Nanosecond() / 1e6 // 'S': milliseconds, as a number
}

// zeroPad prints v with at least minDigits digits and, when maxDigits > 0, at
// most maxDigits (keeping the low-order ones), like DecimalFormat.
func zeroPad(v int64, minDigits, maxDigits int) string {
	neg := v < 0
	if neg {
		v = -v
	}
	s := strconv.FormatInt(v, 10)
	if maxDigits > 0 && len(s) > maxDigits {
		s = s[len(s)-maxDigits:]
	}
	if len(s) < minDigits {
		s = strings.Repeat("0", minDigits-len(s)) + s
	}
	if neg {
		s = "-" + s
	}
	return s
}

// rfc822Offset is the 'Z' letter: "-0800", "+0530".
func rfc822Offset(sec int) string {
	mins := sec / 60
	sign := "+"
	if mins < 0 {
		sign, mins = "-", -mins
	}
	return sign + zeroPad(int64(mins/60*100+mins%60), 4, -1)
}

// isoOffset is the 'X' letter: "Z" for UTC, else "-08", "-0800" or "-08:00".
func isoOffset(sec, n int) string {
	if sec == 0 {
		return "Z"
	}
	mins := sec / 60
	sign := "+"
	if mins < 0 {
		sign, mins = "-", -mins
	}
	s := sign + zeroPad(int64(mins/60), 2, -1)
	switch n {
	case 1:
		return s
	case 3:
		return s + ":" + zeroPad(int64(mins%60), 2, -1)
	}
	return s + zeroPad(int64(mins%60), 2, -1)
}
