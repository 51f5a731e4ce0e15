package compiler

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/java"
)

// linkEvents resolves the dataset of every data-in and data-out and rejects
// duplicate event names (E0803, as Oozie).
func (s *scope) linkEvents(c *ir.Coordinator) {
	byName := map[string]*ir.Dataset{}
	for _, ds := range c.Datasets {
		byName[ds.Name] = ds
	}
	names := map[string]bool{}
	for _, in := range c.Inputs {
		if names[in.Name] {
			s.errorf(in.NameRange, diag.E0803, "Every data-in needs its own name; coord:dataIn refers to it.", "Duplicate dataIn name %s", in.Name)
		}
		names[in.Name] = true
		in.Dataset = s.lookupDataset(byName, in.DatasetName, in.DatasetRange, c)
	}
	names = map[string]bool{}
	for _, out := range c.Outputs {
		if names[out.Name] {
			s.errorf(out.NameRange, diag.E0803, "Every data-out needs its own name; coord:dataOut refers to it.", "Duplicate dataOut name %s", out.Name)
		}
		names[out.Name] = true
		out.Dataset = s.lookupDataset(byName, out.DatasetName, out.DatasetRange, c)
	}
}

func (s *scope) lookupDataset(byName map[string]*ir.Dataset, name string, rng hcl.Range, c *ir.Coordinator) *ir.Dataset {
	if ds, ok := byName[name]; ok {
		return ds
	}
	if s.hasUnreadIncludes(c) {
		return nil
	}
	detail := "Define the dataset in <datasets> or in an included datasets file."
	if sug := closest(name, datasetNames(c)); sug != "" {
		detail = fmt.Sprintf("Did you mean %q? %s", sug, detail)
	}
	s.errorf(rng, diag.E0803, detail, "Undefined dataset %q", name)
	return nil
}

// hasUnreadIncludes reports whether an include could not be read locally, in
// which case unknown dataset names are not errors but unknowns.
func (s *scope) hasUnreadIncludes(c *ir.Coordinator) bool {
	for _, inc := range c.Includes {
		if !inc.Known {
			return true
		}
		if _, local := s.files.localPath(java.Trim(inc.Value), c.File); !local {
			return true
		}
	}
	return false
}

func datasetNames(c *ir.Coordinator) []string {
	var out []string
	for _, ds := range c.Datasets {
		out = append(out, ds.Name)
	}
	return out
}

// checkInstances checks instance expressions: the EL for the group Oozie
// finally evaluates them in, the echo evaluation of the submit phase, and
// Oozie's checks on the first data-in and data-out (commas, emptiness,
// balance; E1021).
func (s *scope) checkInstances(c *ir.Coordinator) {
	for i, in := range c.Inputs {
		first := i == 0
		for _, t := range in.Instances {
			s.checkInstance(t, groupActionCreate, "input-events", "instance", first)
		}
		s.checkInstance(in.StartInstance, groupCreateInst, "input-events", "start-instance", first)
		s.checkInstance(in.EndInstance, groupCreateInst, "input-events", "end-instance", first)
	}
	for i, out := range c.Outputs {
		s.checkInstance(out.Instance, groupActionCreate, "output-events", "instance", i == 0)
	}
}

func (s *scope) checkInstance(t *ir.Text, group, events, tag string, first bool) {
	if t == nil {
		return
	}
	if first {
		raw := strings.TrimSpace(t.Raw)
		switch {
		case raw == "":
			s.errorf(t.Range, diag.E1021, "Write an instance expression such as ${coord:current(0)}.", "<%s> tag within %s is empty!", tag, events)
			return
		case !balanced(raw):
			s.errorf(t.Range, diag.E1021, "Every ${ needs a closing } and every ( a closing ).", "%s %q in %s is not valid. Coordinator job NOT SUBMITTED.", tag, raw, events)
			return
		case hasTopLevelComma(raw):
			s.errorf(t.Range, diag.E1021, "Oozie takes one date instance per <"+tag+">; write one element per instance instead of a comma-separated list.",
				"%s contains more than one date instance. Coordinator app definition should not have multiple %ss (one per data-in instance)", events, tag)
			return
		}
	}
	if s.check(t, group) {
		s.eval(t, groupInstances, "an <"+tag+"> of "+events, nil)
	}
}

// balanced reports whether ${ } and ( ) nest properly outside quotes.
func balanced(s string) bool {
	depth, paren := 0, 0
	var quote byte
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case quote != 0:
			if ch == quote {
				quote = 0
			}
		case depth > 0 && (ch == '\'' || ch == '"'):
			quote = ch
		case ch == '$' && i+1 < len(s) && s[i+1] == '{':
			depth++
			i++
		case ch == '}' && depth > 0:
			depth--
		case ch == '(' && depth > 0:
			paren++
		case ch == ')' && depth > 0:
			paren--
			if paren < 0 {
				return false
			}
		}
	}
	return depth == 0 && paren == 0 && quote == 0
}

