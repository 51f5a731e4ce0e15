package schedule

import (
	"fmt"
	"strings"
	"time"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/hashicorp/hcl/v2"
)

// instPlan is one <instance> prepared for evaluation. The common shape
// ${coord:current(n)} with a literal n is computed without the EL evaluator.
type instPlan struct {
	text *ir.Text
	lit  bool
	n    int
}

// eventPlan is a data-in or data-out prepared once per walk.
type eventPlan struct {
	name  string
	ds    *dataset
	out   bool
	insts []instPlan
	// start and end are the range texts (nil for an <instance> list).
	start, end *ir.Text
	litRange   bool
	a, b       int
	rng        hcl.Range
}

func newEventPlan(name string, ds *dataset, out bool, insts []*ir.Text, start, end *ir.Text, rng hcl.Range) *eventPlan {
	p := &eventPlan{name: name, ds: ds, out: out, start: start, end: end, rng: rng}
	for _, t := range insts {
		ip := instPlan{text: t}
		if t.Template != nil {
			ip.n, ip.lit = literalCurrent(t.Template)
		}
		p.insts = append(p.insts, ip)
	}
	if start != nil && end != nil && start.Template != nil && end.Template != nil {
		a, okA := literalCurrent(start.Template)
		b, okB := literalCurrent(end.Template)
		p.a, p.b, p.litRange = a, b, okA && okB
	}
	return p
}

// literalCurrent recognizes a template that is exactly ${coord:current(n)}
// (surrounding blanks allowed) with an integer literal n.
func literalCurrent(t *ir.Template) (int, bool) {
	var expr ir.Expr
	for _, p := range t.Parts {
		if p.Expr == nil {
			if strings.TrimSpace(p.Literal) != "" {
				return 0, false
			}
			continue
		}
		if expr != nil {
			return 0, false
		}
		expr = p.Expr
	}
	call, ok := expr.(*ir.Call)
	if !ok || call.Prefix != "coord" || call.Name != "current" || len(call.Args) != 1 {
		return 0, false
	}
	n, ok := intLiteral(call.Args[0])
	return int(int32(n)), ok
}

func intLiteral(e ir.Expr) (int64, bool) {
	switch v := e.(type) {
	case *ir.Literal:
		return v.Int, v.Kind == ir.LitInt
	case *ir.Unary:
		if v.Op == "-" {
			n, ok := intLiteral(v.X)
			return -n, ok
		}
	}
	return 0, false
}

// evalText evaluates one definition text with env, Oozie style (an echo
// function makes the EL package wrap the whole result in ${...}). A nil
// diagnostic means ok.
func (m *materializer) evalText(t *ir.Text, env *el.Env) (string, *hcl.Diagnostic) {
	if t.Template == nil {
		return "", diag.NotChecked(t.Range, "Text %q was not evaluated because it does not parse", t.Raw)
	}
	return m.evalTemplate(t.Template, t.Range, fmt.Sprintf("Text %q", t.Raw), env)
}

// evalTemplate evaluates tmpl; what names it in a "not checked" note.
func (m *materializer) evalTemplate(tmpl *ir.Template, rng hcl.Range, what string, env *el.Env) (string, *hcl.Diagnostic) {
	x := &m.x
	x.reset()
	s, known, diags := el.EvalTemplate(tmpl, env)
	if x.err != nil {
		d := diag.Errorf(rng, x.err.code, "%s", x.err.summary)
		d.Detail = x.err.detail
		return "", d
	}
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			return "", d
		}
	}
	if !known {
		return "", diag.NotChecked(rng, "%s was not evaluated because it depends on an undefined parameter", what)
	}
	return strings.TrimSpace(s), nil
}

