package hclgen

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/coordc/coordc/compiler/hclfront"
	"github.com/coordc/coordc/compiler/ir"
)

// coordinator writes a coordinator block; skip names the datasets written
// elsewhere (shared).
func (w *writer) coordinator(c *ir.Coordinator, skip map[*ir.Dataset]bool) {
	label, named := nameLabel(c.Name, "coordinator")
	w.open(c.DeclRange, "coordinator", label)
	if named {
		w.attr("name", c.Name)
	}
	w.attr("frequency", c.Frequency.Text)
	w.attr("start", c.Start.Text)
	w.attr("end", c.End.Text)
	w.attr("timezone", c.Timezone.Text)
	if len(c.Includes) > 0 {
		w.raw("include", w.list(c.Includes), c.Includes[0].Range)
	}
	w.controls(c.Controls)
	for _, ds := range c.Datasets {
		if !skip[ds] {
			w.dataset(ds)
		}
	}
	for _, in := range c.Inputs {
		w.input(in)
	}
	if c.InputEventsLogic != nil {
		w.open(c.InputEventsLogic.DeclRange, "input_events")
		w.logic(c.InputEventsLogic)
		w.close(c.InputEventsLogic.Range)
	}
	if c.InputLogic != nil {
		w.open(c.InputLogic.DeclRange, "input_logic")
		w.logic(c.InputLogic)
		w.close(c.InputLogic.Range)
	}
	for _, out := range c.Outputs {
		w.open(out.DeclRange, "output", out.Name)
		w.raw("dataset", refOrString("dataset", out.DatasetName), out.DatasetRange)
		w.attr("instance", out.Instance)
		w.attr("nocleanup", out.NoCleanup)
		w.close(out.Range)
	}
	if c.Action != nil && c.Action.Flink != nil {
		w.flink(c.Action)
	} else if c.Action != nil && c.Action.FlinkSQL != nil {
		w.flinkSQL(c.Action)
	} else if c.Action != nil {
		w.open(c.Action.DeclRange, "workflow")
		w.attr("app_path", c.Action.AppPath)
		w.configuration(c.Action.Configuration, c.Action.DeclRange)
		end := c.Action.Range
		if c.SLA != nil {
			// The IR has no range for the workflow inside the action:
			// comments after its last value belong to the SLA.
			end.End = lastEnd(c.Action)
		}
		w.close(end)
	}
	if c.SLA != nil {
		w.sla(c.SLA)
	}
	w.close(c.Range)
}

// lastEnd is where the last value of a workflow ends.
func lastEnd(a *ir.Action) hcl.Pos {
	switch {
	case len(a.Configuration) > 0:
		return a.Configuration[len(a.Configuration)-1].Range.End
	case a.AppPath != nil:
		return a.AppPath.Range.End
	}
	return a.DeclRange.End
}

// nameLabel returns the block label for a name, and whether a name
// attribute is needed because the name is not literal text.
func nameLabel(t *ir.Text, fallback string) (string, bool) {
	if t == nil {
		return fallback, false
	}
	if t.Template != nil && t.Template.IsLiteral() && len(t.Template.Parts) == 1 {
		return t.Template.Parts[0].Literal, false
	}
	return fallback, true
}

func (w *writer) list(ts []*ir.Text) string {
	s := "["
	for i, t := range ts {
		if i > 0 {
			s += ", "
		}
		s += w.gen.value(t)
		w.check(t.Range)
	}
	return s + "]"
}

func (w *writer) controls(ctl ir.Controls) {
	if ctl.Timeout.Text == nil && ctl.Concurrency.Text == nil && ctl.Execution.Text == nil && ctl.Throttle.Text == nil {
		return
	}
	w.open(ctl.Range, "controls")
	w.attr("timeout", ctl.Timeout.Text)
	w.attr("concurrency", ctl.Concurrency.Text)
	w.attr("execution", ctl.Execution.Text)
	w.attr("throttle", ctl.Throttle.Text)
	w.close(ctl.Range)
}

func (w *writer) dataset(ds *ir.Dataset) {
	if ds.Async {
		w.errorf(ds.DeclRange, "Async dataset cannot be written in HCL",
			"Oozie cannot run <async-dataset>, and the HCL language has no form for it. Remove it or make it a <dataset>.")
		return
	}
	w.open(ds.DeclRange, "dataset", ds.Name)
	w.attr("frequency", ds.Frequency.Text)
	w.attr("initial_instance", ds.InitialInstance.Text)
	w.attr("timezone", ds.Timezone.Text)
	w.attr("uri_template", ds.URITemplate)
	w.attr("done_flag", ds.DoneFlag)
	w.close(ds.Range)
}

