package oozietime

import (
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"
)

// maxJavaYear is the largest year java.util.GregorianCalendar accepts in
// non-lenient mode.
const maxJavaYear = 292278994

// DateTimeError says why a datetime string was rejected and where.
type DateTimeError struct {
	Input  string // the string as given, before trimming
	Offset int    // byte offset in Input where the problem starts
	Reason string // plain-words explanation, e.g. "day 30 does not exist in February 2009"
}

// Error implements error: the quoted input followed by the reason.
func (e *DateTimeError) Error() string { return fmt.Sprintf("%q: %s", e.Input, e.Reason) }

// ParseDateTime parses an Oozie datetime the way SimpleDateFormat
// "yyyy-MM-dd'T'HH:mm'Z'" does in non-lenient mode after String.trim:
// numbers of any length read as DecimalFormat reads them (see javaInt: "7",
// "010" and "２００９" are fine), blanks and tabs skipped before each number,
// no '+' sign, no seconds, nothing after the suffix, and every field in
// range (no T24:00, no February 30) in Java's hybrid calendar (Julian before
// 1582-10-15, so 1500-02-29 exists and 1582-10-10 does not). The suffix is
// "Z", or a literal "+hhmm"/"-hhmm" as written by an Oozie server whose
// processing zone is GMT±hhmm; the result is the instant, in UTC.
func ParseDateTime(s string) (time.Time, error) {
	return parseDateTime(s, "")
}

// ParseDateTimeIn parses s with the mask Oozie uses for the given processing
// zone: "UTC" requires the "Z" suffix, "GMT+0900" requires the literal
// "+0900". Any other suffix is an error, as in Oozie.
func ParseDateTimeIn(s, processingZone string) (time.Time, error) {
	if !ValidProcessingZone(processingZone) {
		return time.Time{}, fmt.Errorf("processing time zone %q must be UTC or GMT±hhmm", processingZone)
	}
	suffix := "Z"
	if processingZone != "UTC" {
		suffix = processingZone[3:]
	}
	return parseDateTime(s, suffix)
}

// FormatDateTime formats t as Oozie prints instants in the UTC processing
// zone: "2009-01-02T08:00Z", always zero-padded, seconds dropped.
func FormatDateTime(t time.Time) string {
	return formatMask(t.UTC(), "Z")
}

// FormatDateTimeIn formats t with the mask of the given processing zone:
// "UTC" gives "2009-01-02T08:00Z", "GMT-0300" gives "2009-01-02T05:00-0300".
func FormatDateTimeIn(t time.Time, processingZone string) (string, error) {
	if !ValidProcessingZone(processingZone) {
		return "", fmt.Errorf("processing time zone %q must be UTC or GMT±hhmm", processingZone)
	}
	if processingZone == "UTC" {
		return FormatDateTime(t), nil
	}
	loc, _, err := LoadZone(processingZone)
	if err != nil {
		return "", err
	}
	return formatMask(t.In(loc), processingZone[3:]), nil
}

func formatMask(t time.Time, suffix string) string {
	day, sec := dayOf(t, t.Location())
	y, m, d := civil(day)
	if y <= 0 {
		y = 1 - y // Java prints the year of era
	}
	return fmt.Sprintf("%04d-%02d-%02dT%02d:%02d%s", y, int(m), d, sec/3600, sec/60%60, suffix)
}

// dtParser walks one datetime string.
type dtParser struct {
	in     string
	pos    int
	end    int
	suffix string // required literal suffix; "" accepts Z or ±hhmm
}

func (p *dtParser) fail(off int, format string, args ...any) error {
	return &DateTimeError{Input: p.in, Offset: off, Reason: fmt.Sprintf(format, args...)}
}

func (p *dtParser) found() string {
	if p.pos >= p.end {
		return "the end of the text"
	}
	r, _ := utf8.DecodeRuneInString(p.in[p.pos:])
	return strconv.QuoteRune(r)
}

// number reads one SimpleDateFormat numeric field: blanks and tabs are
// skipped, then javaInt reads the number.
func (p *dtParser) number(what string) (val int64, start int, err error) {
	for p.pos < p.end && (p.in[p.pos] == ' ' || p.in[p.pos] == '\t') {
		p.pos++
	}
	start = p.pos
	v, next, ok := javaInt(p.in, p.pos, p.end)
	if !ok {
		return 0, start, p.fail(start, "expected the %s (digits), found %s", what, p.found())
	}
	p.pos = next
	return int64(v), start, nil
}

func (p *dtParser) literal(c byte, after string) error {
	if p.pos < p.end && p.in[p.pos] == c {
		p.pos++
		return nil
	}
	return p.fail(p.pos, "expected %q after the %s, found %s", string(c), after, p.found())
}

