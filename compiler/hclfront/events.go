package hclfront

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/coordc/coordc/compiler/ir"
)

// input decodes an input block (a data-in).
func (p *parser) input(b *hcl.Block) *ir.DataIn {
	c := p.content(b, inputSchema)
	in := &ir.DataIn{
		Name:          b.Labels[0],
		NameRange:     b.LabelRanges[0],
		StartInstance: p.attrText(c, "start_instance"),
		EndInstance:   p.attrText(c, "end_instance"),
		DeclRange:     b.DefRange,
		Range:         blockRange(b),
	}
	in.DatasetName, in.DatasetRange = p.ref(c, "dataset", rootDataset, b.DefRange)
	if t := p.attrText(c, "instance"); t != nil {
		in.Instances = append(in.Instances, t)
	}
	if a := c.Attributes["instances"]; a != nil {
		in.Instances = append(in.Instances, p.textList(a)...)
	}
	single, list := c.Attributes["instance"] != nil, c.Attributes["instances"] != nil
	ranged := in.StartInstance != nil || in.EndInstance != nil
	switch {
	case single && list:
		p.inputShape(b, "Give either instance (one) or instances (a list), not both.")
	case (single || list) && ranged:
		p.inputShape(b, "An input takes instances or a start_instance/end_instance range, not both. Remove one.")
	case !single && !list && !ranged:
		p.inputShape(b, "Give instance = coord::current(0), instances = [...], or start_instance and end_instance.")
	case ranged && (in.StartInstance == nil || in.EndInstance == nil):
		p.inputShape(b, "A range needs both start_instance and end_instance. Add the missing one.")
	}
	return in
}

func (p *parser) inputShape(b *hcl.Block, detail string) {
	p.diags = append(p.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: fmt.Sprintf("Invalid instances for input %q", b.Labels[0]),
		Detail: detail, Subject: b.DefRange.Ptr()})
}

// output decodes an output block (a data-out).
func (p *parser) output(b *hcl.Block) *ir.DataOut {
	c := p.content(b, outputSchema)
	out := &ir.DataOut{
		Name:      b.Labels[0],
		NameRange: b.LabelRanges[0],
		Instance:  p.attrText(c, "instance"),
		NoCleanup: p.attrText(c, "nocleanup"),
		DeclRange: b.DefRange,
		Range:     blockRange(b),
	}
	out.DatasetName, out.DatasetRange = p.ref(c, "dataset", rootDataset, b.DefRange)
	return out
}

// ref reads a name given as a reference (dataset.logs) or as a string
// ("logs").
func (p *parser) ref(c *hcl.BodyContent, attr, root string, missing hcl.Range) (string, hcl.Range) {
	a := c.Attributes[attr]
	if a == nil {
		return "", missing
	}
	name, rng, ok := refName(a.Expr, root)
	if !ok {
		p.diags = append(p.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid " + attr + " reference",
			Detail:  fmt.Sprintf("Name the %s as %s.NAME or as a string. Write it that way.", root, root),
			Subject: a.Expr.Range().Ptr()})
		return "", a.Expr.Range()
	}
	return name, rng
}

// refName reads root.NAME or a constant string.
func refName(e hcl.Expression, root string) (string, hcl.Range, bool) {
	if st, ok := e.(*hclsyntax.ScopeTraversalExpr); ok {
		if st.Traversal.RootName() != root {
			return "", e.Range(), false
		}
		name, ok := attrStep(st.Traversal, 1)
		return name, st.Traversal[len(st.Traversal)-1].SourceRange(), ok && len(st.Traversal) == 2
	}
	v, d := e.Value(nil)
	if d.HasErrors() || v.IsNull() || !v.IsKnown() || v.Type() != cty.String {
		return "", e.Range(), false
	}
	rng := e.Range()
	if tpl, ok := e.(*hclsyntax.TemplateExpr); ok && len(tpl.Parts) == 1 {
		rng = tpl.Parts[0].Range()
	}
	return v.AsString(), rng, true
}

// configuration reads a workflow's or bundle coordinator's configuration:
// a map (configuration = { name = value }) or property blocks, which can
// also hold a description.
func (p *parser) configuration(c *hcl.BodyContent) []*ir.Property {
	var out []*ir.Property
	a := c.Attributes["configuration"]
	props := c.Blocks.OfType("property")
	if a != nil && len(props) > 0 {
		p.diags = append(p.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Configuration given twice",
			Detail: "Use either configuration = { ... } or property blocks, not both. Move the entries into one of them.", Subject: props[0].DefRange.Ptr()})
	}
	if a != nil {
		obj, ok := a.Expr.(*hclsyntax.ObjectConsExpr)
		if !ok {
			p.diags = append(p.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid configuration",
				Detail: "The configuration is a map of property names to values, such as { queue = \"default\" }. Write it in braces.", Subject: a.Expr.Range().Ptr()})
			return nil
		}
		for _, item := range obj.Items {
			out = append(out, &ir.Property{Name: p.keyText(item.KeyExpr), Value: p.tr.text(item.ValueExpr),
				Range: hcl.RangeBetween(item.KeyExpr.Range(), item.ValueExpr.Range())})
		}
	}
	for _, b := range props {
		pc := p.content(b, propertySchema)
		prop := &ir.Property{Name: literalText(b.Labels[0], b.LabelRanges[0]), Value: p.attrText(pc, "value"), Range: blockRange(b)}
		if d := pc.Attributes["description"]; d != nil {
			s, diags := constString(d.Expr)
			p.diags = append(p.diags, diags...)
			prop.Description = s
		}
		out = append(out, prop)
	}
	return out
}

// keyText is a configuration key: a bare name is literal, anything else
// (a quoted string, a template, a parenthesized expression) is a text.
func (p *parser) keyText(e hclsyntax.Expression) *ir.Text {
	if k, ok := e.(*hclsyntax.ObjectConsKeyExpr); ok {
		if !k.ForceNonLiteral {
			if name := hcl.ExprAsKeyword(k.Wrapped); name != "" {
				return literalText(name, k.Range())
			}
		}
		return p.tr.text(k.Wrapped)
	}
	return p.tr.text(e)
}
