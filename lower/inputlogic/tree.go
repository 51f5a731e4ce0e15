package inputlogic

import (
	"strconv"
	"strings"

	"github.com/coordc/coordc/compiler/el"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/hashicorp/hcl/v2"
)

// None is the Min and Wait of a node that has neither its own value nor an
// inherited one.
const None = -1

// Node is one input-logic node with the min and wait Oozie's parser gives it
// (own value, else inherited; see the package documentation).
type Node struct {
	Op ir.LogicOp
	// Name is the node's name attribute, "" when it has none.
	Name string
	// Min is the number of instances that satisfy the node; None when every
	// instance is required (a negative min means the same).
	Min int
	// Wait is the number of minutes to keep collecting; None when absent.
	Wait int
	// DataIns are the data-ins a data-in node (one) or a combine node (in
	// order) reads; empty for and/or.
	DataIns []string
	// Children are the operands of an and/or, in document order.
	Children []*Node
	// Range is the node's start tag; DataInRanges the attribute naming each
	// of DataIns.
	Range        hcl.Range
	DataInRanges []hcl.Range
}

// Logic is a coordinator's compiled <input-logic>: the tree Oozie evaluates
// in the input check, and each named node compiled as Oozie compiles it for
// coord:dataIn('<node name>').
type Logic struct {
	Root  *Node
	named map[string]*Node
	names []string // of named, in document order
}

// Named is the node named name, compiled as its own root (inherited min and
// wait do not reach it, as in Oozie's parseWithName); nil when there is none.
func (l *Logic) Named(name string) *Node {
	if l == nil {
		return nil
	}
	return l.named[name]
}

// Compile compiles c.InputLogic; nil without diagnostics when c has none.
// Errors (E1028) are what Oozie reports when it evaluates the logic: a data-in
// node naming no data-in of <input-events>, a combine of fewer than two
// data-ins, a min that is not an integer, a wait that is not digits, a node
// name used twice, an attribute whose EL value is not known.
func Compile(c *ir.Coordinator) (*Logic, hcl.Diagnostics) {
	if c == nil || c.InputLogic == nil {
		return nil, nil
	}
	b := &builder{inputs: map[string]bool{}, params: c.Params}
	for _, in := range c.Inputs {
		b.inputs[in.Name] = true
	}
	l := &Logic{named: map[string]*Node{}}
	l.Root = b.build(c.InputLogic, None, None)
	b.collectNamed(l, c.InputLogic)
	return l, b.diags
}

type builder struct {
	inputs map[string]bool
	params map[string]string
	diags  hcl.Diagnostics
	// quiet suppresses diagnostics while named nodes are compiled again.
	quiet bool
}

// build compiles n with the min and wait its parent passes down: a data-in
// takes its own or the inherited min and wait; a combine its own or the
// inherited min but only its own wait; an and/or passes its own or the
// inherited min and ONLY ITS OWN wait to its children (Oozie's getWait
// returns the node's own attribute, so a wait set two levels up is lost).
func (b *builder) build(n *ir.LogicNode, inhMin, inhWait int) *Node {
	out := &Node{Op: n.Op, Name: b.text(n.Name, "name"), Range: n.DeclRange}
	ownMin, hasMin := b.minOf(n.Min)
	ownWait, hasWait := b.waitOf(n.Wait)
	out.Min, out.Wait = inhMin, None
	if hasMin {
		out.Min = ownMin
	}
	if hasWait {
		out.Wait = ownWait
	}
	switch n.Op {
	case ir.LogicDataIn:
		if !hasWait {
			out.Wait = inhWait
		}
		b.dataIn(out, n)
	case ir.LogicCombine:
		for _, k := range n.Children {
			if k.Op == ir.LogicDataIn {
				b.dataIn(out, k)
			}
		}
		if len(out.DataIns) < 2 {
			b.errorf(n.DeclRange, "Oozie fails the input check with \"Combine should have at least two input sets\". List two or more data-ins in the combine.",
				"Input-logic combine has %d data-in(s)", len(out.DataIns))
		}
	default:
		for _, k := range n.Children {
			out.Children = append(out.Children, b.build(k, out.Min, out.Wait))
		}
		if len(out.Children) == 0 {
			b.errorf(n.DeclRange, "Oozie cannot evaluate an empty operator. Add the data-ins it joins, or remove it.",
				"Input-logic %s has no operands", n.Op)
		}
	}
	return out
}