func parseDateTime(s, suffix string) (time.Time, error) {
	p := &dtParser{in: s, end: len(s), suffix: suffix}
	for p.pos < p.end && p.in[p.pos] <= ' ' { // String.trim
		p.pos++
	}
	for p.end > p.pos && p.in[p.end-1] <= ' ' {
		p.end--
	}
	if p.pos == p.end {
		return time.Time{}, p.fail(0, "a datetime is required, in the form yyyy-MM-ddTHH:mmZ")
	}
	var f [5]int64
	var at [5]int
	var raw [5]string
	steps := []struct {
		what string
		sep  byte
	}{{"year", '-'}, {"month", '-'}, {"day", 'T'}, {"hour", ':'}, {"minute", 0}}
	for i, st := range steps {
		v, start, err := p.number(st.what)
		if err != nil {
			return time.Time{}, err
		}
		f[i], at[i], raw[i] = v, start, p.in[start:p.pos]
		if st.sep != 0 {
			if err := p.literal(st.sep, st.what); err != nil {
				return time.Time{}, err
			}
		}
	}
	offset, err := p.offsetSuffix()
	if err != nil {
		return time.Time{}, err
	}
	if p.pos < p.end {
		return time.Time{}, p.fail(p.pos, "unexpected %q after the datetime", p.in[p.pos:p.end])
	}
	if err := p.validate(f, at, raw); err != nil {
		return time.Time{}, err
	}
	days := daysFromCivil(f[0], time.Month(f[1]), f[2])
	return time.Unix(days*secondsPerDay+f[3]*3600+f[4]*60-int64(offset), 0).UTC(), nil
}

// offsetSuffix reads the literal after the minutes and returns the offset
// (seconds east of UTC) it stands for.
func (p *dtParser) offsetSuffix() (int, error) {
	if p.pos < p.end && p.in[p.pos] == ':' {
		return 0, p.fail(p.pos, "seconds are not allowed; use the form yyyy-MM-ddTHH:mmZ")
	}
	rest := p.in[p.pos:p.end]
	if p.suffix != "" {
		if len(rest) < len(p.suffix) || rest[:len(p.suffix)] != p.suffix {
			return 0, p.fail(p.pos, "expected %q after the minutes, found %s", p.suffix, p.found())
		}
	}
	if len(rest) > 0 && rest[0] == 'Z' {
		p.pos++
		return 0, nil
	}
	if len(rest) >= 5 && (rest[0] == '+' || rest[0] == '-') && allASCIIDigits(rest[1:5]) {
		h, _ := strconv.Atoi(rest[1:3])
		m, _ := strconv.Atoi(rest[3:5])
		if h > 23 || m > 59 {
			return 0, p.fail(p.pos, "offset %q is out of range (at most ±2359)", rest[:5])
		}
		p.pos += 5
		off := (h*60 + m) * 60
		if rest[0] == '-' {
			off = -off
		}
		return off, nil
	}
	return 0, p.fail(p.pos, "expected \"Z\" after the minutes, found %s", p.found())
}

func allASCIIDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// validate applies GregorianCalendar's non-lenient checks to the field
// values (as Java read them): each field within its range, then the day
// within its month. Messages quote the digits as written.
func (p *dtParser) validate(f [5]int64, at [5]int, raw [5]string) error {
	y, mo, d, h, mi := f[0], f[1], f[2], f[3], f[4]
	switch {
	case y < 1 || y > maxJavaYear:
		return p.fail(at[0], "year %s is out of range (1-%d)", raw[0], maxJavaYear)
	case mo < 1 || mo > 12:
		return p.fail(at[1], "month %s is out of range (1-12)", raw[1])
	case d < 1 || d > 31:
		return p.fail(at[2], "day %s is out of range (1-31)", raw[2])
	case h == 24:
		return p.fail(at[3], "hour %s is not accepted; write 00:00 of the next day", raw[3])
	case h < 0 || h > 23:
		return p.fail(at[3], "hour %s is out of range (0-23)", raw[3])
	case mi < 0 || mi > 59:
		return p.fail(at[4], "minute %s is out of range (0-59)", raw[4])
	}
	if n := daysIn(int(y), time.Month(mo)); int(d) > n {
		return p.fail(at[2], "day %s does not exist in %s %d", raw[2], time.Month(mo), y)
	}
	if inCutoverGap(y, time.Month(mo), d) {
		return p.fail(at[2], "day %s does not exist in October 1582 (Java's calendar goes from the Julian 1582-10-04 to the Gregorian 1582-10-15)", raw[2])
	}
	return nil
}
