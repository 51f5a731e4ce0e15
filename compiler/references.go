package compiler

import (
	"fmt"
	"sort"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/props"
	"github.com/hashicorp/hcl/v2"
)

// UnresolvedReferences checks an EL template evaluated in the context of
// coordinator c (coordc eval): every variable must be one of c's job
// properties (c.Params, formal defaults included) or an EL constant, and
// coord:dataIn/coord:dataOut must name one of c's events. Each violation
// is an error at the name, as Oozie fails the evaluation (E1004 "variable
// [x] cannot be resolved", "data_in_name x is not valid"). A dotted
// ${a.b} is judged by its base a.
func UnresolvedReferences(c *ir.Coordinator, t *ir.Template) hcl.Diagnostics {
	var diags hcl.Diagnostics
	ins, outs := eventNames(c)
	ir.WalkTemplate(t, func(e ir.Expr) bool {
		switch n := e.(type) {
		case *ir.Ident:
			if _, ok := c.Params[n.Name]; ok || props.IsReserved(n.Name) {
				return true
			}
			d := diag.Errorf(n.Range, el.CodeUndefined, "variable [%s] cannot be resolved", n.Name)
			d.Detail = fmt.Sprintf("No job property or formal parameter of coordinator %q defines %q. Give it with --properties FILE or -D %s=VALUE, or correct the name.", textRaw(c.Name), n.Name, n.Name)
			diags = append(diags, d)
		case *ir.Call:
			names, kind := ins, "data-in"
			switch n.QualifiedName() {
			case "coord:dataIn":
			case "coord:dataOut":
				names, kind = outs, "data-out"
			default:
				return true
			}
			if len(n.Args) != 1 {
				return true
			}
			lit, ok := n.Args[0].(*ir.Literal)
			if !ok || lit.Kind != ir.LitString || names[lit.Str] {
				return true
			}
			d := diag.Errorf(lit.Range, el.CodeEval, "Unknown %s %q", kind, lit.Str)
			d.Detail = fmt.Sprintf("Coordinator %q has no %s of this name, so Oozie rejects the expression. Its %ss are: %s.", textRaw(c.Name), kind, kind, listNames(names))
			diags = append(diags, d)
		}
		return true
	})
	return diags
}

func textRaw(t *ir.Text) string {
	if t == nil {
		return ""
	}
	if t.Known {
		return t.Value
	}
	return t.Raw
}

func listNames(names map[string]bool) string {
	if len(names) == 0 {
		return "none"
	}
	out := make([]string, 0, len(names))
	for n := range names {
		out = append(out, fmt.Sprintf("%q", n))
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}
