package compiler

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/coordc/coordc/compiler/cron"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/java"
	"github.com/hashicorp/hcl/v2"
)

// Evaluation groups (Oozie ELService groups, SEMANTICS.md §2).
const (
	groupNoFuncs      = "coord-job-submit-nofuncs"
	groupFreq         = "coord-job-submit-freq"
	groupInitial      = "coord-job-submit-initial-instance"
	groupTimeout      = "coord-job-wait-timeout"
	groupInstances    = "coord-job-submit-instances"
	groupData         = "coord-job-submit-data"
	groupSLASubmit    = "coord-sla-submit"
	groupActionCreate = "coord-action-create"
	groupCreateInst   = "coord-action-create-inst"
	groupActionStart  = "coord-action-start"
	groupSLACreate    = "coord-sla-create"
)

// unitTracker implements Oozie's frequency functions. Like Oozie, the unit is
// a side channel set by whichever function ran last, and the value is plain
// arithmetic: ${coord:months(1) + 7} is 8 months (SEMANTICS.md §3.1).
type unitTracker struct {
	unit  ir.TimeUnit
	endOf ir.EndOf
}

func (u *unitTracker) funcs() map[string]el.Func {
	mk := func(unit ir.TimeUnit, endOf ir.EndOf, mult int64) el.Func {
		return func(_ *ir.Call, args []el.Value) (el.Value, error) {
			n, err := el.ToInt(args[0])
			if err != nil {
				return nil, err
			}
			if n <= 0 {
				return nil, fmt.Errorf("parameter [n] = [%d] must be greater than zero", n)
			}
			u.unit, u.endOf = unit, endOf
			return n * mult, nil
		}
	}
	return map[string]el.Func{
		"coord:minutes":     mk(ir.UnitMinute, ir.EndOfNone, 1),
		"coord:hours":       mk(ir.UnitMinute, ir.EndOfNone, 60),
		"coord:days":        mk(ir.UnitDay, ir.EndOfNone, 1),
		"coord:months":      mk(ir.UnitMonth, ir.EndOfNone, 1),
		"coord:endOfDays":   mk(ir.UnitDay, ir.EndOfDay, 1),
		"coord:endOfWeeks":  mk(ir.UnitWeek, ir.EndOfWeek, 1),
		"coord:endOfMonths": mk(ir.UnitMonth, ir.EndOfMonth, 1),
	}
}

// evalFrequency evaluates a coordinator (allowCron) or dataset frequency.
func (s *scope) evalFrequency(t *ir.Text, place string, allowCron bool) ir.Frequency {
	f := ir.Frequency{Text: t}
	if t == nil {
		return f
	}
	u := &unitTracker{unit: ir.UnitMinute, endOf: ir.EndOfNone}
	v, ok := s.eval(t, groupFreq, place, u.funcs())
	if !ok {
		return f
	}
	v = java.Trim(v)
	if n, err := strconv.ParseInt(v, 10, 32); err == nil {
		f.N, f.Unit, f.EndOf, f.Resolved = int(n), u.unit, u.endOf, true
		return f
	}
	if v == "" {
		s.errorf(t.Range, diag.E1003, "Write a frequency: minutes as an integer, an EL expression such as ${coord:days(1)}, or (for coordinators) a 5-field cron expression.", "Frequency is empty")
		return f
	}
	if !allowCron {
		s.errorf(t.Range, diag.E1003, "A dataset frequency must be a whole number of minutes, or a coord:minutes/hours/days/months/endOf* expression; Oozie does not accept cron expressions for datasets.",
			"Dataset frequency %q is not an integer", v)
		return f
	}
	expr, err := cron.Parse(v)
	if err != nil {
		var pe *cron.ParseError
		rng := t.Range
		msg := err.Error()
		if errors.As(err, &pe) {
			rng = subRange(t, v, pe.Offset, pe.Length)
			msg = pe.Msg
		}
		s.errorf(rng, diag.E1003, "A frequency is either an integer (minutes), an EL expression such as ${coord:days(1)}, or a 5-field cron expression evaluated in UTC.",
			"Invalid cron frequency %q: %s", v, msg)
		return f
	}
	for _, w := range expr.Warnings() {
		s.warnf(subRange(t, v, w.Offset, w.Length), diag.CRON001, "Oozie's cron parser (Quartz) accepts this text but does not read it the way it looks. Write the field so that it says what it does.",
			"Cron field %q is read differently than written: %s", v, w.Msg)
	}
	f.Unit, f.Cron, f.EndOf, f.Resolved = ir.UnitCron, expr.String(), ir.EndOfNone, true
	return f
}

// subRange returns the range of value[off:off+n] inside t when t is a plain
// single-line literal whose trimmed text is value; otherwise t's range.
func subRange(t *ir.Text, value string, off, n int) hcl.Range {
	if t.Template == nil || !t.Template.IsLiteral() || t.Range.Start.Line != t.Range.End.Line {
		return t.Range
	}
	lead, _ := java.TrimBounds(t.Raw)
	if lead+len(value) > len(t.Raw) || t.Raw[lead:lead+len(value)] != value || t.Range.End.Byte-t.Range.Start.Byte != len(t.Raw) {
		return t.Range
	}
	r := t.Range
	r.Start.Byte += lead + off
	r.Start.Column += lead + off
	r.End = r.Start
	r.End.Byte += n
	r.End.Column += n
	return r
}

// checkMaxFrequency applies Oozie's 5-minute floor to integer MINUTE
// frequencies (oozie.service.coord.check.maximum.frequency, default true).
func (s *scope) checkMaxFrequency(f ir.Frequency) {
	if !f.Resolved || f.Unit != ir.UnitMinute {
		return
	}
	if f.N < 5 {
		s.errorf(f.Text.Range, diag.E1003, fmt.Sprintf("Oozie refuses coordinators that run more often than every 5 minutes (Coordinator job with frequency [%d] minutes is faster than allowed maximum of 5 minutes; oozie.service.coord.check.maximum.frequency). Use 5 or more, or a cron expression.", f.N),
			"Frequency of %d %s is below Oozie's 5-minute minimum", f.N, plural(f.N, "minute", "minutes"))
	}
}

// timeoutMinutes converts a timeout evaluated with the duration functions to
// minutes: DAY ×1440, MONTH ×43200 (30-day months), as Oozie does.
func timeoutMinutes(n int, unit ir.TimeUnit) int {
	switch unit {
	case ir.UnitDay:
		return n * 1440
	case ir.UnitMonth:
		return n * 43200
	case ir.UnitWeek:
		return n * 10080
	}
	return n
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