func (w *writer) input(in *ir.DataIn) {
	w.open(in.DeclRange, "input", in.Name)
	w.raw("dataset", refOrString("dataset", in.DatasetName), in.DatasetRange)
	switch {
	case len(in.Instances) == 1:
		w.attr("instance", in.Instances[0])
	case len(in.Instances) > 1:
		w.raw("instances", w.list(in.Instances), in.Instances[0].Range)
	}
	w.attr("start_instance", in.StartInstance)
	w.attr("end_instance", in.EndInstance)
	w.close(in.Range)
}

// refOrString is root.NAME when NAME is an identifier, else "NAME".
func refOrString(root, name string) string {
	if hclsyntax.ValidIdentifier(name) {
		return root + "." + name
	}
	return quote(name)
}

// logic writes an input-logic node.
func (w *writer) logic(n *ir.LogicNode) {
	typ := map[ir.LogicOp]string{ir.LogicAnd: "and", ir.LogicOr: "or", ir.LogicCombine: "combine", ir.LogicDataIn: "data_in"}[n.Op]
	w.open(n.DeclRange, typ)
	if n.Op == ir.LogicDataIn && n.DataIn != nil {
		if label, named := nameLabel(n.DataIn, ""); !named && label != "" {
			w.raw("input", refOrString("input", label), n.DataIn.Range)
		} else {
			w.attr("input", n.DataIn)
		}
	}
	w.attr("name", n.Name)
	w.attr("min", n.Min)
	w.attr("wait", n.Wait)
	for _, k := range n.Children {
		w.logic(k)
	}
	w.close(n.Range)
}

// configuration writes a configuration map, or property blocks when a
// property has a description or no value.
func (w *writer) configuration(props []*ir.Property, at hcl.Range) {
	if len(props) == 0 {
		return
	}
	blocks := false
	for _, p := range props {
		blocks = blocks || p.Description != "" || p.Value == nil
	}
	if blocks {
		for _, p := range props {
			label, named := nameLabel(p.Name, "")
			if named {
				w.errorf(p.Range, "Property cannot be written in HCL", "A property with a description needs a literal name in HCL. Make the name literal text.")
				continue
			}
			w.open(p.Range, "property", label)
			w.attr("value", p.Value)
			if p.Description != "" {
				w.raw("description", quote(p.Description), p.Range)
			}
			w.close(p.Range)
		}
		return
	}
	w.propertyMap("configuration", props, at)
}

// propertyMap writes props as the map attribute name = { key = value, … }.
func (w *writer) propertyMap(name string, props []*ir.Property, at hcl.Range) {
	w.flush(at, false)
	w.sep()
	w.b.WriteString(name + " = {\n")
	for _, p := range props {
		w.flush(p.Range, false)
		w.b.WriteString(w.key(p.Name) + " = " + w.gen.value(p.Value) + "\n")
		w.check(p.Range)
	}
	w.b.WriteString("}\n")
}

// key prints a configuration key: bare when it is a literal identifier.
func (w *writer) key(t *ir.Text) string {
	if t == nil {
		return `""`
	}
	if label, named := nameLabel(t, ""); !named && hclsyntax.ValidIdentifier(label) && label != "true" && label != "false" && label != "null" {
		return label
	}
	if t.Template != nil && len(t.Template.Parts) == 0 {
		return `""`
	}
	if t.Template != nil && !(len(t.Template.Parts) == 1 && t.Template.Parts[0].Expr == nil) {
		return w.gen.template(t.Template.Parts)
	}
	if t.Template == nil {
		w.gen.fail("%q is not valid Oozie EL, so it was written as literal text", t.Raw)
		return quote(t.Raw)
	}
	return quote(t.Template.Parts[0].Literal)
}

func (w *writer) sla(s *ir.SLA) {
	w.open(s.DeclRange, "sla")
	known := map[string]bool{}
	for _, f := range hclfront.SLAFields[string(s.Version)] {
		known[f] = true
	}
	for _, f := range s.Fields {
		if !known[f.Name] {
			w.errorf(f.Range, "SLA field cannot be written in HCL", "<"+f.Name+"> is not a field of SLA "+string(s.Version)+". Remove it.")
			continue
		}
		w.attr(hclfront.AttrName(f.Name), f.Value)
	}
	w.close(s.Range)
}
