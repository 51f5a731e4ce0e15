package schedule

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
)

// EL groups of the materialization phases (SEMANTICS §2).
const (
	groupCreate     = "coord-action-create"
	groupCreateInst = "coord-action-create-inst"
	groupStart      = "coord-action-start"
)

// createFuncs is group coord-action-create (<instance> texts): the real
// instance functions. The EL package echoes latest, future, absolute and
// endOf* itself, in Oozie's text form.
func createFuncs(x *evalCtx) map[string]el.Func {
	return merge(map[string]el.Func{
		"coord:current":       x.fnCurrent,
		"coord:currentRange":  x.fnCurrentRange,
		"coord:offset":        x.fnOffset,
		"coord:absoluteRange": x.fnAbsoluteRange,
	}, datasetInfoFuncs(x), pureFuncs(x, false), actionFuncs(x, false))
}

// createInstFuncs is group coord-action-create-inst (<start-instance> and
// <end-instance>): the instance functions are echoed by the EL package, so
// that the range is classified from the text exactly as Oozie does (see
// ranges.go).
func createInstFuncs(x *evalCtx) map[string]el.Func {
	fs := merge(map[string]el.Func{"coord:absoluteRange": x.fnAbsoluteRange},
		datasetInfoFuncs(x), pureFuncs(x, true), actionFuncs(x, false))
	delete(fs, "coord:actionId")
	delete(fs, "coord:name")
	return fs
}

// datasetInfoFuncs are hoursInDay, daysInMonth and tzOffset, which read the
// dataset of the event.
func datasetInfoFuncs(x *evalCtx) map[string]el.Func {
	return map[string]el.Func{
		"coord:hoursInDay":  x.fnHoursInDay,
		"coord:daysInMonth": x.fnDaysInMonth,
		"coord:tzOffset":    x.fnTzOffset,
	}
}

// needDataset fails functions that read a dataset where Oozie has none (the
// action configuration): Oozie throws "Associated Dataset should be defined"
// and the action fails.
func (x *evalCtx) needDataset(call *ir.Call) error {
	if x.ds != nil {
		return nil
	}
	return x.fail(diag.E1004,
		fmt.Sprintf("%s reads the dataset of a data-in or data-out; in the action configuration Oozie has no dataset (\"Associated Dataset should be defined\") and fails the action. Compute the value in an <instance> instead, or use coord:dateOffset on coord:nominalTime().", call.QualifiedName()),
		"%s cannot be used in the action configuration", call.QualifiedName())
}

func formatTimes(ts []time.Time) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteByte('#')
		}
		b.WriteString(oozietime.FormatDateTime(t))
	}
	return b.String()
}

func (x *evalCtx) fnCurrent(call *ir.Call, args []el.Value) (el.Value, error) {
	if err := x.needDataset(call); err != nil {
		return nil, err
	}
	n, err := x.argInt(call, args, 0)
	if err != nil {
		return nil, err
	}
	return formatTimes(x.ds.currentRange(x.nominal, n, n, nil)), nil
}

func (x *evalCtx) fnCurrentRange(call *ir.Call, args []el.Value) (el.Value, error) {
	if err := x.needDataset(call); err != nil {
		return nil, err
	}
	a, err := x.argInt(call, args, 0)
	if err != nil {
		return nil, err
	}
	b, err := x.argInt(call, args, 1)
	if err != nil {
		return nil, err
	}
	if err := x.checkSpan(a, b); err != nil {
		return nil, err
	}
	return formatTimes(x.ds.currentRange(x.nominal, a, b, nil)), nil
}

func (x *evalCtx) checkSpan(a, b int) error {
	if int64(b)-int64(a) >= maxRange {
		return x.fail(diag.E1010, fmt.Sprintf("coordc refuses to list more than %d instances in one range; Oozie would try. Narrow the range.", maxRange),
			"Instance range from %d to %d is too large", a, b)
	}
	return nil
}

