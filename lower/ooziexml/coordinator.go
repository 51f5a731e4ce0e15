package ooziexml

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/ir"
)

// Options control the XML written.
type Options struct {
	// Schema forces the coordinator (or bundle) schema version, e.g. "0.4";
	// empty picks the lowest version that can express the definition.
	Schema string
}

// Coordinator writes c as an Oozie coordinator-app document. Values are
// written as their EL text (Raw), so parameters stay ${name}; includes are
// kept, not inlined. c is front-end IR (xmlfront or hclfront output).
func Coordinator(c *ir.Coordinator, opts Options) ([]byte, hcl.Diagnostics) {
	w := newWriter(c.File, c.Comments)
	min, why := CoordinatorVersion(c)
	version, err := pick(opts.Schema, min, why, CoordinatorVersions)
	if err != nil {
		w.errorf(c.DeclRange, "Cannot write the coordinator in the requested schema", err.Error()+". Choose a later --schema, or leave it out.")
		version = min
	}
	attrs := []attr{
		{"xmlns", &ir.Text{Raw: "uri:oozie:coordinator:" + string(version)}},
	}
	if c.SLA != nil {
		attrs = append(attrs, attr{"xmlns:sla", &ir.Text{Raw: "uri:oozie:sla:" + string(c.SLA.Version)}})
	}
	attrs = append(attrs, attr{"name", c.Name}, attr{"frequency", c.Frequency.Text}, attr{"start", c.Start.Text},
		attr{"end", c.End.Text}, attr{"timezone", c.Timezone.Text})
	w.open(c.DeclRange, "coordinator-app", attrs...)
	w.parameters(c.Parameters)
	w.controls(c.Controls)
	if len(c.Includes) > 0 || len(c.Datasets) > 0 {
		w.open(c.DeclRange, "datasets")
		for _, inc := range c.Includes {
			w.text("include", inc)
		}
		for _, ds := range c.Datasets {
			w.dataset(ds)
		}
		w.close(hcl.Range{}, "datasets")
	}
	w.inputEvents(c)
	if c.InputLogic != nil {
		w.open(c.InputLogic.DeclRange, "input-logic")
		w.logic(c.InputLogic)
		w.close(hcl.Range{}, "input-logic")
	}
	if len(c.Outputs) > 0 {
		w.open(c.Outputs[0].DeclRange, "output-events")
		for _, out := range c.Outputs {
			w.open(out.DeclRange, "data-out", attr{"name", plain(out.Name)}, attr{"dataset", plain(out.DatasetName)}, attr{"nocleanup", out.NoCleanup})
			w.text("instance", out.Instance)
			w.close(out.Range, "data-out")
		}
		w.close(hcl.Range{}, "output-events")
	}
	w.action(c)
	w.close(c.Range, "coordinator-app")
	return w.bytes(), w.diags
}

// plain is a Text holding s as written.
func plain(s string) *ir.Text { return &ir.Text{Raw: s} }

func (w *writer) parameters(ps []*ir.Parameter) {
	if len(ps) == 0 {
		return
	}
	w.open(ps[0].Range, "parameters")
	for _, p := range ps {
		w.open(p.Range, "property")
		w.plain("name", p.Name)
		w.text("value", p.Default)
		if p.Description != "" {
			w.plain("description", p.Description)
		}
		w.close(p.Range, "property")
	}
	w.close(hcl.Range{}, "parameters")
}

func (w *writer) controls(ctl ir.Controls) {
	if ctl.Timeout.Text == nil && ctl.Concurrency.Text == nil && ctl.Execution.Text == nil && ctl.Throttle.Text == nil {
		return
	}
	w.open(ctl.Range, "controls")
	w.text("timeout", ctl.Timeout.Text)
	w.text("concurrency", ctl.Concurrency.Text)
	w.text("execution", ctl.Execution.Text)
	w.text("throttle", ctl.Throttle.Text)
	w.close(ctl.Range, "controls")
}

func (w *writer) dataset(ds *ir.Dataset) {
	if ds.Async {
		w.errorf(ds.DeclRange, "Async dataset cannot be written", "The IR keeps no sequence-type or initial-version for an async dataset. Remove it or make it a dataset.")
		return
	}
	w.open(ds.DeclRange, "dataset", attr{"name", plain(ds.Name)}, attr{"frequency", ds.Frequency.Text},
		attr{"initial-instance", ds.InitialInstance.Text}, attr{"timezone", ds.Timezone.Text})
	w.text("uri-template", ds.URITemplate)
	w.text("done-flag", ds.DoneFlag)
	w.close(ds.Range, "dataset")
}

func (w *writer) inputEvents(c *ir.Coordinator) {
	if len(c.Inputs) == 0 && c.InputEventsLogic == nil {
		return
	}
	at := c.DeclRange
	if len(c.Inputs) > 0 {
		at = c.Inputs[0].DeclRange
	}
	w.open(at, "input-events")
	if c.InputEventsLogic != nil {
		if len(c.Inputs) > 0 {
			w.errorf(c.InputEventsLogic.DeclRange, "Input events hold both inputs and logic",
				"An <input-events> holds data-in elements or one and/or, not both. Move the inputs into input_logic.")
		}
		w.logic(c.InputEventsLogic)
	} else {
		for _, in := range c.Inputs {
			w.open(in.DeclRange, "data-in", attr{"name", plain(in.Name)}, attr{"dataset", plain(in.DatasetName)})
			for _, inst := range in.Instances {
				w.text("instance", inst)
			}
			w.text("start-instance", in.StartInstance)
			w.text("end-instance", in.EndInstance)
			w.close(in.Range, "data-in")
		}
	}
	w.close(hcl.Range{}, "input-events")
}

// logic writes an input-logic node.
func (w *writer) logic(n *ir.LogicNode) {
	attrs := []attr{{"name", n.Name}, {"min", n.Min}, {"wait", n.Wait}}
	if n.Op == ir.LogicDataIn {
		w.empty(n.DeclRange, "data-in", append(attrs, attr{"dataset", n.DataIn})...)
		return
	}
	w.open(n.DeclRange, string(n.Op), attrs...)
	for _, k := range n.Children {
		w.logic(k)
	}
	w.close(n.Range, string(n.Op))
}

func (w *writer) action(c *ir.Coordinator) {
	a := c.Action
	if a == nil {
		w.errorf(c.DeclRange, "Coordinator has no workflow", "Oozie requires an action. Add a workflow block.")
		return
	}
	w.open(a.DeclRange, "action")
	w.open(a.DeclRange, "workflow")
	w.text("app-path", a.AppPath)
	w.configuration(a.Configuration)
	w.close(a.Range, "workflow")
	if s := c.SLA; s != nil {
		w.open(s.DeclRange, "sla:info")
		for _, f := range s.Fields {
			w.text("sla:"+f.Name, f.Value)
		}
		w.close(s.Range, "sla:info")
	}
	w.close(hcl.Range{}, "action")
}

func (w *writer) configuration(props []*ir.Property) {
	if len(props) == 0 {
		return
	}
	w.open(props[0].Range, "configuration")
	for _, p := range props {
		w.open(p.Range, "property")
		w.text("name", p.Name)
		if p.Value == nil {
			w.errorf(p.Range, "Configuration property has no value", "Oozie requires a value for every configuration property. Give the property a value.")
		}
		w.text("value", p.Value)
		if p.Description != "" {
			w.plain("description", p.Description)
		}
		w.close(p.Range, "property")
	}
	w.close(hcl.Range{}, "configuration")
}
