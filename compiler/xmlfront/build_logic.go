package xmlfront

import (
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
)

// inputLogic builds <input-logic> from its first logic element. Oozie
// parses each top-level element and joins the results without an operator,
// so a second one is reported (XML004) rather than given a meaning.
func (b *builder) inputLogic(e *element) *ir.LogicNode {
	var root *ir.LogicNode
	for _, k := range e.kids {
		if k.space != e.space {
			continue
		}
		n := b.logic(k)
		switch {
		case n == nil:
		case root == nil:
			root = n
		default:
			w := diag.Warningf(b.declRange(k), diag.XML004, "<input-logic> has more than one top-level element")
			w.Detail = "Oozie does not combine several top-level elements of <input-logic>; only the first is used here. Wrap them in <and> or <or>."
			b.diags = append(b.diags, w)
			return root
		}
	}
	return root
}

// logic builds an and/or/combine/data-in node and its subtree (bounded by
// MaxDepth); attribute values are kept as written. It returns nil for other
// elements.
func (b *builder) logic(e *element) *ir.LogicNode {
	var op ir.LogicOp
	switch e.local {
	case "and":
		op = ir.LogicAnd
	case "or":
		op = ir.LogicOr
	case "combine":
		op = ir.LogicCombine
	case "data-in":
		op = ir.LogicDataIn
	default:
		return nil
	}
	n := &ir.LogicNode{
		Op:        op,
		Name:      b.attrText(e, "name", asWritten),
		Min:       b.attrText(e, "min", asWritten),
		Wait:      b.attrText(e, "wait", asWritten),
		DeclRange: b.declRange(e),
		Range:     b.rangeOf(e),
	}
	if op == ir.LogicDataIn {
		n.DataIn = b.attrText(e, "dataset", asWritten)
		return n
	}
	for _, k := range e.kids {
		if k.space != e.space {
			continue
		}
		if c := b.logic(k); c != nil {
			n.Children = append(n.Children, c)
		}
	}
	return n
}
