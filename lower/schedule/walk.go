package schedule

import (
	"fmt"
	"time"

	"github.com/coordc/coordc/lower/inputlogic"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/hashicorp/hcl/v2"
)

// Options select and parameterize the actions Walk produces.
type Options struct {
	// From and To are a window on nominal times, [From, To); a zero value
	// leaves that side open.
	From, To time.Time
	// Count stops after the first Count actions of the window; 0 means all.
	Count int
	// ActualTime gives the actual (creation) time of the action with a
	// nominal time; nil means actual = nominal, i.e. a plan of a job that
	// materializes every action exactly on time.
	ActualTime func(nominal time.Time) time.Time
	// Storage resolves coord:latest and coord:future; nil leaves them in
	// Event.Unresolved.
	Storage Storage
	// JobID is the job ID coord:actionId() starts with (JobID@number).
	JobID string
	// InputLogic maps each satisfied named input-logic node to the URIs
	// that satisfied it (inputlogic.Result.Nodes), from the runtime's input
	// check: coord:dataIn('<node name>') returns them and echoes the call
	// for a node absent from the map, as Oozie does. nil (the planner) lists
	// every candidate URI of the node's data-ins.
	InputLogic map[string][]string
}

// materializer holds what a walk prepares once: datasets, event plans and the
// EL environments of the three materialization groups.
type materializer struct {
	c       *ir.Coordinator
	opts    Options
	loc     *time.Location
	appName string

	x                            evalCtx
	envCreate, envInst, envStart *el.Env

	datasets map[*ir.Dataset]*dataset
	inputs   []*eventPlan
	outputs  []*eventPlan

	times []time.Time
	buf   []byte
	diags diagSet

	// logic is c's compiled input logic, compiled on first use (logicDone).
	logic     *inputlogic.Logic
	logicDone bool
}

func newMaterializer(c *ir.Coordinator, opts Options) *materializer {
	m := &materializer{c: c, opts: opts, loc: c.Timezone.Location, appName: textValue(c.Name),
		datasets: map[*ir.Dataset]*dataset{}}
	m.x.m = m
	vars := func(name string) (el.Value, bool) {
		v, ok := c.Params[name]
		return v, ok
	}
	m.envCreate = &el.Env{Group: groupCreate, Vars: vars, UnknownVars: true, Funcs: createFuncs(&m.x)}
	m.envInst = &el.Env{Group: groupCreateInst, Vars: vars, UnknownVars: true, Funcs: createInstFuncs(&m.x)}
	m.envStart = &el.Env{Group: groupStart, Vars: vars, UnknownVars: true, Funcs: startFuncs(&m.x)}
	for _, in := range c.Inputs {
		if ds := m.dataset(in.Dataset, in.DatasetRange); ds != nil {
			m.inputs = append(m.inputs, newEventPlan(in.Name, ds, false, in.Instances, in.StartInstance, in.EndInstance, in.DeclRange))
		}
	}
	for _, out := range c.Outputs {
		var insts []*ir.Text
		if out.Instance != nil {
			insts = []*ir.Text{out.Instance}
		}
		if ds := m.dataset(out.Dataset, out.DatasetRange); ds != nil {
			m.outputs = append(m.outputs, newEventPlan(out.Name, ds, true, insts, nil, nil, out.DeclRange))
		}
	}
	return m
}

// dataset prepares d once; nil (with a diagnostic) when its instances cannot
// be computed.
func (m *materializer) dataset(d *ir.Dataset, ref hcl.Range) *dataset {
	if d == nil {
		return nil // an unknown dataset name is reported by the submit phase
	}
	if ds, ok := m.datasets[d]; ok {
		return ds
	}
	m.datasets[d] = nil
	if d.Async {
		e := diag.Errorf(ref, diag.E1004, "Dataset %q is an async-dataset", d.Name)
		e.Detail = "Oozie fails the materialization (\"Asynchronous Dataset is not supported yet\"). Use a <dataset>."
		m.diags.add(e)
		return nil
	}
	if !d.Frequency.Resolved || !d.InitialInstance.Resolved || !d.Timezone.Resolved || d.Timezone.Location == nil ||
		d.URITemplate == nil || !d.URITemplate.Known {
		m.diags.add(diag.NotChecked(d.DeclRange, "Instances of dataset %q were not computed because its frequency, initial-instance, timezone or uri-template is not known", d.Name))
		return nil
	}
	st, ok := newStep(d.Frequency.Unit, d.Timezone.Location)
	if !ok || d.Frequency.N <= 0 {
		m.diags.add(diag.NotChecked(d.DeclRange, "Instances of dataset %q were not computed because its frequency is not a positive number of a known unit", d.Name))
		return nil
	}
	ds := &dataset{ir: d, st: st, unit: d.Frequency.Unit, freq: d.Frequency.N, init: d.InitialInstance.Time,
		uri: compileURI(d.URITemplate.Value)}
	if e, ok := endOf(d.Frequency.EndOf); ok {
		ds.init = oozietime.MoveToEnd(ds.init, d.Timezone.Location, e)
	}
	ds.done = doneFlag(d.DoneFlag != nil, textValue(d.DoneFlag))
	for _, f := range ds.uri.foreign {
		e := diag.Errorf(d.URITemplate.Range, diag.E1004, "Uri-template of dataset %q uses %q", d.Name, f)
		e.Detail = "At materialization Oozie evaluates the uri-template with only ${YEAR}, ${MONTH}, ${DAY}, ${HOUR} and ${MINUTE} defined, so anything else fails the job. Replace it with a job property or one of those variables."
		m.diags.add(e)
	}
	m.datasets[d] = ds
	return ds
}

