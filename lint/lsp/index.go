package lsp

import (
	"github.com/coordc/coordc/compiler/ir"
	"github.com/hashicorp/hcl/v2"
)

// refKind says what a reference points at.
type refKind int

const (
	refDataset refKind = iota // data-in/data-out dataset → dataset
	refEvent                  // coord:dataIn('x') or an input-logic data-in → data-in/data-out
	refApp                    // bundle app-path → coordinator
)

// ref is one use of a name and the definition it resolves to.
type ref struct {
	kind refKind
	use  hcl.Range
	def  hcl.Range
}

// callSite is an EL call and the coordinator it is written in (nil in a
// bundle or datasets file).
type callSite struct {
	call  *ir.Call
	coord *ir.Coordinator
}

// index lists what the editor features look up in one analysis.
type index struct {
	refs   []ref
	calls  []callSite
	coords []*ir.Coordinator // every coordinator loaded, bundle entries too
	// events are the data-in and data-out elements with their coordinator.
	inputs  map[*ir.DataIn]*ir.Coordinator
	outputs map[*ir.DataOut]*ir.Coordinator
}

func (a *analysis) index() *index {
	ix := &index{inputs: map[*ir.DataIn]*ir.Coordinator{}, outputs: map[*ir.DataOut]*ir.Coordinator{}}
	if a.project == nil {
		return ix
	}
	seen := map[*ir.Coordinator]bool{}
	addCoord := func(c *ir.Coordinator) {
		if c == nil || seen[c] {
			return
		}
		seen[c] = true
		ix.coords = append(ix.coords, c)
		ix.coordinator(c)
	}
	for _, c := range a.project.Coordinators {
		addCoord(c)
	}
	for _, b := range a.project.Bundles {
		for _, t := range bundleTexts(b) {
			ix.addCalls(t, nil)
		}
		for _, bc := range b.Coordinators {
			if bc.AppPath != nil && bc.Coordinator != nil {
				ix.refs = append(ix.refs, ref{kind: refApp, use: bc.AppPath.Range, def: bc.Coordinator.DeclRange})
			}
			addCoord(bc.Coordinator)
		}
	}
	for _, df := range a.project.DatasetFiles {
		for _, ds := range df.Datasets {
			for _, t := range datasetTexts(ds) {
				ix.addCalls(t, nil)
			}
		}
	}
	return ix
}

func (ix *index) coordinator(c *ir.Coordinator) {
	for _, t := range coordinatorTexts(c) {
		ix.addCalls(t, c)
	}
	for _, in := range c.Inputs {
		ix.inputs[in] = c
		if in.Dataset != nil {
			ix.refs = append(ix.refs, ref{kind: refDataset, use: in.DatasetRange, def: in.Dataset.NameRange})
		}
	}
	for _, out := range c.Outputs {
		ix.outputs[out] = c
		if out.Dataset != nil {
			ix.refs = append(ix.refs, ref{kind: refDataset, use: out.DatasetRange, def: out.Dataset.NameRange})
		}
	}
	events := func(name string, in bool) (hcl.Range, bool) {
		if in {
			for _, e := range c.Inputs {
				if e.Name == name {
					return e.NameRange, true
				}
			}
			return hcl.Range{}, false
		}
		for _, e := range c.Outputs {
			if e.Name == name {
				return e.NameRange, true
			}
		}
		return hcl.Range{}, false
	}
	for _, cs := range ix.calls {
		if cs.coord != c || cs.call.Prefix != "coord" || len(cs.call.Args) != 1 {
			continue
		}
		lit, ok := cs.call.Args[0].(*ir.Literal)
		if !ok || lit.Kind != ir.LitString {
			continue
		}
		switch cs.call.Name {
		case "dataIn", "dataInPartitions", "dataInPartitionFilter", "dataInPartitionMin", "dataInPartitionMax", "dataInPartitionPigFilter":
			if def, ok := events(lit.Str, true); ok {
				ix.refs = append(ix.refs, ref{kind: refEvent, use: lit.Range, def: def})
			}
		case "dataOut", "dataOutPartitions", "dataOutPartitionValue":
			if def, ok := events(lit.Str, false); ok {
				ix.refs = append(ix.refs, ref{kind: refEvent, use: lit.Range, def: def})
			}
		}
	}
	for _, root := range []*ir.LogicNode{c.InputLogic, c.InputEventsLogic} {
		walkLogic(root, func(n *ir.LogicNode) {
			if n.DataIn == nil {
				return
			}
			if def, ok := events(n.DataIn.Raw, true); ok {
				ix.refs = append(ix.refs, ref{kind: refEvent, use: n.DataIn.Range, def: def})
			}
		})
	}
}

