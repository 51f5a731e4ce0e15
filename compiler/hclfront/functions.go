package hclfront

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// validationFuncs are the functions of variable validation conditions:
// deterministic string helpers only (no time, files or randomness).
var validationFuncs = map[string]function.Function{
	"can":      tryfunc.CanFunc,
	"contains": stdlib.ContainsFunc,
	"length":   stdlib.StrlenFunc,
	"lower":    stdlib.LowerFunc,
	"regex":    stdlib.RegexFunc,
	"regexall": stdlib.RegexAllFunc,
	"upper":    stdlib.UpperFunc,
}

// ParseVarFile reads a variable definitions file (NAME = value per line,
// like a Terraform .tfvars file) into job properties. Values must be
// constant strings, numbers or booleans.
func ParseVarFile(filename string, src []byte) (map[string]string, hcl.Diagnostics) {
	f, diags := ParseFile(filename, src)
	if f == nil {
		return nil, diags
	}
	attrs, d := f.Body.JustAttributes()
	diags = append(diags, d...)
	out := map[string]string{}
	for name, a := range attrs {
		s, d := constString(a.Expr)
		diags = append(diags, d...)
		if !d.HasErrors() {
			out[name] = s
		}
	}
	return out, diags
}
