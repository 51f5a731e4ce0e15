package el

import (
	"errors"
	"math"
	"unicode/utf16"
)

// errDivZero is integer division by zero in "%" / "mod".
var errDivZero = errors.New("division by zero")

// isDouble reports whether an operand makes JSP arithmetic use Double: a
// floating-point value, or a string containing ".", "e" or "E".
func isDouble(v Value) bool {
	switch x := v.(type) {
	case float64:
		return true
	case string:
		return looksFloat(x)
	}
	return false
}

// arith applies + - * / % to two known values (JSP 2.0 EL, spec 1.7.1-1.7.3).
func arith(op string, a, b Value) (Value, error) {
	if a == nil && b == nil {
		return int64(0), nil
	}
	if op == "/" || isDouble(a) || isDouble(b) {
		x, err := ToFloat(a)
		if err != nil {
			return nil, err
		}
		y, err := ToFloat(b)
		if err != nil {
			return nil, err
		}
		switch op {
		case "+":
			return x + y, nil
		case "-":
			return x - y, nil
		case "*":
			return x * y, nil
		case "/":
			return x / y, nil
		}
		return math.Mod(x, y), nil
	}
	x, err := ToInt(a)
	if err != nil {
		return nil, err
	}
	y, err := ToInt(b)
	if err != nil {
		return nil, err
	}
	switch op {
	case "+":
		return x + y, nil
	case "-":
		return x - y, nil
	case "*":
		return x * y, nil
	}
	if y == 0 {
		return nil, errDivZero
	}
	return x % y, nil
}

// negate applies unary minus (spec 1.7.5).
func negate(v Value) (Value, error) {
	switch x := v.(type) {
	case nil:
		return int64(0), nil
	case int64:
		return -x, nil
	case float64:
		return -x, nil
	case string:
		if looksFloat(x) {
			f, err := ToFloat(x)
			return -f, err
		}
		n, err := ToInt(x)
		return -n, err
	}
	return nil, &coerceError{v, "a number"}
}

// compare applies < > <= >= (spec 1.8.1).
func compare(op string, a, b Value) (bool, error) {
	if a == nil && b == nil {
		return op == "<=" || op == ">=", nil
	}
	if a == nil || b == nil {
		return false, nil
	}
	var c int
	switch {
	case isFloat(a) || isFloat(b):
		x, err := ToFloat(a)
		if err != nil {
			return false, err
		}
		y, err := ToFloat(b)
		if err != nil {
			return false, err
		}
		switch op {
		case "<":
			return x < y, nil
		case ">":
			return x > y, nil
		case "<=":
			return x <= y, nil
		}
		return x >= y, nil
	case isLong(a) || isLong(b):
		x, err := ToInt(a)
		if err != nil {
			return false, err
		}
		y, err := ToInt(b)
		if err != nil {
			return false, err
		}
		c = cmpInt(x, y)
	case isString(a) || isString(b):
		c = compareJavaStrings(ToString(a), ToString(b))
	default: // two booleans: Boolean.compareTo, false < true
		x, _ := a.(bool)
		y, _ := b.(bool)
		c = cmpInt(b2i(x), b2i(y))
	}
	switch op {
	case "<":
		return c < 0, nil
	case ">":
		return c > 0, nil
	case "<=":
		return c <= 0, nil
	}
	return c >= 0, nil
}

// equal applies == (spec 1.8.2).
func equal(a, b Value) (bool, error) {
	switch {
	case a == nil || b == nil:
		return a == nil && b == nil, nil
	case isFloat(a) || isFloat(b):
		x, err := ToFloat(a)
		if err != nil {
			return false, err
		}
		y, err := ToFloat(b)
		return x == y, err
	case isLong(a) || isLong(b):
		x, err := ToInt(a)
		if err != nil {
			return false, err
		}
		y, err := ToInt(b)
		return x == y, err
	case isBool(a) || isBool(b):
		x, err := ToBool(a)
		if err != nil {
			return false, err
		}
		y, err := ToBool(b)
		return x == y, err
	}
	return ToString(a) == ToString(b), nil
}

func isFloat(v Value) bool  { _, ok := v.(float64); return ok }
func isLong(v Value) bool   { _, ok := v.(int64); return ok }
func isString(v Value) bool { _, ok := v.(string); return ok }
func isBool(v Value) bool   { _, ok := v.(bool); return ok }

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func cmpInt(x, y int64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// compareJavaStrings orders strings by UTF-16 code units, as
// String.compareTo does.
func compareJavaStrings(a, b string) int {
	x, y := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	for i := 0; i < len(x) && i < len(y); i++ {
		if x[i] != y[i] {
			return int(x[i]) - int(y[i])
		}
	}
	return len(x) - len(y)
}
