package oozietime

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// javaInt reads one numeric field the way SimpleDateFormat does through its
// integer-only DecimalFormat (Locale US), starting at s[pos:end], and returns
// the field value as Number.intValue() gives it, the position after the
// number, and whether a number was there. The JDK behaviour reproduced here
// (checked against OpenJDK 17):
//
//   - an optional '-', then decimal digits of any script ("２００９" is 2009);
//   - an optional exponent: 'E', an optional '-', digits ("2E3" is 2000,
//     "20E-1" is 2); an 'E' not followed by a usable exponent is left alone;
//   - an integral value that fits in a long is a Long, and intValue() keeps
//     its low 32 bits ("4294969305" is 2009);
//   - anything else is a Double, truncated toward zero and saturated to the
//     int range ("5E-1" is 0, "9223372036854775808" is 2147483647).
func javaInt(s string, pos, end int) (val int32, next int, ok bool) {
	i := pos
	neg := i < end && s[i] == '-'
	if neg {
		i++
	}
	mant, i := readDigits(s, i, end)
	if mant == "" {
		return 0, pos, false
	}
	var exp int32
	if i < end && s[i] == 'E' {
		if e, j, ok := javaExponent(s, i+1, end); ok {
			exp, i = e, j
		}
	}
	return intValue(mant, exp, neg), i, true
}

// readDigits collects the decimal digits at s[i:end] as ASCII.
func readDigits(s string, i, end int) (string, int) {
	var b strings.Builder
	for i < end {
		r, size := utf8.DecodeRuneInString(s[i:end])
		d, ok := digitValue(r)
		if !ok {
			break
		}
		b.WriteByte(byte('0' + d))
		i += size
	}
	return b.String(), i
}

// javaExponent reads the exponent after 'E'. Java accepts it only when its
// magnitude fits in a long, then narrows it to an int.
func javaExponent(s string, i, end int) (int32, int, bool) {
	neg := i < end && s[i] == '-'
	if neg {
		i++
	}
	digits, j := readDigits(s, i, end)
	if digits == "" {
		return 0, 0, false
	}
	mag, err := strconv.ParseUint(digits, 10, 64)
	if err != nil || mag > math.MaxInt64 && !(neg && mag == 1<<63) {
		return 0, 0, false
	}
	e := int32(int64(mag)) // (int) of the long: low 32 bits
	if neg {
		e = -e
	}
	return e, j, true
}

// digitValue returns the value of a Unicode decimal digit, as Java's
// Character.digit(ch, 10) does.
func digitValue(r rune) (int, bool) {
	if r >= '0' && r <= '9' {
		return int(r - '0'), true
	}
	if r < 0x80 || !unicode.IsDigit(r) {
		return 0, false
	}
	zero := r
	for zero > 0 && unicode.IsDigit(zero-1) {
		zero--
	}
	return int(r-zero) % 10, true
}

// intValue turns mantissa digits and an exponent into Number.intValue() of
// what DecimalFormat.parse returns (DigitList.fitsIntoLong decides between
// Long and Double).
func intValue(mant string, exp int32, neg bool) int32 {
	mant = strings.TrimLeft(mant, "0")
	decimalAt := int32(len(mant)) + exp // int arithmetic, wrapping as in Java
	digits := strings.TrimRight(mant, "0")
	if digits == "" {
		return 0
	}
	if decimalAt >= int32(len(digits)) && decimalAt <= 19 {
		full := digits + strings.Repeat("0", int(decimalAt)-len(digits))
		if u, err := strconv.ParseUint(full, 10, 64); err == nil && (u <= math.MaxInt64 || neg && u == 1<<63) {
			v := int64(u)
			if neg {
				v = -v
			}
			return int32(v) // Long.intValue(): low 32 bits
		}
	}
	f, _ := strconv.ParseFloat("0."+digits+"e"+strconv.Itoa(int(decimalAt)), 64)
	if neg {
		f = -f
	}
	switch {
	case f >= math.MaxInt32:
		return math.MaxInt32
	case f <= math.MinInt32:
		return math.MinInt32
	}
	return int32(f) // truncation toward zero, as Java's (int) cast
}
