package xmlfront

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
)

// newText makes an ir.Text from decoded source text and parses it as an EL
// template. Template stays nil when the text does not parse; the parse
// errors are kept for the caller.
func (b *builder) newText(src *el.Source) *ir.Text {
	t := &ir.Text{Raw: src.Text, Range: fullRange(src)}
	tpl, diags := el.ParseTemplate(src)
	b.diags = append(b.diags, diags...)
	if !diags.HasErrors() {
		t.Template = tpl
	}
	return t
}

// builder turns a validated document into IR. It is lenient: whatever the
// validator rejected is skipped or left nil, never a panic.
type builder struct {
	lx    *lineIndex
	diags hcl.Diagnostics
}