// offsetRaw is Oozie's resolveOffsetRawTime: the (possibly drifted) current
// instance plus n units of the offset's own unit, in the dataset zone.
// CRON is Oozie's TimeUnit with the Calendar field ERA (a negative n moves
// the instant to BC, before any initial instance) and NONE, field -1, works
// only with n = 0, where Calendar.add returns before it looks at the field.
func (x *evalCtx) offsetRaw(call *ir.Call, n int, unit string) (time.Time, bool, error) {
	st, _, ok := unitStep(unit, x.ds.st.loc)
	if !ok && unit != "CRON" && (unit != "NONE" || n != 0) {
		return time.Time{}, false, x.unableToEvaluate(call, fmt.Sprintf("unit %q is not one of %s (Oozie's TimeUnit names are case-sensitive)", unit, unitNames))
	}
	cal, _, found := x.ds.current(x.nominal)
	switch {
	case !found:
		return time.Time{}, false, nil
	case unit == "CRON":
		return oozietime.AddEra(cal, n), true, nil
	case !ok:
		return cal, true, nil
	}
	return st.add(cal, n), true, nil
}

// offsetInstance is coord:offset(n, unit): the latest instance at or before
// the raw offset time; ok is false for Oozie's "" result.
func (x *evalCtx) offsetInstance(call *ir.Call, n int, unit string) (time.Time, bool, error) {
	raw, ok, err := x.offsetRaw(call, n, unit)
	if err != nil || !ok {
		return time.Time{}, false, err
	}
	inst, ok, drift := x.ds.rewind(raw)
	if drift {
		return time.Time{}, false, x.fail(diag.E1004,
			fmt.Sprintf("Stepping dataset %q by its frequency from its initial instance drifts (month-end clamping or a DST gap), so the stepped instance %s and the computed one differ; Oozie throws \"Shouldn't happen\" and fails the materialization. Use coord:current instead, or move the initial instance off the 29th-31st / the DST gap.", x.ds.ir.Name, oozietime.FormatDateTime(inst)),
			"coord:offset(%d, %q) fails for dataset %q", n, unit, x.ds.ir.Name)
	}
	return inst, ok, nil
}

func (x *evalCtx) fnOffset(call *ir.Call, args []el.Value) (el.Value, error) {
	if err := x.needDataset(call); err != nil {
		return nil, err
	}
	n, err := x.argInt(call, args, 0)
	if err != nil {
		return nil, err
	}
	unit, err := x.argString(call, args, 1)
	if err != nil {
		return nil, err
	}
	inst, ok, err := x.offsetInstance(call, n, unit)
	if err != nil || !ok {
		return "", err
	}
	return oozietime.FormatDateTime(inst), nil
}

func (x *evalCtx) fnAbsoluteRange(call *ir.Call, args []el.Value) (el.Value, error) {
	if err := x.needDataset(call); err != nil {
		return nil, err
	}
	start, err := x.argTime(call, args, 0)
	if err != nil {
		return nil, err
	}
	end, err := x.argInt(call, args, 1)
	if err != nil {
		return nil, err
	}
	ts, err := x.absoluteRange(start, end, "coord:absolute("+oozietime.FormatDateTime(start)+")")
	if err != nil {
		return nil, err
	}
	return formatTimes(ts), nil
}

// absoluteRange lists the instances from the exact instance start to
// current(end), newest first, with Oozie's three E1010 checks.
func (x *evalCtx) absoluteRange(start time.Time, end int, what string) ([]time.Time, error) {
	d := x.ds
	_, ks, ok := d.current(start)
	if !ok {
		return nil, x.fail(diag.E1010,
			fmt.Sprintf("Oozie fails the materialization with E1010: initial-instance should be equal or earlier than the start-instance (initial-instance %s, start-instance %s). Move the start later or the dataset's initial-instance earlier.", oozietime.FormatDateTime(d.init), oozietime.FormatDateTime(start)),
			"Start-instance %s is before the initial instance of dataset %q", what, d.ir.Name)
	}
	if oozietime.FormatDateTime(d.at(ks)) != oozietime.FormatDateTime(start) {
		return nil, x.fail(diag.E1010,
			fmt.Sprintf("Oozie fails the materialization with E1010: initial-instance is not in phase with start-instance (%s is between the instances %s and %s). Use a start that is an instance of the dataset.", oozietime.FormatDateTime(start), oozietime.FormatDateTime(d.at(ks)), oozietime.FormatDateTime(d.at(ks+1))),
			"Start-instance %s is not an instance of dataset %q", what, d.ir.Name)
	}
	_, kn, ok := d.current(x.nominal)
	if !ok {
		return nil, x.fail(diag.E1010,
			fmt.Sprintf("Oozie fails the materialization with E1010: initial-instance should be equal or earlier than the nominal time (initial-instance %s, nominal time %s). Move the dataset's initial-instance earlier or the coordinator start later.", oozietime.FormatDateTime(d.init), oozietime.FormatDateTime(x.nominal)),
			"Nominal time %s is before the initial instance of dataset %q", oozietime.FormatDateTime(x.nominal), d.ir.Name)
	}
	a := ks - kn
	if a > end {
		return nil, x.fail(diag.E1010,
			fmt.Sprintf("Oozie fails the materialization with E1010: start-instance should be equal or earlier than the end-instance (%s is current(%d), the end is current(%d)). Move the start earlier or the end later.", what, a, end),
			"Start-instance %s is after the end-instance", what)
	}
	if err := x.checkSpan(a, end); err != nil {
		return nil, err
	}
	return d.currentRange(x.nominal, a, end, nil), nil
}

