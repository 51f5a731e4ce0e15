package el

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/coordc/coordc/compiler/java"
)

// Value is an EL value: nil, string, int64 (Java Long), float64 (Java
// Double), bool, Map (only from functions that return one), or Unknown{}.
type Value = any

// Unknown is a value that depends on something not known, such as a
// parameter left undefined at validation time. Every operation on it, and
// every function call with it as an argument, yields Unknown.
type Unknown struct{}

// ToString coerces v to a string as JSP 2.0 EL does: nil is "", integers are
// decimal, floating-point values are printed like Java's Double.toString
// (30.0, 1.0E7, 1.0E-4, NaN, Infinity) and booleans as "true"/"false".
// Unknown prints as "<unknown>", for messages only.
func ToString(v Value) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return formatDouble(x)
	case bool:
		return strconv.FormatBool(x)
	case Unknown:
		return "<unknown>"
	case Map:
		return x.String()
	}
	return fmt.Sprint(v)
}

// formatDouble renders f like Java's Double.toString: plain decimal notation
// with at least one fractional digit for 1e-3 <= |f| < 1e7, otherwise
// computerized scientific notation ("1.0E7"). Digits are the shortest that
// round-trip, as in Java 19 and later.
func formatDouble(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	if a := math.Abs(f); a >= 1e-3 && a < 1e7 {
		s := strconv.FormatFloat(f, 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		return s
	}
	s := strconv.FormatFloat(f, 'e', -1, 64)
	mant, exp, _ := strings.Cut(s, "e")
	if !strings.Contains(mant, ".") {
		mant += ".0"
	}
	e, _ := strconv.Atoi(exp)
	return mant + "E" + strconv.Itoa(e)
}

// coerceError is a failed JSP type coercion.
type coerceError struct {
	v    Value
	want string
}

func (e *coerceError) Error() string {
	switch x := e.v.(type) {
	case string:
		return fmt.Sprintf("cannot convert %q to %s", x, e.want)
	case Unknown:
		return fmt.Sprintf("cannot convert an unknown value to %s", e.want)
	}
	return fmt.Sprintf("cannot convert %s to %s", ToString(e.v), e.want)
}

// ToInt coerces v to a Java Long: nil and "" are 0, floating-point values are
// truncated (saturating, NaN is 0), strings must be a decimal integer
// (Long.valueOf), booleans are an error.
func ToInt(v Value) (int64, error) {
	switch x := v.(type) {
	case nil:
		return 0, nil
	case int64:
		return x, nil
	case float64:
		return javaLong(x), nil
	case string:
		if x == "" {
			return 0, nil
		}
		if n, ok := parseJavaLong(x); ok {
			return n, nil
		}
	}
	return 0, &coerceError{v, "an integer"}
}

// ToFloat coerces v to a Java Double: nil and "" are 0, strings are parsed as
// Double.valueOf does (surrounding blanks, NaN, Infinity and a trailing d or f
// are accepted), booleans are an error.
func ToFloat(v Value) (float64, error) {
	switch x := v.(type) {
	case nil:
		return 0, nil
	case int64:
		return float64(x), nil
	case float64:
		return x, nil
	case string:
		if x == "" {
			return 0, nil
		}
		if f, ok := parseJavaDouble(x); ok {
			return f, nil
		}
	}
	return 0, &coerceError{v, "a number"}
}

// ToBool coerces v to a boolean: nil and "" are false, a string is true when
// it equals "true" ignoring case (Boolean.valueOf), numbers are an error.
func ToBool(v Value) (bool, error) {
	switch x := v.(type) {
	case nil:
		return false, nil
	case bool:
		return x, nil
	case string:
		return strings.EqualFold(x, "true"), nil
	}
	return false, &coerceError{v, "a boolean"}
}

// toJavaInt coerces v to a Java int, the parameter type of Oozie's numeric EL
// functions: strings must fit in 32 bits (Integer.valueOf), longs wrap and
// doubles saturate as Java's narrowing conversions do.
func toJavaInt(v Value) (int64, error) {
	switch x := v.(type) {
	case int64:
		return int64(int32(x)), nil
	case float64:
		switch {
		case math.IsNaN(x):
			return 0, nil
		case x >= math.MaxInt32:
			return math.MaxInt32, nil
		case x <= math.MinInt32:
			return math.MinInt32, nil
		}
		return int64(x), nil
	case string:
		n, err := ToInt(x)
		if err != nil || n != int64(int32(n)) {
			return 0, &coerceError{v, "a 32-bit integer"}
		}
		return n, nil
	}
	return ToInt(v)
}

// javaLong is Java's (long) cast of a double.
func javaLong(f float64) int64 {
	switch {
	case math.IsNaN(f):
		return 0
	case f >= math.MaxInt64:
		return math.MaxInt64
	case f <= math.MinInt64:
		return math.MinInt64
	}
	return int64(f)
}

// parseJavaLong accepts what Long.valueOf accepts: an optional sign and
// ASCII digits, within range.
func parseJavaLong(s string) (int64, bool) {
	digits := strings.TrimLeft(s, "+-")
	if len(s)-len(digits) > 1 || digits == "" || strings.Trim(digits, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// parseJavaDouble accepts the decimal forms of Double.valueOf. Hexadecimal
// floating-point strings are not supported.
func parseJavaDouble(s string) (float64, bool) {
	s = java.Trim(s)
	sign, body := "", s
	if body != "" && (body[0] == '+' || body[0] == '-') {
		sign, body = body[:1], body[1:]
	}
	switch body {
	case "NaN":
		return math.NaN(), true
	case "Infinity":
		if sign == "-" {
			return math.Inf(-1), true
		}
		return math.Inf(1), true
	}
	if n := len(body); n > 0 && strings.IndexByte("fFdD", body[n-1]) >= 0 {
		body = body[:n-1]
	}
	if !isDecimalFloat(body) {
		return 0, false
	}
	f, err := strconv.ParseFloat(sign+body, 64)
	if err != nil && !math.IsInf(f, 0) && f != 0 {
		return 0, false
	}
	return f, true
}

// isDecimalFloat matches digits [. digits] [e [sign] digits] with at least
// one mantissa digit.
func isDecimalFloat(s string) bool {
	i, mant := 0, 0
	for i < len(s) && isDigit(s[i]) {
		i, mant = i+1, mant+1
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i, mant = i+1, mant+1
		}
	}
	if mant == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		start := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if i == start {
			return false
		}
	}
	return i == len(s)
}

// looksFloat reports whether a string operand makes JSP arithmetic use
// Double: it contains ".", "e" or "E".
func looksFloat(s string) bool { return strings.ContainsAny(s, ".eE") }