func (b *builder) dataIn(out *Node, n *ir.LogicNode) {
	rng := n.DeclRange
	if n.DataIn != nil {
		rng = n.DataIn.Range
	}
	name := b.text(n.DataIn, "dataset")
	if !b.inputs[name] {
		b.errorf(rng, "In <input-logic>, the dataset attribute of <data-in> names a data-in of <input-events>, not a dataset; Oozie fails with \"Data set not found\". Use the name of a data-in.",
			"Input-logic refers to unknown data-in %q", name)
	}
	out.DataIns = append(out.DataIns, name)
	out.DataInRanges = append(out.DataInRanges, rng)
}

// collectNamed walks the IR in document order and compiles each named node
// again as a root. A name used twice is an error: Oozie would join both
// subtrees into one unparseable expression.
func (b *builder) collectNamed(l *Logic, n *ir.LogicNode) {
	if name := b.text(n.Name, "name"); name != "" {
		if _, dup := l.named[name]; dup {
			b.errorf(n.DeclRange, "Oozie joins every node of that name into one expression that does not parse. Give each node its own name.",
				"Input-logic name %q is used twice", name)
		} else {
			b.quiet = true
			l.named[name] = b.build(n, None, None)
			b.quiet = false
			l.names = append(l.names, name)
		}
	}
	for _, k := range n.Children {
		b.collectNamed(l, k)
	}
}

// text is the submit-time value of an attribute, "" when absent: the text
// as written with its ${…} resolved against the job properties, as Oozie
// resolves the action XML (group coord-job-submit-nofuncs).
func (b *builder) text(t *ir.Text, attr string) string {
	switch {
	case t == nil:
		return ""
	case t.Known:
		return t.Value
	case t.Template == nil:
		return t.Raw
	}
	env := &el.Env{Group: "coord-job-submit-nofuncs", Vars: func(name string) (el.Value, bool) {
		v, ok := b.params[name]
		return v, ok
	}}
	v, known, diags := el.EvalTemplate(t.Template, env)
	if known && !diags.HasErrors() {
		return v
	}
	b.errorf(t.Range, "Input-logic attributes are resolved with the job properties at submit. Define the properties it uses.",
		"Input-logic %s %q is not known at submit", attr, t.Raw)
	return t.Raw
}

// minOf parses a min attribute as Oozie's expression language reads an
// integer literal; a negative min means the same as none.
func (b *builder) minOf(t *ir.Text) (int, bool) {
	s := strings.TrimSpace(b.text(t, "min"))
	if s == "" {
		return None, false
	}
	v, err := strconv.ParseInt(s, 10, 32)
	if err != nil {
		b.errorf(t.Range, "Oozie reads min as a whole number of instances. Write it like min=\"3\".",
			"Input-logic min %q is not an integer", s)
		return None, false
	}
	if v < 0 {
		v = None
	}
	return int(v), true
}

// waitOf parses a wait attribute as Oozie does: digits only (no sign, no
// space), a Java int; anything else fails with "Unsupported time".
func (b *builder) waitOf(t *ir.Text) (int, bool) {
	s := b.text(t, "wait")
	if s == "" {
		return None, false
	}
	v, err := strconv.ParseInt(s, 10, 32)
	if err != nil || strings.TrimLeft(s, "0123456789") != "" {
		b.errorf(t.Range, "Oozie accepts digits only and fails with \"Unsupported time\". Write the minutes like wait=\"30\".",
			"Input-logic wait %q is not a number of minutes", s)
		return None, false
	}
	return int(v), true
}

func (b *builder) errorf(rng hcl.Range, detail, format string, args ...any) {
	if b.quiet {
		return
	}
	d := diag.Errorf(rng, diag.E1028, format, args...)
	d.Detail = detail
	b.diags = append(b.diags, d)
}
