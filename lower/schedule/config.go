package schedule

import (
	"strings"

	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/hashicorp/hcl/v2"
)

// startFuncs is group coord-action-start (the action configuration, SEMANTICS
// §3.3). The dataset functions are present but fail as in Oozie, which has no
// dataset there.
func startFuncs(x *evalCtx) map[string]el.Func {
	fs := merge(map[string]el.Func{
		"coord:dataIn":  x.fnDataIn,
		"coord:dataOut": x.fnDataOut,
	}, datasetInfoFuncs(x), pureFuncs(x, true), actionFuncs(x, true))
	for _, name := range []string{"latest", "latestRange", "future", "futureRange"} {
		fs["coord:"+name] = func(call *ir.Call, _ []el.Value) (el.Value, error) {
			return nil, x.needDataset(call)
		}
	}
	return fs
}

// fnDataIn is coord:dataIn(name): the data-in's URIs joined with ",", or the
// call echoed while latest/future instances of it are unresolved; for a name
// that is not a data-in, the named input-logic node (logicDataIn); null for
// an unknown name.
func (x *evalCtx) fnDataIn(call *ir.Call, args []el.Value) (el.Value, error) {
	name, err := x.argString(call, args, 0)
	if err != nil {
		return nil, err
	}
	for _, ev := range x.act.Inputs {
		if ev.Name == name {
			if ev.Unresolved != "" {
				return "${coord:dataIn('" + name + "')}", nil
			}
			return strings.Join(ev.URIs, ","), nil
		}
	}
	if v, ok := x.logicDataIn(name); ok {
		return v, nil
	}
	return nil, nil
}

// fnDataOut is coord:dataOut(name): the data-out's URIs joined with ",".
func (x *evalCtx) fnDataOut(call *ir.Call, args []el.Value) (el.Value, error) {
	name, err := x.argString(call, args, 0)
	if err != nil {
		return nil, err
	}
	for _, ev := range x.act.Outputs {
		if ev.Name == name {
			return strings.Join(ev.URIs, ","), nil
		}
	}
	return nil, nil
}

// configuration evaluates the action configuration of act. A property whose
// value fails keeps its text as written (Oozie fails that action); the
// problem is reported once.
func (m *materializer) configuration(act *Action) {
	if m.c.Action == nil || len(m.c.Action.Configuration) == 0 {
		return
	}
	x := &m.x
	x.ds, x.act = nil, act
	act.Configuration = make([]Property, 0, len(m.c.Action.Configuration))
	for _, p := range m.c.Action.Configuration {
		prop := Property{Name: textValue(p.Name)}
		if p.Value != nil {
			v, d := m.evalText(p.Value, m.envStart)
			if d != nil {
				m.diags.add(d)
				v = canonicalText(p.Value)
			}
			prop.Value = v
		}
		act.Configuration = append(act.Configuration, prop)
	}
	x.act = nil
}

// textValue is the submit-phase value of t, or its canonical text when the
// value is not known.
func textValue(t *ir.Text) string {
	switch {
	case t == nil:
		return ""
	case t.Known:
		return t.Value
	}
	return canonicalText(t)
}

// canonicalText prints t as canonical EL (el.Format), so that a plan shows
// the same text whether the definition was written in XML or HCL; the text
// as written when it does not parse.
func canonicalText(t *ir.Text) string {
	if t.Template != nil {
		if s, err := el.Format(t.Template); err == nil {
			return s
		}
	}
	return t.Raw
}

// diagSet collects diagnostics without repeating one that every action would
// report again.
type diagSet struct {
	list hcl.Diagnostics
	seen map[diagKey]bool
}

type diagKey struct {
	sev     hcl.DiagnosticSeverity
	summary string
	rng     hcl.Range
}

func (s *diagSet) add(d *hcl.Diagnostic) {
	k := diagKey{sev: d.Severity, summary: d.Summary}
	if d.Subject != nil {
		k.rng = *d.Subject
	}
	if s.seen == nil {
		s.seen = map[diagKey]bool{}
	}
	if s.seen[k] {
		return
	}
	s.seen[k] = true
	s.list = append(s.list, d)
}
