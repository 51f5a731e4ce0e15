package el

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
)

// builtins are the real functions that need no job, dataset or action
// state; they compute in the Oozie processing timezone, UTC, with Java's
// calendar rules (package oozietime).
var builtins = map[string]Func{
	"coord:dateOffset":   dateOffset,
	"coord:dateTzOffset": dateTzOffset,
	"coord:formatTime":   formatTime,
	"coord:epochTime":    epochTime,
}

// Builtin returns the built-in implementation of a real function that needs
// only its arguments (coord:dateOffset, coord:dateTzOffset,
// coord:formatTime, coord:epochTime), so that callers that report failures
// their own way (the planner's E1004) wrap the one implementation.
func Builtin(name string) (Func, bool) {
	f, ok := builtins[name]
	return f, ok
}

// TimeUnits are the names of Oozie's TimeUnit enum, accepted (case
// sensitively) by coord:offset and coord:dateOffset. NONE is a member of the
// enum but has no calendar field, so using it fails.
var TimeUnits = []string{"MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "YEAR",
	"END_OF_DAY", "END_OF_WEEK", "END_OF_MONTH", "CRON", "NONE"}

// UnitField maps a TimeUnit name to the calendar field Oozie adds for it
// (END_OF_* units add like their plain unit). ok is false for NONE and
// unknown names; CRON maps to Calendar.ERA (oozietime.AddEra), so its field
// is reported with cron = true.
func UnitField(unit string) (f oozietime.Field, cron, ok bool) {
	switch unit {
	case "MINUTE":
		return oozietime.Minute, false, true
	case "HOUR":
		return oozietime.Hour, false, true
	case "DAY", "END_OF_DAY":
		return oozietime.Day, false, true
	case "WEEK", "END_OF_WEEK":
		return oozietime.Week, false, true
	case "MONTH", "END_OF_MONTH":
		return oozietime.Month, false, true
	case "YEAR":
		return oozietime.Year, false, true
	case "CRON":
		return 0, true, true
	}
	return 0, false, false
}

// dateOffset is coord:dateOffset(ts, n, unit): a java.util.Calendar add of
// n units in UTC (Jan 31 + 1 MONTH = Feb 28). A zero n returns ts whatever
// the unit; CRON is Calendar.ERA (field 0 of Oozie's TimeUnit), so a
// negative n moves the date to the same fields BC (see oozietime.AddEra).
// NONE (field -1) with any other n fails as Calendar.add does.
func dateOffset(_ *ir.Call, args []Value) (Value, error) {
	t, err := oozietime.ParseDateTime(ToString(args[0]))
	if err != nil {
		return nil, err
	}
	n, err := ToInt(args[1])
	if err != nil {
		return nil, err
	}
	unit := ToString(args[2])
	f, cron, ok := UnitField(unit)
	switch {
	case n == 0 && (ok || unit == "NONE"):
		// Calendar.add returns before it looks at the field when the
		// amount is 0, so even NONE (field -1) gives ts back.
	case !ok:
		return nil, fmt.Errorf("unit %q is not a time unit with a calendar field (use one of MINUTE, HOUR, DAY, WEEK, MONTH, YEAR)", unit)
	case cron:
		t = oozietime.AddEra(t, int(n))
	default:
		t = oozietime.Add(t, time.UTC, f, int(n))
	}
	return oozietime.FormatDateTime(t), nil
}

// dateTzOffset is coord:dateTzOffset(ts, tz): the wall-clock time of ts in
// tz, printed with Oozie's UTC mask, so still suffixed Z (SEMANTICS.md §3.3).
func dateTzOffset(_ *ir.Call, args []Value) (Value, error) {
	t, err := oozietime.ParseDateTime(ToString(args[0]))
	if err != nil {
		return nil, err
	}
	loc, _, err := oozietime.LoadZone(ToString(args[1]))
	if err != nil {
		return nil, err
	}
	wall := t.In(loc)
	_, off := wall.Zone()
	return oozietime.FormatDateTime(t.Add(time.Duration(off) * time.Second)), nil
}

// formatTime is coord:formatTime(ts, pattern): java.text.SimpleDateFormat in
// the processing timezone.
func formatTime(_ *ir.Call, args []Value) (Value, error) {
	t, err := oozietime.ParseDateTime(ToString(args[0]))
	if err != nil {
		return nil, err
	}
	return oozietime.FormatJava(t, time.UTC, ToString(args[1]))
}

// epochTime is coord:epochTime(ts, millis): seconds since the epoch, or
// milliseconds when millis is "true" in any case; returned as text.
func epochTime(_ *ir.Call, args []Value) (Value, error) {
	t, err := oozietime.ParseDateTime(ToString(args[0]))
	if err != nil {
		return nil, err
	}
	if strings.EqualFold(ToString(args[1]), "true") {
		return strconv.FormatInt(t.UnixMilli(), 10), nil
	}
	return strconv.FormatInt(t.Unix(), 10), nil
}
