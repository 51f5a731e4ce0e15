package xmlfront

import "github.com/coordc/coordc/compiler/ir"

// bundle builds a <bundle-app>. Coordinator name, critical and enabled are
// kept as written; app-path and kick-off-time are trimmed.
func (b *builder) bundle(e *element, sc *schema) *ir.Bundle {
	bu := &ir.Bundle{
		File:       b.lx.filename,
		Namespace:  e.space,
		Version:    knownVersion(sc),
		Name:       b.attrText(e, "name", asWritten),
		Parameters: b.parameters(kid(e, "parameters")),
		DeclRange:  b.declRange(e),
		Range:      b.rangeOf(e),
	}
	if ctl := kid(e, "controls"); ctl != nil {
		if t := b.kidText(ctl, "kick-off-time", trim); t != nil {
			bu.KickOffTime = &ir.Instant{Text: t}
		}
	}
	for _, k := range kidsNamed(e, "coordinator") {
		bu.Coordinators = append(bu.Coordinators, &ir.BundleCoordinator{
			Name:          b.attrText(k, "name", asWritten),
			Critical:      b.attrText(k, "critical", asWritten),
			Enabled:       b.attrText(k, "enabled", asWritten),
			AppPath:       b.kidText(k, "app-path", trim),
			Configuration: b.configuration(kid(k, "configuration")),
			DeclRange:     b.declRange(k),
			Range:         b.rangeOf(k),
		})
	}
	return bu
}

// datasetFile builds a standalone <datasets> file.
func (b *builder) datasetFile(e *element) *ir.DatasetFile {
	f := &ir.DatasetFile{File: b.lx.filename, DeclRange: b.declRange(e), Range: b.rangeOf(e)}
	f.Includes, f.Datasets = b.datasets(e)
	return f
}

// sla builds the <sla:info> block of an <action>: the first child in an SLA
// namespace. Field values are trimmed.
func (b *builder) sla(act *element) *ir.SLA {
	for _, k := range act.kids {
		sc, ok := slaSchemas()[k.space]
		if !ok || k.local != "info" {
			continue
		}
		s := &ir.SLA{Namespace: k.space, Version: sc.version, DeclRange: b.declRange(k), Range: b.rangeOf(k)}
		for _, f := range k.kids {
			s.Fields = append(s.Fields, &ir.SLAField{Name: f.local, Value: b.elemText(f, trim), Range: b.rangeOf(f)})
		}
		return s
	}
	return nil
}
