package rules

import (
	"fmt"
	"math"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lint"
)

// DS003 reports <start-instance>/<end-instance> ranges whose start comes
// after their end, which Oozie rejects when it materializes the first
// action (E1010), so the job fails after it was accepted. It compares
// current, latest and future ranges by their first argument, offset
// ranges in the same unit, and endOfDays/Weeks/Months(n ≥ 0) starts with a
// current(k ≤ 0) end (always after it). Ranges whose arguments are not
// known constants are not judged.
var DS003 = &lint.Analyzer{
	ID:       "DS003",
	Name:     "reversed-instance-range",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "Input instance range starts after it ends",
		Rationale: "A `<start-instance>`/`<end-instance>` pair selects the instances from start to end, and the start must " +
			"not be later: `coord:current(-3)` to `coord:current(0)` is the last four instances, but `coord:current(0)` to " +
			"`coord:current(-3)` is rejected. Oozie only checks this when it materializes the first action, so the job is " +
			"accepted and then fails (E1010: start-instance should be equal or earlier than the end-instance).\n\n" +
			"Swapping the two elements selects the intended instances (Oozie lists a range newest first either way); the " +
			"finding carries that fix when it is safe. A `coord:endOfDays`, `endOfWeeks` or `endOfMonths` start with an " +
			"argument of 0 or more is after any `coord:current(k)` end with k ≤ 0: use -1 for the start of the current " +
			"day, week or month.",
		Bad: exampleCoordOpen + `  <datasets>
    <dataset name="logs" frequency="${coord:hours(1)}" initial-instance="2024-01-01T00:00Z" timezone="UTC">
      <uri-template>hdfs://nn:8020/logs/${YEAR}/${MONTH}/${DAY}/${HOUR}</uri-template>
    </dataset>
  </datasets>
  <input-events>
    <data-in name="input" dataset="logs">
      <start-instance>${coord:current(0)}</start-instance>
      <end-instance>${coord:current(-23)}</end-instance>
    </data-in>
  </input-events>
` + exampleActionOpen + "${coord:dataIn('input')}" + exampleActionClose + exampleCoordClose,
		Good: exampleCoordOpen + `  <datasets>
    <dataset name="logs" frequency="${coord:hours(1)}" initial-instance="2024-01-01T00:00Z" timezone="UTC">
      <uri-template>hdfs://nn:8020/logs/${YEAR}/${MONTH}/${DAY}/${HOUR}</uri-template>
    </dataset>
  </datasets>
  <input-events>
    <data-in name="input" dataset="logs">
      <start-instance>${coord:current(-23)}</start-instance>
      <end-instance>${coord:current(0)}</end-instance>
    </data-in>
  </input-events>
` + exampleActionOpen + "${coord:dataIn('input')}" + exampleActionClose + exampleCoordClose,
		Fixable: true,
	},
	Run: runDS003,
}

// instanceCall is a start- or end-instance that is one call of an
// instance function with its arguments evaluated.
type instanceCall struct {
	call *ir.Call
	name string   // without the coord: prefix
	n    int      // first argument, truncated as Oozie's (int) Double.parseDouble
	rest []string // further arguments as text (offset unit, future limit)
}

func runDS003(p *lint.Pass) {
	for _, c := range p.Project.Coordinators {
		for _, in := range c.Inputs {
			if in.StartInstance == nil || in.EndInstance == nil {
				continue
			}
			start, ok1 := parseInstanceCall(in.StartInstance, c.Params)
			end, ok2 := parseInstanceCall(in.EndInstance, c.Params)
			if ok1 && ok2 {
				checkRange(p, in, start, end)
			}
		}
	}
}

