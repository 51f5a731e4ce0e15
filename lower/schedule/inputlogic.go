package schedule

import (
	"strings"

	"github.com/coordc/coordc/lower/inputlogic"
)

// LogicInputs is act's data-ins as the input-logic evaluator reads them.
// planned is the action as first materialized: its data-ins with
// latest/future instances are marked Latest even after act resolved them.
func LogicInputs(planned, act Action) map[string]inputlogic.Input {
	out := make(map[string]inputlogic.Input, len(act.Inputs))
	for _, ev := range act.Inputs {
		out[ev.Name] = inputlogic.Input{URIs: ev.URIs, Paths: ev.DoneFlags, Unresolved: ev.Unresolved != ""}
	}
	for _, ev := range planned.Inputs {
		if in, ok := out[ev.Name]; ok && ev.Unresolved != "" {
			in.Latest = true
			out[ev.Name] = in
		}
	}
	return out
}

// logicDataIn is coord:dataIn of a named input-logic node; ok is false when
// no node has that name. With Options.InputLogic (the runtime) it is the
// URIs that satisfied the node, or the call echoed for a node that was not
// satisfied, as Oozie does. Without it (the planner, which cannot know what
// exists) it is every candidate URI of the node's data-ins in tree order,
// or the call echoed while one of them has unresolved latest/future
// instances.
func (x *evalCtx) logicDataIn(name string) (string, bool) {
	m := x.m
	if !m.logicDone {
		m.logic, _ = inputlogic.Compile(m.c)
		m.logicDone = true
	}
	n := m.logic.Named(name)
	if n == nil {
		return "", false
	}
	echo := "${coord:dataIn('" + name + "')}"
	if m.opts.InputLogic != nil {
		uris, ok := m.opts.InputLogic[name]
		if !ok {
			return echo, true
		}
		return strings.Join(uris, ","), true
	}
	var uris []string
	seen := map[string]bool{}
	var walk func(n *inputlogic.Node) bool
	walk = func(n *inputlogic.Node) bool {
		for _, d := range n.DataIns {
			if seen[d] {
				continue
			}
			seen[d] = true
			for _, ev := range x.act.Inputs {
				if ev.Name == d {
					if ev.Unresolved != "" {
						return false
					}
					uris = append(uris, ev.URIs...)
				}
			}
		}
		for _, k := range n.Children {
			if !walk(k) {
				return false
			}
		}
		return true
	}
	if !walk(n) {
		return echo, true
	}
	return strings.Join(uris, ","), true
}
