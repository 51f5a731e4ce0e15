package schedule

import (
	"fmt"
	"strings"
	"time"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
)

// funcKind is Oozie's classification of an echoed instance function
// (CoordCommandUtils.getFuncType): by substring, in this order.
type funcKind int

const (
	kindUnexpected funcKind = iota
	kindCurrent
	kindLatest
	kindFuture
	kindOffset
	kindAbsolute
	kindEndOfDays
	kindEndOfWeeks
	kindEndOfMonths
)

func classify(s string) funcKind {
	switch {
	case strings.Contains(s, "current"):
		return kindCurrent
	case strings.Contains(s, "latest"):
		return kindLatest
	case strings.Contains(s, "future"):
		return kindFuture
	case strings.Contains(s, "offset"):
		return kindOffset
	case strings.Contains(s, "absolute"):
		return kindAbsolute
	case strings.Contains(s, "endOfDays"):
		return kindEndOfDays
	case strings.Contains(s, "endOfWeeks"):
		return kindEndOfWeeks
	case strings.Contains(s, "endOfMonths"):
		return kindEndOfMonths
	}
	return kindUnexpected
}

// absoluteLike kinds may only start a range whose end is current(k).
func (k funcKind) absoluteLike() bool { return k >= kindAbsolute }

// argText is the text between the first "(" and the last ")" (Oozie's
// parseOneStringArg); ok is false when there is none.
func argText(s string) (string, bool) {
	i, j := strings.Index(s, "("), strings.LastIndex(s, ")")
	if i < 0 || j <= i {
		return "", false
	}
	return strings.TrimSpace(s[i+1 : j]), true
}

// oneArg is Oozie's parseOneArg: (int) Double.parseDouble of the argument.
func oneArg(s string) (int, bool) {
	a, ok := argText(s)
	if !ok || a == "" {
		return 0, false
	}
	return javaInt(a)
}

// moreArgs is Oozie's parseMoreArgs: the first number up to the last comma,
// and the trimmed rest up to the last ")".
func moreArgs(s string) (int, string, bool) {
	i, c, j := strings.Index(s, "("), strings.LastIndex(s, ","), strings.LastIndex(s, ")")
	if i < 0 || c <= i || j < c {
		return 0, "", false
	}
	n, ok := javaInt(s[i+1 : c])
	return n, strings.TrimSpace(s[c+1 : j]), ok && strings.TrimSpace(s[i+1:c]) != ""
}

// rangeSpec is a start/end-instance pair after phase-2 evaluation: the
// evaluated (echoed) texts.
type rangeSpec struct {
	start, end string
}

// resolveRange is Oozie's resolveInstanceRange: it appends the resolved
// instants to out, or returns the unresolved latestRange/futureRange text.
func (x *evalCtx) resolveRange(r rangeSpec, out []time.Time) ([]time.Time, string, error) {
	ks, ke := classify(r.start), classify(r.end)
	if ks != ke && !(ks.absoluteLike() && ke == kindCurrent) {
		if ks.absoluteLike() {
			return out, "", x.fail(diag.E1010, fmt.Sprintf("Oozie fails the materialization with E1010: Only start-instance as absolute/endOfMonths/endOfWeeks/endOfDays and end-instance as current is supported (start = %s, end = %s). Make the end-instance a coord:current(n).", r.start, r.end),
				"End-instance %q must be a coord:current when the start-instance is %q", r.end, r.start)
		}
		return out, "", x.fail(diag.E1010, fmt.Sprintf("Oozie fails the materialization with E1010: start-instance and end-instance both should be either latest or current or future or offset (start %s and end %s). Use the same function in both.", r.start, r.end),
			"Start-instance %q and end-instance %q use different instance functions", r.start, r.end)
	}
	if ks.absoluteLike() {
		return x.absoluteStart(ks, r, out)
	}
	var a, b int
	var aRest, bRest string
	var okA, okB bool
	switch ks {
	case kindCurrent, kindLatest:
		a, okA = oneArg(r.start)
		b, okB = oneArg(r.end)
	case kindFuture, kindOffset:
		a, aRest, okA = moreArgs(r.start)
		b, bRest, okB = moreArgs(r.end)
	}
	if !okA || !okB {
		bad := r.start
		if okA {
			bad = r.end
		}
		return out, "", x.fail(diag.E1010, fmt.Sprintf("Oozie cannot read an instance number out of %q (\"Unformatted function\") and fails the materialization. Write the range as coord:current(a) … coord:current(b), or with offset, latest or future.", bad),
			"Instance range bound %q is not an instance function", bad)
	}
	if ks == kindOffset {
		return x.offsetRange(r, a, aRest, b, bRest, out)
	}
	if a > b {
		return out, "", x.rangeOrder(r.start, r.end, a, b)
	}
	switch ks {
	case kindLatest:
		return out, "${coord:latestRange(" + itoa(a) + "," + itoa(b) + ")}", nil
	case kindFuture:
		return out, "${coord:futureRange(" + itoa(a) + "," + itoa(b) + ",'" + bRest + "')}", nil
	}
	out, err := x.currentSpan(r.start, r.end, a, b, out)
	return out, "", err
}

