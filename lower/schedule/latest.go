package schedule

import (
	"fmt"
	"strings"
	"time"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/hashicorp/hcl/v2"
)

// Storage answers whether a path exists. It stands for the file system
// Oozie's input check polls; coord:latest and coord:future are resolved
// against it.
type Storage interface {
	Exists(path string) (bool, error)
}

// maxLatestWalk bounds how many instances coord:latest examines; Oozie walks
// back to the initial instance however far that is.
const maxLatestWalk = 100_000

// exists checks the done-flag path of instance t of d.
func (m *materializer) exists(d *dataset, t time.Time) (bool, error) {
	var path string
	_, path, m.buf = d.render(m.buf, t)
	return m.opts.Storage.Exists(path)
}

// latestRange is Oozie's coord_latestRange_sync: walking back from the
// current instance of the actual time towards I*, the existing instances
// whose ordinal (0, -1, -2 … over existing ones) is in [a, b], newest first.
// ok is false while fewer exist (the text stays unresolved).
func (m *materializer) latestRange(d *dataset, a, b int) ([]time.Time, bool, error) {
	cal, c, ok := d.current(m.x.actual)
	if !ok {
		return nil, false, nil
	}
	var out []time.Time
	available := 0
	for walked := 0; !cal.Before(d.init); walked++ {
		if walked >= maxLatestWalk {
			return nil, false, fmt.Errorf("coordc stops looking for coord:latest after %d instances without finding enough (Oozie walks back to the initial instance)", maxLatestWalk)
		}
		found, err := m.exists(d, cal)
		if err != nil {
			return nil, false, err
		}
		if found {
			if available == a {
				return append(out, cal), true, nil
			} else if available <= b {
				out = append(out, cal)
			}
			available--
		}
		c--
		cal = d.at(c)
	}
	return nil, false, nil
}

// futureRange is Oozie's coord_futureRange_sync: from the current instance
// of the nominal time forward, at most limit+1 instances are examined; the
// existing ones with ordinal in [a, b] are returned oldest first. When I* is
// after the nominal time Oozie resolves it to nothing.
func (m *materializer) futureRange(d *dataset, a, b, limit int) ([]time.Time, bool, error) {
	_, c, ok := d.current(m.x.nominal)
	if !ok {
		return nil, true, nil
	}
	var out []time.Time
	available := 0
	for checked := 0; checked <= limit; checked++ {
		cal := d.at(c)
		found, err := m.exists(d, cal)
		if err != nil {
			return nil, false, err
		}
		if found {
			if available == b {
				return append(out, cal), true, nil
			} else if available >= a {
				out = append(out, cal)
			}
			available++
		}
		c++
	}
	return nil, false, nil
}

// unresolvedCall is a parsed latest/future text: latest(n), latestRange(a,b),
// future(n, limit) or futureRange(a,b,'limit').
type unresolvedCall struct {
	future      bool
	a, b, limit int
}

func parseUnresolved(s string) (unresolvedCall, error) {
	u := unresolvedCall{future: classify(s) == kindFuture}
	inner, ok := argText(s)
	if !ok {
		return u, fmt.Errorf("%q has no argument list", s)
	}
	var nums []int
	for _, f := range strings.Split(inner, ",") {
		n, ok := javaInt(strings.Trim(strings.TrimSpace(f), `'"`))
		if !ok {
			return u, fmt.Errorf("argument %q of %q is not a number", f, s)
		}
		nums = append(nums, n)
	}
	want := 1
	if u.future {
		want = 2
	}
	switch len(nums) {
	case want: // latest(n) / future(n, limit)
		u.a, u.b = nums[0], nums[0]
	case want + 1: // latestRange(a,b) / futureRange(a,b,limit)
		u.a, u.b = nums[0], nums[1]
	default:
		return u, fmt.Errorf("%q has %d arguments", s, len(nums))
	}
	if u.future {
		u.limit = nums[len(nums)-1]
	}
	return u, u.check()
}

// check applies Oozie's ParamChecker rules of latest/future.
func (u unresolvedCall) check() error {
	name := "latest:n"
	if u.future {
		name = "future:n"
	}
	for _, n := range []int{u.a, u.b} {
		if !u.future && n > 0 {
			return fmt.Errorf("parameter [%s] = [%d] must be less than or equal to zero", name, n)
		}
		if u.future && n < 0 {
			return fmt.Errorf("parameter [%s] = [%d] must be greater than or equal to zero", name, n)
		}
	}
	if u.future && u.limit <= 0 {
		return fmt.Errorf("parameter [future:instance] = [%d] must be greater than zero", u.limit)
	}
	if u.future && u.limit >= maxRange {
		return fmt.Errorf("coordc examines at most %d future instances, and %d were asked for", maxRange, u.limit)
	}
	return nil
}

// resolve looks one latest/future text up in storage.
func (m *materializer) resolve(d *dataset, u unresolvedCall) ([]time.Time, bool, error) {
	if u.future {
		return m.futureRange(d, u.a, u.b, u.limit)
	}
	return m.latestRange(d, u.a, u.b)
}

// resolveStorage resolves the unresolved texts of an event against
// opts.Storage; resolved instances are appended after the others.
func (m *materializer) resolveStorage(p *eventPlan, times []time.Time, unresolved []string) ([]time.Time, []string, *hcl.Diagnostic) {
	var left []string
	var bad *hcl.Diagnostic
	for _, s := range unresolved {
		u, err := parseUnresolved(s)
		if err == nil {
			var ts []time.Time
			var ok bool
			ts, ok, err = m.resolve(p.ds, u)
			if err == nil && ok {
				times = append(times, ts...)
				continue
			}
		}
		if err != nil && bad == nil {
			bad = diag.Errorf(p.rng, diag.E1021, "Cannot resolve %q of %s %q", s, p.kind(), p.name)
			bad.Detail = fmt.Sprintf("The instance stays unresolved: %v. Fix the arguments, or check the storage state given to the planner.", err)
		}
		left = append(left, s)
	}
	return times, left, bad
}

// latestFuncs are coord:latest/future(Range) resolved against storage, for
// `coordc eval` of an instance expression (group coord-action-start).
func latestFuncs(x *evalCtx) map[string]el.Func {
	fn := func(name string, future bool, nargs int) el.Func {
		return func(call *ir.Call, args []el.Value) (el.Value, error) {
			if err := x.needDataset(call); err != nil {
				return nil, err
			}
			parts := make([]string, 0, len(args))
			for i := range args {
				s, err := x.argString(call, args, i)
				if err != nil {
					return nil, err
				}
				parts = append(parts, s)
			}
			echo := "${coord:" + name + "(" + strings.Join(parts, ", ") + ")}"
			if len(parts) != nargs {
				return nil, x.unableToEvaluate(call, fmt.Sprintf("it takes %d arguments", nargs))
			}
			u, err := parseUnresolved(echo)
			if err != nil {
				return nil, x.unableToEvaluate(call, err.Error())
			}
			ts, ok, err := x.m.resolve(x.ds, u)
			if err != nil {
				return nil, x.unableToEvaluate(call, err.Error())
			}
			if !ok {
				return echo, nil
			}
			return formatTimes(ts), nil
		}
	}
	return map[string]el.Func{
		"coord:latest":      fn("latest", false, 1),
		"coord:latestRange": fn("latestRange", false, 2),
		"coord:future":      fn("future", true, 2),
		"coord:futureRange": fn("futureRange", true, 3),
	}
}
