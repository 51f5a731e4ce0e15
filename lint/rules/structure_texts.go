package rules

import "github.com/coordc/coordc/compiler/ir"

// coordTexts calls fn for every text of c that Oozie evaluates, in
// document order: attributes, controls, includes, the datasets in effect
// (included ones too), events, input logic, the action and the SLA.
// Absent texts are skipped.
func coordTexts(c *ir.Coordinator, fn func(*ir.Text)) {
	each := func(ts ...*ir.Text) {
		for _, t := range ts {
			if t != nil {
				fn(t)
			}
		}
	}
	each(c.Name, c.Frequency.Text, c.Start.Text, c.End.Text, c.Timezone.Text)
	ctl := c.Controls
	each(ctl.Timeout.Text, ctl.Concurrency.Text, ctl.Execution.Text, ctl.Throttle.Text)
	each(c.Includes...)
	for _, ds := range c.Datasets {
		datasetTexts(ds, fn)
	}
	for _, in := range c.Inputs {
		each(in.Instances...)
		each(in.StartInstance, in.EndInstance)
	}
	logicTexts(c.InputEventsLogic, fn)
	logicTexts(c.InputLogic, fn)
	for _, out := range c.Outputs {
		each(out.Instance, out.NoCleanup)
	}
	if a := c.Action; a != nil {
		each(a.AppPath)
		for _, p := range a.Configuration {
			each(p.Name, p.Value)
		}
	}
	if c.SLA != nil {
		for _, f := range c.SLA.Fields {
			each(f.Value)
		}
	}
}

func datasetTexts(ds *ir.Dataset, fn func(*ir.Text)) {
	for _, t := range []*ir.Text{ds.Frequency.Text, ds.InitialInstance.Text, ds.Timezone.Text, ds.URITemplate, ds.DoneFlag} {
		if t != nil {
			fn(t)
		}
	}
}

func logicTexts(n *ir.LogicNode, fn func(*ir.Text)) {
	if n == nil {
		return
	}
	for _, t := range []*ir.Text{n.Name, n.Min, n.Wait, n.DataIn} {
		if t != nil {
			fn(t)
		}
	}
	for _, ch := range n.Children {
		logicTexts(ch, fn)
	}
}

// bundleTexts calls fn for every text of b that Oozie evaluates.
func bundleTexts(b *ir.Bundle, fn func(*ir.Text)) {
	ts := []*ir.Text{b.Name}
	if b.KickOffTime != nil {
		ts = append(ts, b.KickOffTime.Text)
	}
	for _, bc := range b.Coordinators {
		ts = append(ts, bc.Name, bc.Critical, bc.Enabled, bc.AppPath)
		for _, p := range bc.Configuration {
			ts = append(ts, p.Name, p.Value)
		}
	}
	for _, t := range ts {
		if t != nil {
			fn(t)
		}
	}
}
