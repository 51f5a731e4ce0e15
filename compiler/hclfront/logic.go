package hclfront

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/ir"
)

// logicRoot decodes an input_logic or input_events block: exactly one
// and/or/combine/data_in block (input_events: one and/or).
func (p *parser) logicRoot(b *hcl.Block, what string) *ir.LogicNode {
	c := p.content(b, logicContainerSchema)
	if len(c.Blocks) != 1 || (what == "input_events" && c.Blocks[0].Type != "and" && c.Blocks[0].Type != "or") {
		detail := "An input_logic block holds one and, or, combine or data_in block. Wrap several in and { } or or { }."
		if what == "input_events" {
			detail = "An input_events block holds one and or or block. Wrap several in and { } or or { }."
		}
		p.diags = append(p.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid " + what + " block",
			Detail: detail, Subject: b.DefRange.Ptr()})
	}
	if len(c.Blocks) == 0 {
		return nil
	}
	return p.logic(c.Blocks[0], 0)
}

// logic decodes an and/or/combine/data_in block and its children.
func (p *parser) logic(b *hcl.Block, depth int) *ir.LogicNode {
	if depth > maxDepth {
		p.diags = append(p.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Input logic is nested too deeply",
			Detail: "Simplify the input logic.", Subject: b.DefRange.Ptr()})
		return nil
	}
	n := &ir.LogicNode{Op: logicOp(b.Type), DeclRange: b.DefRange, Range: blockRange(b)}
	if n.Op == ir.LogicDataIn {
		c := p.content(b, logicDataInSchema)
		n.Name, n.Min, n.Wait = p.attrText(c, "name"), p.attrText(c, "min"), p.attrText(c, "wait")
		if a := c.Attributes["input"]; a != nil {
			if name, rng, ok := refName(a.Expr, rootInput); ok {
				n.DataIn = literalText(name, rng)
			} else {
				n.DataIn = p.tr.text(a.Expr)
			}
		}
		return n
	}
	c := p.content(b, logicSchema)
	n.Name, n.Min, n.Wait = p.attrText(c, "name"), p.attrText(c, "min"), p.attrText(c, "wait")
	for _, k := range c.Blocks {
		if n.Op == ir.LogicCombine && k.Type != "data_in" {
			p.diags = append(p.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid block in combine",
				Detail: "A combine block holds data_in blocks only. Move the " + k.Type + " block out of it.", Subject: k.DefRange.Ptr()})
			continue
		}
		if child := p.logic(k, depth+1); child != nil {
			n.Children = append(n.Children, child)
		}
	}
	return n
}

func logicOp(blockType string) ir.LogicOp {
	switch blockType {
	case "and":
		return ir.LogicAnd
	case "or":
		return ir.LogicOr
	case "combine":
		return ir.LogicCombine
	}
	return ir.LogicDataIn
}
