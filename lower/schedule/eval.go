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

// EvalInAction evaluates expr as Oozie would for the action with the given
// nominal and actual times (a zero actual means the nominal time), for
// `coordc eval`.
//
// With dataIn set (the name of a data-in or data-out), expr is an instance
// expression of that event's dataset (group coord-action-create:
// coord:current(-1) gives the instance time, coord:hoursInDay(0) the hours);
// coord:nominalTime and coord:actualTime are available as well, and
// coord:latest/future are resolved when opts.Storage is set. Otherwise expr is
// evaluated as action configuration (group coord-action-start) of that
// action, which must then be one of the coordinator's actions.
func EvalInAction(c *ir.Coordinator, nominal, actual time.Time, dataIn string, expr *ir.Template, opts Options) (string, hcl.Diagnostics) {
	if actual.IsZero() {
		actual = nominal
	}
	opts.ActualTime = func(time.Time) time.Time { return actual }
	if dataIn == "" {
		return evalConfig(c, nominal, expr, opts)
	}
	if c.Timezone.Location == nil {
		return "", notComputed(textRange(c.Timezone.Text, c.DeclRange), textValue(c.Name), "its timezone is not known")
	}
	m := newMaterializer(c, opts)
	var plan *eventPlan
	var names []string
	for _, p := range append(append([]*eventPlan{}, m.inputs...), m.outputs...) {
		names = append(names, p.name)
		if p.name == dataIn {
			plan = p
		}
	}
	if plan == nil {
		d := diag.Errorf(expr.Range, "", "No data-in or data-out named %q", dataIn)
		d.Detail = fmt.Sprintf("The events with a computable dataset are: %s. Give one of them.", strings.Join(names, ", "))
		return "", append(m.diags.list, d)
	}
	x := &m.x
	x.nominal, x.actual, x.ds = nominal.UTC(), actual.UTC(), plan.ds
	if n, _ := findNominal(c, nominal); n.Number > 0 {
		x.number = n.Number
	}
	env := &el.Env{Group: groupCreate, Vars: m.envCreate.Vars, UnknownVars: true,
		Funcs: merge(createFuncs(x), actionFuncs(x, true))}
	if opts.Storage != nil {
		// latest/future are echo functions in coord-action-create; to resolve
		// them the evaluation runs without a group (every function real).
		env.Group = ""
		env.Funcs = merge(env.Funcs, latestFuncs(x), echoFuncs(x))
	}
	s, d := m.evalTemplate(expr, expr.Range, "The expression", env)
	if d != nil {
		return "", append(m.diags.list, d)
	}
	return s, m.diags.list
}

// EvalDataIn picks the data-in EvalInAction evaluates in for `coordc eval`
// --data-in/--dataset: dataIn itself when c has a data-in of that name; for
// dataset, c's first data-in of that dataset, else a data-in "eval:<dataset>"
// of it appended to c.Inputs; "" when both are empty (action
// configuration). The error names a data-in or dataset c does not have.
func EvalDataIn(c *ir.Coordinator, dataset, dataIn string) (string, error) {
	switch {
	case dataIn != "":
		for _, in := range c.Inputs {
			if in.Name == dataIn {
				return dataIn, nil
			}
		}
		return "", fmt.Errorf("the coordinator has no data-in %q", dataIn)
	case dataset != "":
		for _, in := range c.Inputs {
			if in.DatasetName == dataset && in.Dataset != nil {
				return in.Name, nil
			}
		}
		for _, ds := range c.Datasets {
			if ds.Name == dataset {
				name := "eval:" + dataset
				c.Inputs = append(c.Inputs, &ir.DataIn{Name: name, DatasetName: dataset, Dataset: ds})
				return name, nil
			}
		}
		return "", fmt.Errorf("the coordinator has no dataset %q", dataset)
	}
	return "", nil
}

func evalConfig(c *ir.Coordinator, nominal time.Time, expr *ir.Template, opts Options) (string, hcl.Diagnostics) {
	n, diags := findNominal(c, nominal)
	if diags.HasErrors() || n.Number == 0 {
		return "", diags
	}
	m := newMaterializer(c, opts)
	act, d := m.action(n)
	if d != nil {
		return "", append(append(diags, m.diags.list...), d)
	}
	m.x.ds, m.x.act = nil, act
	s, d := m.evalTemplate(expr, expr.Range, "The expression", m.envStart)
	diags = append(diags, m.diags.list...)
	if d != nil {
		return "", append(diags, d)
	}
	return s, diags
}

// echoFuncs keep the functions Oozie leaves for later as text when the
// evaluation runs without a group.
func echoFuncs(x *evalCtx) map[string]el.Func {
	fs := map[string]el.Func{}
	for _, name := range []string{"coord:absolute", "coord:endOfDays", "coord:endOfWeeks", "coord:endOfMonths"} {
		fs[name] = func(call *ir.Call, args []el.Value) (el.Value, error) {
			return "${" + el.EchoText(call, args) + "}", nil
		}
	}
	return fs
}
