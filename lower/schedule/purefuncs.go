package schedule

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
)

// evalError is a failure of one of Oozie's EL functions, with the Oozie error
// code the failure surfaces as. The first one of an evaluation is kept in
// evalCtx.err so that the diagnostic carries Oozie's code and words rather
// than the EL package's generic wrapper.
type evalError struct {
	code    diag.Code
	summary string
	detail  string
}

func (e *evalError) Error() string { return e.summary }

// evalCtx is the state the EL functions of one materializer read: the action
// being materialized and the dataset of the event being evaluated.
type evalCtx struct {
	m       *materializer
	nominal time.Time
	actual  time.Time
	number  int
	ds      *dataset // nil while evaluating the action configuration
	act     *Action  // the action whose configuration is evaluated
	err     *evalError
}

func (x *evalCtx) reset() { x.err = nil }

// fail records the first function failure of an evaluation and returns it.
func (x *evalCtx) fail(code diag.Code, detail, format string, args ...any) error {
	e := &evalError{code: code, summary: fmt.Sprintf(format, args...), detail: detail}
	if x.err == nil {
		x.err = e
	}
	return e
}

func (x *evalCtx) unableToEvaluate(call *ir.Call, cause string) error {
	return x.fail(diag.E1004,
		fmt.Sprintf("Oozie fails with E1004 (Expression language evaluation error, Unable to evaluate): %s. Correct the arguments of %s.", cause, call.QualifiedName()),
		"Unable to evaluate %s: %s", call.QualifiedName(), cause)
}

// argInt converts an argument the way JSP EL passes it to a Java int
// parameter (a long is narrowed with Java's intValue wrap-around).
func (x *evalCtx) argInt(call *ir.Call, args []el.Value, i int) (int, error) {
	if i >= len(args) {
		return 0, x.unableToEvaluate(call, fmt.Sprintf("argument %d is missing", i+1))
	}
	n, err := el.ToInt(args[i])
	if err != nil {
		return 0, x.unableToEvaluate(call, err.Error())
	}
	return int(int32(n)), nil
}

func (x *evalCtx) argString(call *ir.Call, args []el.Value, i int) (string, error) {
	if i >= len(args) {
		return "", x.unableToEvaluate(call, fmt.Sprintf("argument %d is missing", i+1))
	}
	return el.ToString(args[i]), nil
}

func (x *evalCtx) argTime(call *ir.Call, args []el.Value, i int) (time.Time, error) {
	s, err := x.argString(call, args, i)
	if err != nil {
		return time.Time{}, err
	}
	t, perr := oozietime.ParseDateTime(s)
	if perr != nil {
		return time.Time{}, x.unableToEvaluate(call, perr.Error())
	}
	return t, nil
}

// javaInt is (int) Double.parseDouble(s), as Oozie reads instance numbers
// out of echoed function text.
func javaInt(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if n := len(s); n > 0 && strings.ContainsRune("dDfF", rune(s[n-1])) {
		s = s[:n-1]
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !isRangeErr(err) {
		return 0, false
	}
	switch {
	case math.IsNaN(f):
		return 0, true
	case f >= math.MaxInt32:
		return math.MaxInt32, true
	case f <= math.MinInt32:
		return math.MinInt32, true
	}
	return int(f), true
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// unitStep resolves a TimeUnit name given to offset/dateOffset (Oozie's
// TimeUnit.valueOf, case-sensitive) to a calendar step in loc and the
// java.util.Calendar field constant Oozie's offset-range check multiplies.
func unitStep(name string, loc *time.Location) (step, int, bool) {
	var u ir.TimeUnit
	var calField int
	switch name {
	case "MINUTE":
		u, calField = ir.UnitMinute, 12
	case "HOUR":
		u, calField = ir.UnitHour, 10
	case "DAY", "END_OF_DAY":
		u, calField = ir.UnitDay, 5
	case "WEEK", "END_OF_WEEK":
		u, calField = ir.UnitWeek, 3
	case "MONTH", "END_OF_MONTH":
		u, calField = ir.UnitMonth, 2
	case "YEAR":
		u, calField = ir.UnitYear, 1
	default:
		return step{}, 0, false
	}
	st, _ := newStep(u, loc)
	return st, calField, true
}

const unitNames = "MINUTE, HOUR, DAY, WEEK, MONTH, YEAR, END_OF_DAY, END_OF_WEEK or END_OF_MONTH"

// pureFuncs are the functions that need only their arguments: formatTime,
// epochTime, dateOffset and dateTzOffset, computed in Oozie's processing
// zone (UTC) by compiler/el's built-in implementations; a failure is
// reported as Oozie's E1004 "Unable to evaluate". dateOffset and
// dateTzOffset are left out where Oozie's group lacks them.
func pureFuncs(x *evalCtx, withDateOffset bool) map[string]el.Func {
	names := []string{"coord:formatTime", "coord:epochTime"}
	if withDateOffset {
		names = append(names, "coord:dateOffset", "coord:dateTzOffset")
	}
	fs := make(map[string]el.Func, len(names))
	for _, name := range names {
		impl, _ := el.Builtin(name)
		fs[name] = func(call *ir.Call, args []el.Value) (el.Value, error) {
			v, err := impl(call, args)
			if err != nil {
				return nil, x.unableToEvaluate(call, err.Error())
			}
			return v, nil
		}
	}
	return fs
}

// actionFuncs are the action-level functions every materialization group
// has: conf, user, actionId, name, and (for the start group and `coordc
// eval`) nominalTime and actualTime.
func actionFuncs(x *evalCtx, withTimes bool) map[string]el.Func {
	c := x.m.c
	fs := map[string]el.Func{
		"coord:conf": func(call *ir.Call, args []el.Value) (el.Value, error) {
			name, err := x.argString(call, args, 0)
			if err != nil {
				return nil, err
			}
			if v, ok := c.Params[name]; ok {
				return v, nil
			}
			return nil, nil
		},
		"coord:user": func(*ir.Call, []el.Value) (el.Value, error) { return c.User, nil },
		"coord:actionId": func(*ir.Call, []el.Value) (el.Value, error) {
			return x.m.opts.JobID + "@" + strconv.Itoa(x.number), nil
		},
		"coord:name": func(*ir.Call, []el.Value) (el.Value, error) { return x.m.appName, nil },
	}
	if withTimes {
		fs["coord:nominalTime"] = func(*ir.Call, []el.Value) (el.Value, error) {
			return oozietime.FormatDateTime(x.nominal), nil
		}
		fs["coord:actualTime"] = func(*ir.Call, []el.Value) (el.Value, error) {
			return oozietime.FormatDateTime(x.actual), nil
		}
	}
	return fs
}

func merge(dst map[string]el.Func, srcs ...map[string]el.Func) map[string]el.Func {
	for _, src := range srcs {
		for k, v := range src {
			dst[k] = v
		}
	}
	return dst
}