// addCalls records the EL calls of t.
func (ix *index) addCalls(t *ir.Text, c *ir.Coordinator) {
	if t == nil || t.Template == nil {
		return
	}
	for _, p := range t.Template.Parts {
		walkExpr(p.Expr, func(e ir.Expr) {
			if call, ok := e.(*ir.Call); ok {
				ix.calls = append(ix.calls, callSite{call: call, coord: c})
			}
		})
	}
}

func walkExpr(e ir.Expr, fn func(ir.Expr)) {
	if e == nil {
		return
	}
	fn(e)
	switch x := e.(type) {
	case *ir.Call:
		for _, arg := range x.Args {
			walkExpr(arg, fn)
		}
	case *ir.Unary:
		walkExpr(x.X, fn)
	case *ir.Binary:
		walkExpr(x.X, fn)
		walkExpr(x.Y, fn)
	case *ir.Conditional:
		walkExpr(x.Cond, fn)
		walkExpr(x.Then, fn)
		walkExpr(x.Else, fn)
	case *ir.Member:
		walkExpr(x.X, fn)
	case *ir.Index:
		walkExpr(x.X, fn)
		walkExpr(x.Index, fn)
	}
}

func walkLogic(n *ir.LogicNode, fn func(*ir.LogicNode)) {
	if n == nil {
		return
	}
	fn(n)
	for _, k := range n.Children {
		walkLogic(k, fn)
	}
}

// coordinatorTexts lists every text of c that may hold EL, its datasets'
// included.
func coordinatorTexts(c *ir.Coordinator) []*ir.Text {
	ts := []*ir.Text{c.Name, c.Frequency.Text, c.Start.Text, c.End.Text, c.Timezone.Text,
		c.Controls.Timeout.Text, c.Controls.Concurrency.Text, c.Controls.Execution.Text, c.Controls.Throttle.Text}
	for _, p := range c.Parameters {
		ts = append(ts, p.Default)
	}
	ts = append(ts, c.Includes...)
	for _, ds := range c.Datasets {
		ts = append(ts, datasetTexts(ds)...)
	}
	for _, in := range c.Inputs {
		ts = append(append(ts, in.Instances...), in.StartInstance, in.EndInstance)
	}
	for _, out := range c.Outputs {
		ts = append(ts, out.Instance, out.NoCleanup)
	}
	if c.Action != nil {
		ts = append(ts, c.Action.AppPath)
		ts = append(ts, propertyTexts(c.Action.Configuration)...)
	}
	if c.SLA != nil {
		for _, f := range c.SLA.Fields {
			ts = append(ts, f.Value)
		}
	}
	return ts
}

func datasetTexts(ds *ir.Dataset) []*ir.Text {
	return []*ir.Text{ds.Frequency.Text, ds.InitialInstance.Text, ds.Timezone.Text, ds.URITemplate, ds.DoneFlag}
}

func bundleTexts(b *ir.Bundle) []*ir.Text {
	ts := []*ir.Text{b.Name}
	if b.KickOffTime != nil {
		ts = append(ts, b.KickOffTime.Text)
	}
	for _, p := range b.Parameters {
		ts = append(ts, p.Default)
	}
	for _, bc := range b.Coordinators {
		ts = append(ts, bc.Name, bc.Critical, bc.Enabled, bc.AppPath)
		ts = append(ts, propertyTexts(bc.Configuration)...)
	}
	return ts
}

func propertyTexts(ps []*ir.Property) []*ir.Text {
	var ts []*ir.Text
	for _, p := range ps {
		ts = append(ts, p.Name, p.Value)
	}
	return ts
}
