package hclfront

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/ir"
)

// content decodes a block body against schema, keeping the diagnostics.
func (p *parser) content(b *hcl.Block, schema *hcl.BodySchema) *hcl.BodyContent {
	c, d := b.Body.Content(schema)
	p.diags = append(p.diags, d...)
	return c
}

// attrText translates the attribute name of c; nil when absent.
func (p *parser) attrText(c *hcl.BodyContent, name string) *ir.Text {
	a := c.Attributes[name]
	if a == nil {
		return nil
	}
	return p.tr.text(a.Expr)
}

// dataset decodes a dataset block (top-level or in a coordinator).
func (p *parser) dataset(b *hcl.Block) *ir.Dataset {
	c := p.content(b, datasetSchema)
	return &ir.Dataset{
		Name:            b.Labels[0],
		NameRange:       b.LabelRanges[0],
		Frequency:       ir.Frequency{Text: p.attrText(c, "frequency")},
		InitialInstance: ir.Instant{Text: p.attrText(c, "initial_instance")},
		Timezone:        ir.Zone{Text: p.attrText(c, "timezone")},
		URITemplate:     p.attrText(c, "uri_template"),
		DoneFlag:        p.attrText(c, "done_flag"),
		File:            b.DefRange.Filename,
		DeclRange:       b.DefRange,
		Range:           blockRange(b),
	}
}

// sharedDatasets decodes a fresh copy of every top-level dataset (the
// submit phase writes values into each coordinator's datasets).
func (p *parser) sharedDatasets() []*ir.Dataset {
	saved := p.tr.src
	defer func() { p.tr.src = saved }()
	out := make([]*ir.Dataset, 0, len(p.shared))
	for _, s := range p.shared {
		p.tr.src = s.src
		out = append(out, p.dataset(s.block))
	}
	return out
}
