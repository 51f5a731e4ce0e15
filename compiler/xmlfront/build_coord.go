package xmlfront

import (
	"github.com/coordc/coordc/compiler/ir"
)

// coordinator builds a <coordinator-app>.
func (b *builder) coordinator(e *element, sc *schema) *ir.Coordinator {
	c := &ir.Coordinator{
		File:      b.lx.filename,
		Namespace: e.space,
		Version:   knownVersion(sc),
		Name:      b.attrText(e, "name", asWritten),
		Frequency: ir.Frequency{Text: b.attrText(e, "frequency", trim)},
		Start:     ir.Instant{Text: b.attrText(e, "start", trim)},
		End:       ir.Instant{Text: b.attrText(e, "end", trim)},
		Timezone:  ir.Zone{Text: b.attrText(e, "timezone", trim)},
		DeclRange: b.declRange(e),
		Range:     b.rangeOf(e),
	}
	c.Parameters = b.parameters(kid(e, "parameters"))
	if ctl := kid(e, "controls"); ctl != nil {
		c.Controls = ir.Controls{
			Timeout:     ir.IntControl{Text: b.kidText(ctl, "timeout", trim)},
			Concurrency: ir.IntControl{Text: b.kidText(ctl, "concurrency", trim)},
			Execution:   ir.ExecutionControl{Text: b.kidText(ctl, "execution", trim)},
			Throttle:    ir.IntControl{Text: b.kidText(ctl, "throttle", trim)},
			Range:       b.rangeOf(ctl),
		}
	}
	if ds := kid(e, "datasets"); ds != nil {
		c.Includes, c.Datasets = b.datasets(ds)
	}
	if in := kid(e, "input-events"); in != nil {
		for _, k := range in.kids {
			switch {
			case k.space != in.space:
			case k.local == "data-in":
				c.Inputs = append(c.Inputs, b.dataIn(k))
			case c.InputEventsLogic == nil && (k.local == "and" || k.local == "or"):
				c.InputEventsLogic = b.logic(k)
			}
		}
	}
	if il := kid(e, "input-logic"); il != nil {
		c.InputLogic = b.inputLogic(il)
	}
	if out := kid(e, "output-events"); out != nil {
		for _, k := range kidsNamed(out, "data-out") {
			c.Outputs = append(c.Outputs, b.dataOut(k))
		}
	}
	if act := kid(e, "action"); act != nil {
		c.Action = &ir.Action{DeclRange: b.declRange(act), Range: b.rangeOf(act)}
		if wf := kid(act, "workflow"); wf != nil {
			c.Action.AppPath = b.kidText(wf, "app-path", trim)
			c.Action.Configuration = b.configuration(kid(wf, "configuration"))
		}
		c.SLA = b.sla(act)
	}
	return c
}

// knownVersion is the schema version, or "" when the namespace was missing
// or unknown and a fallback schema was used.
func knownVersion(sc *schema) ir.Version {
	if sc.ns == coordNSPrefix+string(sc.version) || sc.ns == bundleNSPrefix+string(sc.version) {
		return sc.version
	}
	return ""
}

// datasets builds the includes (trimmed, as Oozie reads them) and the
// datasets of a <datasets> element, in document order.
func (b *builder) datasets(e *element) ([]*ir.Text, []*ir.Dataset) {
	var inc []*ir.Text
	var out []*ir.Dataset
	for _, k := range e.kids {
		if k.space != e.space {
			continue
		}
		switch k.local {
		case "include":
			inc = append(inc, b.elemText(k, trim))
		case "dataset", "async-dataset":
			out = append(out, b.dataset(k))
		}
	}
	return inc, out
}

// dataset builds a <dataset> or <async-dataset>. The name is kept as
// written (Oozie reads it with getAttributeValue); the other attributes and
// the uri-template and done-flag texts are trimmed.
func (b *builder) dataset(e *element) *ir.Dataset {
	d := &ir.Dataset{
		Frequency:       ir.Frequency{Text: b.attrText(e, "frequency", trim)},
		InitialInstance: ir.Instant{Text: b.attrText(e, "initial-instance", trim)},
		Timezone:        ir.Zone{Text: b.attrText(e, "timezone", trim)},
		URITemplate:     b.kidText(e, "uri-template", trim),
		DoneFlag:        b.kidText(e, "done-flag", trim),
		Async:           e.local == "async-dataset",
		File:            b.lx.filename,
		DeclRange:       b.declRange(e),
		Range:           b.rangeOf(e),
	}
	d.Name, d.NameRange = b.attrName(e, "name")
	return d
}

// dataIn builds an input event; instance texts are trimmed.
func (b *builder) dataIn(e *element) *ir.DataIn {
	d := &ir.DataIn{
		StartInstance: b.kidText(e, "start-instance", trim),
		EndInstance:   b.kidText(e, "end-instance", trim),
		DeclRange:     b.declRange(e),
		Range:         b.rangeOf(e),
	}
	d.Name, d.NameRange = b.attrName(e, "name")
	d.DatasetName, d.DatasetRange = b.attrName(e, "dataset")
	for _, k := range kidsNamed(e, "instance") {
		d.Instances = append(d.Instances, b.elemText(k, trim))
	}
	return d
}

// dataOut builds an output event; the instance is trimmed, nocleanup is an
// xs:boolean (whitespace collapsed, so trimmed too).
func (b *builder) dataOut(e *element) *ir.DataOut {
	d := &ir.DataOut{
		Instance:  b.kidText(e, "instance", trim),
		NoCleanup: b.attrText(e, "nocleanup", trim),
		DeclRange: b.declRange(e),
		Range:     b.rangeOf(e),
	}
	d.Name, d.NameRange = b.attrName(e, "name")
	d.DatasetName, d.DatasetRange = b.attrName(e, "dataset")
	return d
}
