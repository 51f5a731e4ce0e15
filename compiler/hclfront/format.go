package hclfront

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// Format returns the canonical layout of a .coord.hcl file (what coordc fmt
// writes): hclwrite's, after checking that the file parses (ParseFile: nesting bounded), since hclwrite
// formats broken input without a word. On syntax errors it returns nil and
// the errors.
func Format(name string, data []byte) ([]byte, hcl.Diagnostics) {
	if _, diags := ParseFile(name, data); diags.HasErrors() {
		return nil, diags
	}
	return hclwrite.Format(data), nil
}