// currentSpan is a current(a) … current(b) range.
func (x *evalCtx) currentSpan(start, end string, a, b int, out []time.Time) ([]time.Time, error) {
	if a > b {
		return out, x.rangeOrder(start, end, a, b)
	}
	if err := x.checkSpan(a, b); err != nil {
		return out, err
	}
	return x.ds.currentRange(x.nominal, a, b, out), nil
}

func (x *evalCtx) rangeOrder(start, end string, a, b int) error {
	return x.fail(diag.E1010, fmt.Sprintf("Oozie fails the materialization with E1010: start-instance should be equal or earlier than the end-instance (%d > %d). Swap the bounds.", a, b),
		"Start-instance %q is after end-instance %q", start, end)
}

func (x *evalCtx) absoluteStart(k funcKind, r rangeSpec, out []time.Time) ([]time.Time, string, error) {
	end, ok := oneArg(r.end)
	if !ok {
		return out, "", x.fail(diag.E1010, fmt.Sprintf("Oozie cannot read an instance number out of %q and fails the materialization. Use coord:current(n) as the end-instance.", r.end),
			"End-instance %q is not a coord:current", r.end)
	}
	var start time.Time
	if k == kindAbsolute {
		arg, _ := argText(r.start)
		t, err := oozietime.ParseDateTime(strings.Trim(arg, `'"`))
		if err != nil {
			return out, "", x.fail(diag.E1010, fmt.Sprintf("The argument of coord:absolute must be a datetime such as 2009-08-20T01:00Z: %v.", err),
				"Start-instance %q is not a datetime", r.start)
		}
		start = t
	} else {
		n, ok := oneArg(r.start)
		if !ok {
			return out, "", x.fail(diag.E1010, fmt.Sprintf("Oozie cannot read an instance number out of %q and fails the materialization. Write it as coord:endOfDays(n) with an integer n.", r.start),
				"Start-instance %q has no instance number", r.start)
		}
		start = x.endOfStart(k, n)
	}
	ts, err := x.absoluteRange(start, end, r.start)
	return append(out, ts...), "", err
}

// offsetRange is the offset branch of resolveInstanceRange, with Oozie's
// order check that compares Calendar field constants × n (a bug kept on
// purpose: offset(-1,'DAY') … offset(-2,'HOUR') is rejected).
func (x *evalCtx) offsetRange(r rangeSpec, a int, aUnit string, b int, bUnit string, out []time.Time) ([]time.Time, string, error) {
	loc := x.ds.st.loc
	sa, fa, okA := unitStep(aUnit, loc)
	sb, fb, okB := unitStep(bUnit, loc)
	if !okA || !okB {
		bad := aUnit
		if okA {
			bad = bUnit
		}
		return out, "", x.fail(diag.E1004, fmt.Sprintf("Oozie's TimeUnit.valueOf(%q) fails (\"No enum constant\") and the materialization fails. Use one of %s.", bad, unitNames),
			"Offset unit %q is not a time unit", bad)
	}
	if int64(fa)*int64(a) > int64(fb)*int64(b) {
		return out, "", x.fail(diag.E1010, fmt.Sprintf("Oozie fails the materialization with E1010: start-instance should be equal or earlier than the end-instance. Oozie compares Calendar field constants times n (%d×%d > %d×%d), not times, so this check can reject valid ranges; express both bounds in the same unit.", fa, a, fb, b),
			"Start-instance %q is after end-instance %q by Oozie's check", r.start, r.end)
	}
	cal, _, ok := x.ds.current(x.nominal)
	if !ok {
		return out, "", nil
	}
	startRaw, endRaw := sa.add(cal, a), sb.add(cal, b)
	offsets, err := x.expandOffsets(cal, startRaw, endRaw)
	if err != nil {
		return out, "", err
	}
	unitName := string(x.ds.unit)
	for i := len(offsets) - 1; i >= 0; i-- {
		inst, ok, err := x.offsetInstance(&ir.Call{Prefix: "coord", Name: "offset"}, offsets[i], unitName)
		if err != nil {
			return out, "", err
		}
		if !ok {
			break // earlier than the dataset's initial instance
		}
		out = append(out, inst)
	}
	return out, "", nil
}

// expandOffsets is Oozie's expandOffsetTimes: the multiples of the dataset
// frequency, counted from the current instance by repeated addition, that
// fall in [startRaw, endRaw].
func (x *evalCtx) expandOffsets(cal, startRaw, endRaw time.Time) ([]int, error) {
	d := x.ds
	total, steps := 0, 0
	tooFar := func() error {
		steps++
		if steps > maxRange {
			return x.checkSpan(0, maxRange)
		}
		return nil
	}
	if startRaw.Before(cal) {
		for cal.After(startRaw) {
			if err := tooFar(); err != nil {
				return nil, err
			}
			cal = d.st.add(cal, -d.freq)
			total -= d.freq
		}
		if cal.Before(startRaw) {
			cal = d.st.add(cal, d.freq)
			total += d.freq
		}
	} else {
		for cal.Before(startRaw) {
			if err := tooFar(); err != nil {
				return nil, err
			}
			cal = d.st.add(cal, d.freq)
			total += d.freq
		}
	}
	var out []int
	for !cal.After(endRaw) {
		if err := tooFar(); err != nil {
			return nil, err
		}
		out = append(out, total)
		cal = d.st.add(cal, d.freq)
		total += d.freq
	}
	return out, nil
}
