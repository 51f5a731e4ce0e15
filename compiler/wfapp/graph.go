package wfapp

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
)

// graphChecker validates the node graph with Oozie's error codes: every
// transition resolves (E0708) and is not a self-transition (E0706), there
// is no loop (E0707), forks and joins pair up (E0730–E0744), and the end
// is reachable.
type graphChecker struct {
	w     *ir.Workflow
	diags hcl.Diagnostics
}

func (g *graphChecker) errorf(rng hcl.Range, code, detail, format string, args ...any) {
	d := diag.Errorf(rng, diag.Code(code), format, args...)
	d.Detail = detail
	g.diags = append(g.diags, d)
}

func validateGraph(w *ir.Workflow) hcl.Diagnostics {
	g := &graphChecker{w: w}
	for _, n := range w.Nodes {
		for _, t := range n.Transitions {
			switch {
			case t.To == n.Name:
				g.errorf(t.Range, "E0706", "A node cannot transition to itself. Point the transition to another node.",
					"Node cannot transition to itself node [%s]", n.Name)
			case w.Node(t.To) == nil || t.To == ir.StartNode:
				g.errorf(t.Range, "E0708", "The transition names no node of this workflow."+g.suggest(t.To)+" Correct the node name.",
					"Invalid transition, node [%s] transition [%s]", n.Name, t.To)
			}
		}
		if n.Type == ir.NodeFork {
			seen := map[string]bool{}
			for _, t := range n.Transitions {
				if seen[t.To] {
					g.errorf(t.Range, "E0744", "Every path of a fork starts at a different node. Remove the duplicate path.",
						"A fork, [%s], is not allowed to have multiple transitions to the same node, [%s]", n.Name, t.To)
				}
				seen[t.To] = true
			}
		}
	}
	if len(g.diags) > 0 {
		return g.diags
	}
	if g.loops() {
		return g.diags
	}
	g.forkJoin()
	g.reachable()
	return g.diags
}

func (g *graphChecker) suggest(name string) string {
	var names []string
	for _, n := range g.w.Nodes {
		if n.Type != ir.NodeStart {
			names = append(names, n.Name)
		}
	}
	if s := closest(name, names); s != "" {
		return fmt.Sprintf(" Did you mean %q?", s)
	}
	return ""
}

// loops reports a cycle (E0707) at the first transition that closes one.
func (g *graphChecker) loops() bool {
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	var visit func(n *ir.WorkflowNode) bool
	visit = func(n *ir.WorkflowNode) bool {
		color[n.Name] = grey
		for _, t := range n.Transitions {
			switch color[t.To] {
			case grey:
				g.errorf(t.Range, "E0707", "Oozie workflows are acyclic: this transition leads back to a node on the way here. Use retry-max for repetition, or restructure the graph.",
					"Loop detected at parsing, node [%s]", t.To)
				return true
			case white:
				if visit(g.w.Node(t.To)) {
					return true
				}
			}
		}
		color[n.Name] = black
		return false
	}
	return visit(g.w.Nodes[0])
}

// reachable requires the end node to be reachable from the start and warns
// about nodes that are not.
func (g *graphChecker) reachable() {
	seen := map[string]bool{}
	var visit func(name string)
	visit = func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		for _, t := range g.w.Node(name).Transitions {
			visit(t.To)
		}
	}
	visit(ir.StartNode)
	for _, n := range g.w.Nodes {
		if seen[n.Name] {
			continue
		}
		if n.Type == ir.NodeEnd {
			g.errorf(n.Range, "E0708", "No path from the start node leads to the end node, so the workflow can never succeed. Add a transition to it.",
				"The end node [%s] is not reachable", n.Name)
			continue
		}
		d := diag.Warningf(n.Range, "WF001", "Node [%s] is not reachable from the start node", n.Name)
		d.Detail = "No transition leads to this node, so it never runs. Add a transition to it or remove it."
		g.diags = append(g.diags, d)
	}
}