// hasTopLevelComma reports a comma outside function arguments (Oozie's
// "more than one date instance" check).
func hasTopLevelComma(s string) bool {
	paren := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			paren++
		case ')':
			paren--
		case ',':
			if paren == 0 {
				return true
			}
		}
	}
	return false
}

// checkInputLogic checks that input-logic data-in nodes name data-ins of
// <input-events> (the attribute is called dataset, but it names a data-in).
func (s *scope) checkInputLogic(c *ir.Coordinator) {
	names := map[string]bool{}
	var all []string
	for _, in := range c.Inputs {
		names[in.Name] = true
		all = append(all, in.Name)
	}
	var walk func(n *ir.LogicNode)
	walk = func(n *ir.LogicNode) {
		if n == nil {
			return
		}
		if n.Op == ir.LogicDataIn && n.DataIn != nil {
			if v, ok := s.eval(n.DataIn, groupInstances, "an input-logic data-in", nil); ok && !names[java.Trim(v)] {
				detail := "In <input-logic>, the dataset attribute of <data-in> names a data-in of <input-events>, not a dataset."
				if sug := closest(java.Trim(v), all); sug != "" {
					detail = fmt.Sprintf("Did you mean %q? %s", sug, detail)
				}
				s.errorf(n.DataIn.Range, diag.E1028, detail, "Input-logic refers to unknown data-in %q", java.Trim(v))
			}
		}
		for _, t := range []*ir.Text{n.Min, n.Wait} {
			s.check(t, groupActionStart)
		}
		for _, ch := range n.Children {
			walk(ch)
		}
	}
	walk(c.InputLogic)
	walk(c.InputEventsLogic)
}

// checkAction checks the workflow app-path and configuration: names are
// evaluated (Oozie keeps them), values are checked for the phase they run in,
// and coord:dataIn/dataOut must name declared events.
func (s *scope) checkAction(c *ir.Coordinator) {
	if c.Action == nil {
		return
	}
	s.eval(c.Action.AppPath, groupNoFuncs, "the workflow app-path", nil)
	ins, outs := eventNames(c)
	funcs := map[string]el.Func{
		"coord:dataIn":  s.eventRef("data_in_name", ins),
		"coord:dataOut": s.eventRef("data_out_name", outs),
	}
	for _, p := range c.Action.Configuration {
		s.eval(p.Name, groupData, "a configuration property name", nil)
		if p.Name != nil && p.Value != nil && s.check(p.Value, groupActionStart) {
			place := "configuration property " + fmt.Sprintf("%q", p.Name.Raw)
			s.eval(p.Value, groupData, place, funcs)
		}
	}
}

// eventRef checks the name argument of coord:dataIn/dataOut and echoes the
// call, as Oozie's submit-data group does (E1004 "data_in_name X is not valid").
func (s *scope) eventRef(kind string, names map[string]bool) el.Func {
	return func(call *ir.Call, args []el.Value) (el.Value, error) {
		name := el.ToString(args[0])
		if !names[name] {
			return nil, fmt.Errorf("%s %s is not valid", kind, name)
		}
		return el.EchoText(call, args), nil
	}
}

// eventNames lists the names coord:dataIn and coord:dataOut accept: data-ins
// and named input-logic nodes, and data-outs.
func eventNames(c *ir.Coordinator) (ins, outs map[string]bool) {
	ins, outs = map[string]bool{}, map[string]bool{}
	for _, in := range c.Inputs {
		ins[in.Name] = true
	}
	var walk func(n *ir.LogicNode)
	walk = func(n *ir.LogicNode) {
		if n == nil {
			return
		}
		if n.Name != nil {
			ins[java.Trim(n.Name.Raw)] = true
		}
		for _, ch := range n.Children {
			walk(ch)
		}
	}
	walk(c.InputLogic)
	walk(c.InputEventsLogic)
	for _, out := range c.Outputs {
		outs[out.Name] = true
	}
	return ins, outs
}

// checkSLA checks the SLA fields for the phase they are evaluated in.
func (s *scope) checkSLA(c *ir.Coordinator) {
	if c.SLA == nil {
		return
	}
	for _, f := range c.SLA.Fields {
		if s.check(f.Value, groupSLACreate) {
			s.eval(f.Value, groupSLASubmit, "SLA "+f.Name, nil)
		}
	}
}
