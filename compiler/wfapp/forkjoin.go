package wfapp

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/ir"
)

// forkJoin pairs every fork with the one join all its paths reach, as
// Oozie's fork/join validation does: paths may end at kill nodes, may not
// reach the end node (E0737), must meet at one join (E0732, E0733), and
// every join belongs to exactly one fork (E0742, E0730).
func (g *graphChecker) forkJoin() {
	pairs := map[string]string{} // join -> fork
	memo := map[string]string{}
	before := len(g.diags)
	for _, f := range g.w.Nodes {
		if f.Type != ir.NodeFork {
			continue
		}
		join, ok := g.forkTarget(f, memo)
		if !ok {
			continue
		}
		if join == "" {
			g.errorf(f.Range, "E0733", "The paths of a fork meet again at a join node. Add a <join> and make every path lead to it.",
				"Fork [%s] without a join", f.Name)
			continue
		}
		if other, dup := pairs[join]; dup {
			g.errorf(f.Range, "E0730", "A join belongs to one fork. Give each fork its own join.",
				"Fork/Join not in pair: join [%s] closes forks [%s] and [%s]", join, other, f.Name)
			continue
		}
		pairs[join] = f.Name
	}
	g.w.JoinFork = pairs
	if len(g.diags) > before {
		return // joins of a broken fork would be reported again
	}
	for _, n := range g.w.Nodes {
		if n.Type == ir.NodeJoin && pairs[n.Name] == "" {
			g.errorf(n.Range, "E0742", "A join closes the paths of one fork. Remove the join or make a fork's paths lead to it.",
				"No Fork for Join [%s] to pair with", n.Name)
		}
	}
}

// forkTarget returns the join all paths of fork f reach ("" when every
// path ends at a kill node); ok is false after an error was reported.
func (g *graphChecker) forkTarget(f *ir.WorkflowNode, memo map[string]string) (string, bool) {
	join := ""
	for _, t := range f.Transitions {
		j, ok := g.pathTarget(t.To, f.Name, t.Range, memo)
		if !ok {
			return "", false
		}
		switch {
		case j == "":
		case join == "":
			join = j
		case j != join:
			g.errorf(t.Range, "E0732", "All paths of a fork meet at the same join. Make this path lead to the join of the other paths.",
				"Fork [%s]/Join [%s] not in pair (join should have been [%s])", f.Name, j, join)
			return "", false
		}
	}
	return join, true
}

// pathTarget follows a fork path from node name to the join it reaches.
// Nested forks are stepped over through their join.
func (g *graphChecker) pathTarget(name, from string, via hcl.Range, memo map[string]string) (string, bool) {
	if j, ok := memo[name]; ok {
		return j, true
	}
	n := g.w.Node(name)
	var join string
	switch n.Type {
	case ir.NodeJoin:
		return n.Name, true
	case ir.NodeKill:
		return "", true
	case ir.NodeEnd:
		g.errorf(via, "E0737", "A fork path ends at its join (or at a kill node), never at the end node. Lead the path to the join.",
			"Invalid transition from node [%s] to node [%s] -- nodes of type 'end' are not allowed within Fork/Join", from, name)
		return "", false
	case ir.NodeFork:
		inner, ok := g.forkTarget(n, memo)
		if !ok || inner == "" {
			return "", ok
		}
		joinNode := g.w.Node(inner)
		return g.pathTarget(joinNode.Next("to"), inner, joinNode.Transitions[0].Range, memo)
	}
	for _, t := range n.Transitions {
		target := g.w.Node(t.To)
		if t.Kind == "error" && target.Type == ir.NodeKill {
			continue
		}
		j, ok := g.pathTarget(t.To, name, t.Range, memo)
		if !ok {
			return "", false
		}
		switch {
		case j == "":
		case join == "":
			join = j
		case j != join:
			g.errorf(t.Range, "E0734", "Every branch inside a fork path leads to the same join. Correct the transition.",
				"Invalid transition from node [%s] to node [%s] while using fork/join", name, t.To)
			return "", false
		}
	}
	memo[name] = join
	return join, true
}