// endOfStart is the start instance of coord:endOfDays/Weeks/Months(n) used
// as a start-instance: the nominal time truncated in the dataset zone to the
// day / week (Sunday) / month, plus n+1 of that unit.
func (x *evalCtx) endOfStart(kind funcKind, n int) time.Time {
	loc := x.ds.st.loc
	switch kind {
	case kindEndOfWeeks:
		return oozietime.Add(oozietime.StartOfWeek(x.nominal, loc), loc, oozietime.Week, n+1)
	case kindEndOfMonths:
		return oozietime.Add(oozietime.StartOfMonth(x.nominal, loc), loc, oozietime.Month, n+1)
	}
	return oozietime.Add(oozietime.StartOfDay(x.nominal, loc), loc, oozietime.Day, n+1)
}

// shifted is the nominal time moved by n dataset frequencies in the dataset
// zone (hoursInDay/daysInMonth); ok is false when I* is after the nominal
// time (Oozie returns -1).
func (x *evalCtx) shifted(call *ir.Call, args []el.Value) (time.Time, bool, error) {
	if err := x.needDataset(call); err != nil {
		return time.Time{}, false, err
	}
	n, err := x.argInt(call, args, 0)
	if err != nil {
		return time.Time{}, false, err
	}
	if x.ds.init.After(x.nominal) {
		return time.Time{}, false, nil
	}
	return x.ds.st.add(x.nominal, n*x.ds.freq), true, nil
}

func (x *evalCtx) fnHoursInDay(call *ir.Call, args []el.Value) (el.Value, error) {
	t, ok, err := x.shifted(call, args)
	if err != nil || !ok {
		return int64(-1), err
	}
	return int64(hoursInDay(t, x.ds.st.loc)), nil
}

// hoursInDay is Oozie's DateUtils.hoursInDay: local 00:30 of t's day (set
// as wall-clock fields, so a gap moves it forward) plus 24 absolute hours
// lands at 01:xx on a 23-hour day and 23:xx on a 25-hour day.
func hoursInDay(t time.Time, loc *time.Location) int {
	probe := oozietime.AtLocalTime(t, loc, 30*60).Add(24 * time.Hour)
	switch probe.In(loc).Hour() {
	case 1:
		return 23
	case 23:
		return 25
	}
	return 24
}

func (x *evalCtx) fnDaysInMonth(call *ir.Call, args []el.Value) (el.Value, error) {
	t, ok, err := x.shifted(call, args)
	if err != nil || !ok {
		return int64(-1), err
	}
	return int64(oozietime.DaysInMonth(t, x.ds.st.loc)), nil
}

func (x *evalCtx) fnTzOffset(call *ir.Call, _ []el.Value) (el.Value, error) {
	if err := x.needDataset(call); err != nil {
		return nil, err
	}
	_, ds := x.nominal.In(x.ds.st.loc).Zone()
	_, job := x.nominal.In(x.m.loc).Zone()
	return int64((ds - job) / 60), nil
}

// itoa is strconv.Itoa, named for the echo texts built in ranges.go.
func itoa(n int) string { return strconv.Itoa(n) }