// event materializes one data-in or data-out of the current action
// (Oozie's materializeDataEvents for one event). A returned error diagnostic
// fails the materialization, as it fails the Oozie job.
func (m *materializer) event(p *eventPlan) (Event, *hcl.Diagnostic) {
	x := &m.x
	x.ds = p.ds
	times := m.times[:0]
	var unresolved []string
	for _, ip := range p.insts {
		if ip.lit {
			times = p.ds.currentRange(x.nominal, ip.n, ip.n, times)
			continue
		}
		s, d := m.evalText(ip.text, m.envCreate)
		if d != nil {
			return Event{Name: p.name}, d
		}
		for _, item := range strings.Split(s, "#") {
			if item = strings.TrimSpace(item); item == "" {
				continue
			}
			if k := classify(item); k == kindLatest || k == kindFuture {
				unresolved = append(unresolved, item)
				continue
			}
			t, err := oozietime.ParseDateTime(item)
			if err != nil {
				d := diag.Errorf(ip.text.Range, diag.E1004, "Instance of %s %q is not a datetime: %q", p.kind(), p.name, item)
				d.Detail = fmt.Sprintf("Oozie renders each instance through the uri-template and fails the materialization when it is not a datetime (%v). coord:absolute and coord:endOf* only work as a start-instance; use coord:current or coord:offset here.", err)
				return Event{Name: p.name}, d
			}
			times = append(times, t)
		}
	}
	if p.start != nil && p.end != nil {
		var d *hcl.Diagnostic
		var unres string
		times, unres, d = m.instanceRange(p, times)
		if d != nil {
			return Event{Name: p.name}, d
		}
		if unres != "" {
			unresolved = append(unresolved, unres)
		}
	}
	if len(unresolved) > 0 && m.opts.Storage != nil && !p.out {
		var d *hcl.Diagnostic
		times, unresolved, d = m.resolveStorage(p, times, unresolved)
		if d != nil {
			m.diags.add(d)
		}
	}
	m.times = times
	ev := Event{Name: p.name, Unresolved: strings.Join(unresolved, "#")}
	if p.out && ev.Unresolved != "" {
		d := diag.Errorf(p.rng, diag.E1006, "Data-out %q uses coord:latest or coord:future", p.name)
		d.Detail = "Oozie fails every action's input check with E1006 (Invalid coordinator application [coord:latest()/future()], not permitted in output-event). Use coord:current for outputs."
		m.diags.add(d)
	}
	if len(times) > 0 {
		ev.URIs = make([]string, len(times))
		ev.DoneFlags = make([]string, len(times))
		ev.Times = make([]time.Time, len(times))
		latest := times[0]
		for i, t := range times {
			ev.URIs[i], ev.DoneFlags[i], m.buf = p.ds.render(m.buf, t)
			ev.Times[i] = t.UTC()
			if t.After(latest) {
				latest = t
			}
		}
		ev.Until = p.ds.st.add(latest, p.ds.freq).UTC()
	}
	return ev, nil
}

func (p *eventPlan) kind() string {
	if p.out {
		return "data-out"
	}
	return "data-in"
}

// instanceRange resolves <start-instance>/<end-instance>.
func (m *materializer) instanceRange(p *eventPlan, times []time.Time) ([]time.Time, string, *hcl.Diagnostic) {
	x := &m.x
	var unres string
	var err error
	if p.litRange {
		x.reset()
		times, err = x.currentSpan(p.start.Raw, p.end.Raw, p.a, p.b, times)
	} else {
		var r rangeSpec
		var d *hcl.Diagnostic
		if r.start, d = m.evalText(p.start, m.envInst); d != nil {
			return times, "", d
		}
		if r.end, d = m.evalText(p.end, m.envInst); d != nil {
			return times, "", d
		}
		x.reset()
		times, unres, err = x.resolveRange(r, times)
	}
	if err != nil {
		rng := hcl.RangeBetween(p.start.Range, p.end.Range)
		if x.err == nil {
			return times, "", diag.Errorf(rng, diag.E1010, "%s", err.Error())
		}
		d := diag.Errorf(rng, x.err.code, "%s", x.err.summary)
		d.Detail = x.err.detail
		return times, "", d
	}
	return times, unres, nil
}