func checkRange(p *lint.Pass, in *ir.DataIn, start, end instanceCall) {
	reversed, swappable := false, false
	switch {
	case start.name != end.name:
		if strings.HasPrefix(start.name, "endOf") && end.name == "current" && start.n >= 0 && end.n <= 0 {
			reversed = true
		}
	case start.name == "current" || start.name == "latest":
		reversed, swappable = start.n > end.n, true
	case start.name == "future":
		reversed = start.n > end.n
		swappable = len(start.rest) == 1 && len(end.rest) == 1 && start.rest[0] == end.rest[0]
	case start.name == "offset":
		reversed = len(start.rest) == 1 && len(end.rest) == 1 && start.rest[0] == end.rest[0] && start.n > end.n
		swappable = true
	}
	if !reversed {
		return
	}
	s, e := writtenCall(p.Sources, start.call), writtenCall(p.Sources, end.call)
	detail := fmt.Sprintf("The range of data-in %q starts at %s, which is after its end %s. Oozie accepts the job but fails it when it materializes the first action (E1010: start-instance should be equal or earlier than the end-instance). ",
		in.Name, s, e)
	if strings.HasPrefix(start.name, "endOf") {
		p.Reportf(start.call.Range, detail+fmt.Sprintf("coord:%s(%d) is the start of a later period than the action's; use coord:%s(-1) for the start of the current one.", start.name, start.n, start.name),
			"Instance range of data-in %q starts after it ends", in.Name)
		return
	}
	detail += "Swap the start and the end."
	if swappable {
		if fixes, ok := swapFix(p, in.StartInstance, in.EndInstance); ok {
			reportFix(p, start.call.Range, fixes, detail, "Instance range of data-in %q starts after it ends", in.Name)
			return
		}
	}
	p.Reportf(start.call.Range, detail, "Instance range of data-in %q starts after it ends", in.Name)
}

// parseInstanceCall reads a text that is exactly one ${coord:f(args)}
// (white space around it allowed) and evaluates its arguments with the
// job properties.
func parseInstanceCall(t *ir.Text, params map[string]string) (instanceCall, bool) {
	if t.Template == nil {
		return instanceCall{}, false
	}
	var call *ir.Call
	for _, part := range t.Template.Parts {
		if part.Expr == nil {
			if strings.TrimSpace(part.Literal) != "" {
				return instanceCall{}, false
			}
			continue
		}
		c, ok := part.Expr.(*ir.Call)
		if !ok || call != nil || c.Prefix != "coord" || len(c.Args) == 0 {
			return instanceCall{}, false
		}
		call = c
	}
	if call == nil {
		return instanceCall{}, false
	}
	switch call.Name {
	case "current", "latest", "future", "offset", "endOfDays", "endOfWeeks", "endOfMonths":
	default:
		return instanceCall{}, false
	}
	env := &el.Env{Vars: func(name string) (el.Value, bool) {
		v, ok := params[name]
		return v, ok
	}}
	out := instanceCall{call: call, name: call.Name}
	for i, a := range call.Args {
		v, diags := el.Eval(a, env)
		if diags.HasErrors() {
			return instanceCall{}, false
		}
		if i > 0 {
			out.rest = append(out.rest, strings.TrimSpace(el.ToString(v)))
			continue
		}
		f, err := el.ToFloat(v)
		if err != nil || math.IsNaN(f) || math.Abs(f) > math.MaxInt32 {
			return instanceCall{}, false
		}
		out.n = int(f) // truncation toward zero, as Java's (int) cast
	}
	return out, true
}

// writtenCall is the call as written, or its name when the source is not
// available.
func writtenCall(src diag.Sources, call *ir.Call) string {
	if s, ok := sourceOf(src, call.Range); ok {
		return s
	}
	return call.QualifiedName() + "(…)"
}

// swapFix exchanges the written contents of two elements.
func swapFix(p *lint.Pass, a, b *ir.Text) ([]diag.Edit, bool) {
	sa, ok1 := sourceOf(p.Sources, a.Range)
	sb, ok2 := sourceOf(p.Sources, b.Range)
	if !ok1 || !ok2 || a.Range.Filename != b.Range.Filename {
		return nil, false
	}
	return []diag.Edit{{Range: a.Range, Text: sb}, {Range: b.Range, Text: sa}}, true
}
