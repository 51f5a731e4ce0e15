package hclfront

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/coordc/coordc/compiler/ir"
)

// HCLVersion is the coordinator schema version HCL coordinators are
// compiled as: the newest, whose features are a superset of the others.
const HCLVersion = "0.5"

// coordinator decodes a coordinator block.
func (p *parser) coordinator(b *hcl.Block) *ir.Coordinator {
	c := p.content(b, coordinatorSchema)
	co := &ir.Coordinator{
		File:      b.DefRange.Filename,
		Version:   HCLVersion,
		Name:      p.nameText(c, b),
		Frequency: ir.Frequency{Text: p.attrText(c, "frequency")},
		Start:     ir.Instant{Text: p.attrText(c, "start")},
		End:       ir.Instant{Text: p.attrText(c, "end")},
		Timezone:  ir.Zone{Text: p.attrText(c, "timezone")},
		DeclRange: b.DefRange,
		Range:     blockRange(b),
	}
	for _, v := range p.cfg.Variables {
		co.Parameters = append(co.Parameters, v.Param)
	}
	if a := c.Attributes["include"]; a != nil {
		co.Includes = p.textList(a)
	}
	co.Datasets = p.sharedDatasets()
	for _, blk := range c.Blocks {
		switch blk.Type {
		case "controls":
			co.Controls = p.controls(blk)
		case blockDataset:
			co.Datasets = append(co.Datasets, p.dataset(blk))
		case "input":
			co.Inputs = append(co.Inputs, p.input(blk))
		case "output":
			co.Outputs = append(co.Outputs, p.output(blk))
		case "input_logic":
			co.InputLogic = p.logicRoot(blk, "input_logic")
		case "input_events":
			co.InputEventsLogic = p.logicRoot(blk, "input_events")
		case "workflow":
			co.Action = p.workflow(blk)
		case "flink":
			co.Action = p.flinkAction(blk)
		case "flink_sql":
			co.Action = p.flinkSQLAction(blk)
		case "sla":
			co.SLA = p.sla(blk)
		}
	}
	p.single(c, "controls", "input_logic", "input_events", "workflow", "flink", "flink_sql", "sla")
	if w, f := c.Blocks.OfType("workflow"), c.Blocks.OfType("flink"); len(w) > 0 && len(f) > 0 {
		p.errorf(f[0].DefRange, "Coordinator action given twice", fmt.Sprintf("The coordinator action is either a workflow app (the workflow block at %s) or one Flink job (a flink block), not both. Remove one of them.", w[0].DefRange))
	}
	p.oneFlinkSQLAction(c)
	if co.SLA != nil && co.Action == nil {
		p.diags = append(p.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "SLA without a workflow",
			Detail: "An sla block belongs to the coordinator action. Add a workflow or flink block.", Subject: co.SLA.DeclRange.Ptr()})
	}
	return co
}

// nameText is the name attribute, or the block label as literal text.
func (p *parser) nameText(c *hcl.BodyContent, b *hcl.Block) *ir.Text {
	if t := p.attrText(c, "name"); t != nil {
		return t
	}
	return literalText(b.Labels[0], b.LabelRanges[0])
}

// single reports a second block of a type that may appear once.
func (p *parser) single(c *hcl.BodyContent, types ...string) {
	for _, typ := range types {
		var first *hcl.Block
		for _, b := range c.Blocks.OfType(typ) {
			if first == nil {
				first = b
				continue
			}
			p.diags = append(p.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Duplicate " + typ + " block",
				Detail:  "Only one " + typ + " block is allowed here; the first is at " + first.DefRange.String() + ". Merge the two.",
				Subject: b.DefRange.Ptr()})
		}
	}
}

// textList translates a list of texts (include = ["a.xml", ...]).
func (p *parser) textList(a *hcl.Attribute) []*ir.Text {
	tup, ok := a.Expr.(*hclsyntax.TupleConsExpr)
	if !ok {
		p.diags = append(p.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid " + a.Name,
			Detail: "This argument takes a list, such as [\"a\", \"b\"]. Put the values in brackets.", Subject: a.Expr.Range().Ptr()})
		return nil
	}
	var out []*ir.Text
	for _, e := range tup.Exprs {
		if t := p.tr.text(e); t != nil {
			out = append(out, t)
		}
	}
	return out
}

func (p *parser) controls(b *hcl.Block) ir.Controls {
	c := p.content(b, controlsSchema)
	return ir.Controls{
		Timeout:     ir.IntControl{Text: p.attrText(c, "timeout")},
		Concurrency: ir.IntControl{Text: p.attrText(c, "concurrency")},
		Execution:   ir.ExecutionControl{Text: p.attrText(c, "execution")},
		Throttle:    ir.IntControl{Text: p.attrText(c, "throttle")},
		Range:       blockRange(b),
	}
}

// workflow decodes the action's workflow block.
func (p *parser) workflow(b *hcl.Block) *ir.Action {
	c := p.content(b, workflowSchema)
	return &ir.Action{
		AppPath:       p.attrText(c, "app_path"),
		Configuration: p.configuration(c),
		DeclRange:     b.DefRange,
		Range:         blockRange(b),
	}
}

// slaRequired are the fields each SLA schema requires.
var slaRequired = map[string][]string{
	"0.1": {"app-name", "nominal-time", "should-start", "should-end", "alert-contact", "dev-contact", "qa-contact", "se-contact"},
	"0.2": {"nominal-time", "should-end"},
}

// sla decodes an sla block; see SLAFields for the version.
func (p *parser) sla(b *hcl.Block) *ir.SLA {
	c := p.content(b, slaSchema)
	version := "0.2"
	if c.Attributes["app_name"] != nil {
		version = "0.1"
	}
	s := &ir.SLA{Namespace: "uri:oozie:sla:" + version, Version: ir.Version(version), DeclRange: b.DefRange, Range: blockRange(b)}
	allowed := map[string]bool{}
	for _, f := range SLAFields[version] {
		allowed[AttrName(f)] = true
		if a := c.Attributes[AttrName(f)]; a != nil {
			s.Fields = append(s.Fields, &ir.SLAField{Name: f, Value: p.tr.text(a.Expr), Range: a.Range})
		}
	}
	for _, f := range slaRequired[version] {
		if c.Attributes[AttrName(f)] == nil {
			p.diags = append(p.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Missing required SLA argument",
				Detail:  fmt.Sprintf("The argument %q is required by the Oozie SLA %s schema (an sla block with app_name is SLA 0.1). Add it.", AttrName(f), version),
				Subject: b.DefRange.Ptr()})
		}
	}
	for _, name := range sortedAttrNames(c.Attributes) {
		if !allowed[name] {
			a := c.Attributes[name]
			p.diags = append(p.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unsupported SLA " + version + " argument",
				Detail:  "SLA 0.1 (with app_name) and SLA 0.2 (without) have different fields, and " + name + " is not one of SLA " + version + ". Remove it, or use the fields of one version.",
				Subject: a.NameRange.Ptr()})
		}
	}
	return s
}
