package compiler

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/coordc/coordc/compiler/cron"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/java"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/hashicorp/hcl/v2"
)

// Oozie's control defaults and limits (oozie-default.xml, SEMANTICS.md §7).
const (
	defaultTimeout     = 120
	maxTimeout         = 86400 // 60 days in minutes
	defaultConcurrency = 1
	defaultThrottle    = 12
	maxThrottle        = 500 // queue size 10000 × throttling factor 0.05
)

// epoch is Oozie's default (and earliest) dataset initial instance.
var epoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// submitCoordinator runs Oozie's submit phase over one coordinator.
func (l *loader) submitCoordinator(c *ir.Coordinator) hcl.Diagnostics {
	s := newScope(l.coordParams(c), l.opts.Strict)
	s.files = l.files
	c.Params = s.params
	c.User = s.params["user.name"]
	l.checkParameters(s, c.Parameters, c.Version.AtLeast("0.4"))

	s.eval(c.Name, groupNoFuncs, "the coordinator name", nil)
	c.Frequency = s.evalFrequency(c.Frequency.Text, "frequency", true)
	c.Start = s.evalInstant(c.Start.Text, "start", groupNoFuncs)
	c.End = s.evalInstant(c.End.Text, "end", groupNoFuncs)
	c.Timezone = s.evalZone(c.Timezone.Text, "timezone")
	s.checkStartEnd(c)
	s.checkMaxFrequency(c.Frequency)
	s.checkCron(c)
	s.evalControls(&c.Controls)

	l.mergeDatasets(s, c)
	for _, ds := range c.Datasets {
		s.evalDataset(ds)
	}
	s.linkEvents(c)
	s.checkInstances(c)
	s.checkInputLogic(c)
	s.checkAction(c)
	s.checkSLA(c)
	return s.finish()
}

// evalInstant evaluates a datetime attribute.
func (s *scope) evalInstant(t *ir.Text, place, group string) ir.Instant {
	in := ir.Instant{Text: t}
	v, ok := s.eval(t, group, place, nil)
	if !ok {
		return in
	}
	tm, err := oozietime.ParseDateTime(v)
	if err != nil {
		s.errorf(t.Range, diag.E1003, fmt.Sprintf("Oozie datetimes are UTC instants written yyyy-MM-ddTHH:mmZ, for example 2009-01-02T08:00Z (Oozie: parameter [%s] = [%s] must be Date in UTC format).", place, v),
			"%s is not a valid datetime: %v", capitalize(place), err)
		return in
	}
	in.Time, in.Resolved = tm, true
	return in
}

// evalZone evaluates a timezone attribute.
func (s *scope) evalZone(t *ir.Text, place string) ir.Zone {
	z := ir.Zone{Text: t}
	v, ok := s.eval(t, groupNoFuncs, place, nil)
	if !ok {
		return z
	}
	loc, id, err := oozietime.LoadZone(v)
	if err != nil {
		detail := fmt.Sprintf("Use an IANA zone ID such as America/Los_Angeles, or UTC, or GMT±hh:mm; IDs are case-sensitive (Oozie: parameter [%s] = [%s] must be a valid TZ).", place, v)
		if sug := oozietime.SuggestZone(v); sug != "" {
			detail = fmt.Sprintf("Did you mean %q? %s", sug, detail)
		}
		s.errorf(t.Range, diag.E1003, detail, "Unknown time zone %q", v)
		return z
	}
	z.ID, z.Location, z.Resolved = id, loc, true
	return z
}

func (s *scope) checkStartEnd(c *ir.Coordinator) {
	if !c.Start.Resolved || !c.End.Resolved {
		return
	}
	if !c.Start.Time.Before(c.End.Time) {
		rng := c.End.Text.Range
		s.errorf(rng, diag.E1003, fmt.Sprintf("Start %s is not before end %s, so Oozie rejects the job (Coordinator Start Time must be earlier than End Time). The end is exclusive: a job runs the actions whose nominal time is at or after start and before end; move the end later.",
			oozietime.FormatDateTime(c.Start.Time), oozietime.FormatDateTime(c.End.Time)),
			"End is not after start")
	}
}