// action materializes the action with nominal time n.
func (m *materializer) action(n Nominal) (*Action, *hcl.Diagnostic) {
	x := &m.x
	x.nominal, x.number, x.actual = n.Time, n.Number, n.Time
	if m.opts.ActualTime != nil {
		x.actual = m.opts.ActualTime(n.Time).UTC()
	}
	act := &Action{Number: n.Number, Nominal: n.Time, Local: n.Time.In(m.loc), Flags: n.Flags}
	if len(m.inputs) > 0 {
		act.Inputs = make([]Event, 0, len(m.inputs))
	}
	for _, p := range m.inputs {
		ev, d := m.event(p)
		if d != nil {
			return nil, d
		}
		act.Inputs = append(act.Inputs, ev)
	}
	if len(m.outputs) > 0 {
		act.Outputs = make([]Event, 0, len(m.outputs))
	}
	for _, p := range m.outputs {
		ev, d := m.event(p)
		if d != nil {
			return nil, d
		}
		act.Outputs = append(act.Outputs, ev)
	}
	m.configuration(act)
	return act, nil
}

// Walk materializes the actions of c in order and calls fn for each until fn
// returns false. It streams: memory does not grow with the number of actions.
// A materialization error (which makes Oozie fail the job) stops the walk and
// is returned with the other diagnostics.
func Walk(c *ir.Coordinator, opts Options, fn func(*Action) bool) hcl.Diagnostics {
	it, diags := newNominals(c)
	if it == nil {
		return diags
	}
	m := newMaterializer(c, opts)
	if !opts.From.IsZero() {
		it.seek(opts.From)
	}
	count := 0
	for {
		n, ok := it.Next()
		if !ok || (!opts.To.IsZero() && !n.Time.Before(opts.To)) {
			break
		}
		if !opts.From.IsZero() && n.Time.Before(opts.From) {
			continue
		}
		act, d := m.action(n)
		if d != nil {
			m.diags.add(d)
			break
		}
		count++
		if !fn(act) || (opts.Count > 0 && count >= opts.Count) {
			break
		}
	}
	if d := it.Stopped(); d != nil {
		m.diags.add(d)
	}
	return append(diags, m.diags.list...)
}

// ActionAt materializes the single action whose nominal time is nominal.
func ActionAt(c *ir.Coordinator, nominal time.Time, opts Options) (*Action, hcl.Diagnostics) {
	n, diags := findNominal(c, nominal)
	if diags.HasErrors() || n.Number == 0 {
		return nil, diags
	}
	m := newMaterializer(c, opts)
	act, d := m.action(n)
	if d != nil {
		m.diags.add(d)
	}
	return act, append(diags, m.diags.list...)
}

// findNominal locates the nominal time equal to t; an error when t is not one.
func findNominal(c *ir.Coordinator, t time.Time) (Nominal, hcl.Diagnostics) {
	it, diags := newNominals(c)
	if it == nil {
		return Nominal{}, diags
	}
	it.seek(t)
	var prev Nominal
	if it.cron == nil && it.k > 0 {
		prev = Nominal{Number: it.k, Time: it.at(it.k - 1)}
	}
	for {
		n, ok := it.Next()
		if ok && n.Time.Equal(t) {
			return n, diags
		}
		if !ok || n.Time.After(t) {
			d := diag.Errorf(textRange(c.Frequency.Text, c.DeclRange), "", "Time %s is not a nominal time of coordinator %q", oozietime.FormatDateTime(t), textValue(c.Name))
			d.Detail = "Give the nominal time of an action."
			switch {
			case prev.Number > 0 && ok:
				d.Detail = fmt.Sprintf("The nearest nominal times are %s (action %d) and %s (action %d). Give one of them.", oozietime.FormatDateTime(prev.Time), prev.Number, oozietime.FormatDateTime(n.Time), n.Number)
			case ok:
				d.Detail = fmt.Sprintf("The next nominal time is %s (action %d). Give a nominal time of an action.", oozietime.FormatDateTime(n.Time), n.Number)
			case prev.Number > 0:
				d.Detail = fmt.Sprintf("The last nominal time is %s (action %d). Give a nominal time of an action.", oozietime.FormatDateTime(prev.Time), prev.Number)
			}
			return Nominal{}, append(diags, d)
		}
		prev = n
	}
}
