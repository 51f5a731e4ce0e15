package hclfront

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/ir"
)

// BundleVersion is the bundle schema version HCL bundles are compiled as.
const BundleVersion = "0.2"

// bundle decodes a bundle block.
func (p *parser) bundle(b *hcl.Block) *ir.Bundle {
	c := p.content(b, bundleSchema)
	bu := &ir.Bundle{
		File:      b.DefRange.Filename,
		Version:   BundleVersion,
		Name:      p.nameText(c, b),
		DeclRange: b.DefRange,
		Range:     blockRange(b),
	}
	for _, v := range p.cfg.Variables {
		bu.Parameters = append(bu.Parameters, v.Param)
	}
	if t := p.attrText(c, "kick_off_time"); t != nil {
		bu.KickOffTime = &ir.Instant{Text: t}
	}
	for _, k := range c.Blocks {
		kc := p.content(k, bundleCoordinatorSchema)
		bu.Coordinators = append(bu.Coordinators, &ir.BundleCoordinator{
			Name:          p.nameText(kc, k),
			Critical:      p.attrText(kc, "critical"),
			Enabled:       p.attrText(kc, "enabled"),
			AppPath:       p.attrText(kc, "app_path"),
			Configuration: p.configuration(kc),
			DeclRange:     k.DefRange,
			Range:         blockRange(k),
		})
	}
	return bu
}
