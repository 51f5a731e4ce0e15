package schedule

import (
	"time"

	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/hashicorp/hcl/v2"
)

// groupSLACreate is the EL group of <sla:info> values at materialization.
const groupSLACreate = "coord-sla-create"

// SLAField is one <sla:info> child evaluated for an action.
type SLAField struct {
	Name  string // local name, e.g. "should-end"
	Value string
}

// SLAAt evaluates the coordinator's <sla:info> fields for its action at
// nominal, as Oozie does when it materializes the action (EL group
// coord-sla-create: coord:nominalTime, coord:actualTime, coord:dataOut …
// and the constants MINUTES, HOURS, DAYS). opts.ActualTime gives the
// action's created time. It returns nil without an <sla:info>.
func SLAAt(c *ir.Coordinator, nominal time.Time, opts Options) ([]SLAField, hcl.Diagnostics) {
	if c.SLA == nil {
		return nil, nil
	}
	n, diags := findNominal(c, nominal)
	if diags.HasErrors() || n.Number == 0 {
		return nil, diags
	}
	m := newMaterializer(c, opts)
	act, d := m.action(n)
	if d != nil {
		return nil, append(append(diags, m.diags.list...), d)
	}
	x := &m.x
	x.ds, x.act = nil, act
	env := &el.Env{Group: groupSLACreate, Vars: m.envStart.Vars, UnknownVars: true,
		Funcs: merge(map[string]el.Func{"coord:dataOut": x.fnDataOut}, pureFuncs(x, true), actionFuncs(x, true))}
	out := make([]SLAField, 0, len(c.SLA.Fields))
	for _, f := range c.SLA.Fields {
		v := ""
		if f.Value != nil {
			s, d := m.evalText(f.Value, env)
			if d != nil {
				return nil, append(append(diags, m.diags.list...), d)
			}
			v = s
		}
		out = append(out, SLAField{Name: f.Name, Value: v})
	}
	return out, append(diags, m.diags.list...)
}