// checkCron applies Oozie's submit-time cron checks: the expression must fire
// at all, and before the end.
func (s *scope) checkCron(c *ir.Coordinator) {
	f := c.Frequency
	if !f.Resolved || f.Unit != ir.UnitCron || !c.Start.Resolved || !c.End.Resolved {
		return
	}
	if err := cron.Validate(f.Cron, c.Start.Time, c.End.Time); err != nil {
		code := diag.E1003
		var ve *cron.ValidationError
		if errors.As(err, &ve) {
			code = ve.Code
		}
		s.errorf(f.Text.Range, code, "Cron frequencies are evaluated in UTC from one minute before the start; the first fire must come before the end.", "%s", err.Error())
	}
}

// evalControls evaluates the controls and computes Oozie's effective values.
func (s *scope) evalControls(ctl *ir.Controls) {
	ctl.Timeout = s.evalTimeout(ctl.Timeout.Text)
	ctl.Concurrency = s.evalIntControl(ctl.Concurrency.Text, "concurrency", defaultConcurrency)
	ctl.Throttle = s.evalIntControl(ctl.Throttle.Text, "throttle", defaultThrottle)
	if ctl.Throttle.Resolved && (ctl.Throttle.Written < 1 || ctl.Throttle.Written > maxThrottle) {
		ctl.Throttle.Effective = maxThrottle
	}
	ctl.Execution = ir.ExecutionControl{Text: ctl.Execution.Text, Effective: ir.FIFO}
	if t := ctl.Execution.Text; t != nil {
		if v, ok := s.eval(t, groupNoFuncs, "execution", nil); ok {
			switch e := ir.Execution(java.Trim(v)); e {
			case ir.FIFO, ir.LIFO, ir.LastOnly, ir.None:
				ctl.Execution.Effective, ctl.Execution.Resolved = e, true
			default:
				s.errorf(t.Range, diag.E1003, fmt.Sprintf("The execution order is one of FIFO, LIFO, LAST_ONLY or NONE, in capitals (Oozie: No enum constant Execution.%s).", java.Trim(v)),
					"Invalid execution order %q", java.Trim(v))
			}
		}
	}
}

func (s *scope) evalTimeout(t *ir.Text) ir.IntControl {
	c := ir.IntControl{Text: t, Effective: defaultTimeout}
	if t == nil {
		return c
	}
	u := &unitTracker{unit: ir.UnitMinute}
	v, ok := s.eval(t, groupTimeout, "timeout", u.funcs())
	if !ok {
		return c
	}
	n, err := strconv.Atoi(java.Trim(v))
	if err != nil {
		s.errorf(t.Range, diag.E1003, "The timeout is a whole number of minutes, or an expression such as ${coord:hours(2)}.",
			"Timeout %q is not an integer", v)
		return c
	}
	c.Written, c.Resolved = timeoutMinutes(n, u.unit), true
	c.Effective = c.Written
	if c.Written < 0 || c.Written > maxTimeout {
		c.Effective = maxTimeout
	}
	return c
}

func (s *scope) evalIntControl(t *ir.Text, name string, def int) ir.IntControl {
	c := ir.IntControl{Text: t, Effective: def}
	if t == nil {
		return c
	}
	v, ok := s.eval(t, groupNoFuncs, name, nil)
	if !ok {
		return c
	}
	n, err := strconv.Atoi(java.Trim(v))
	if err != nil {
		s.errorf(t.Range, diag.E1003, fmt.Sprintf("The %s control is a whole number.", name),
			"%s %q is not an integer", capitalize(name), v)
		return c
	}
	c.Written, c.Effective, c.Resolved = n, n, true
	return c
}

// capitalize upper-cases the first letter of a place name for a summary.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
