package inputlogic

import (
	"fmt"

	"github.com/coordc/coordc/compiler/ir"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/hashicorp/hcl/v2"
)

// Validate checks l against one action's inputs as Oozie's dry run does
// (CoordInputLogicEvaluatorPhaseValidate), for every combine of the tree:
// no member may have latest/future instances ("Combine is not supported for
// latest/future") and every member must have as many instances as the
// first ("Combine should have same range"). Errors are E1028 at the
// combine, or at the data-in that breaks the rule.
func Validate(l *Logic, inputs map[string]Input) hcl.Diagnostics {
	if l == nil || l.Root == nil {
		return nil
	}
	var diags hcl.Diagnostics
	var walk func(n *Node)
	walk = func(n *Node) {
		if n.Op == ir.LogicCombine && len(n.DataIns) > 0 {
			diags = append(diags, validateCombine(n, inputs)...)
		}
		for _, k := range n.Children {
			walk(k)
		}
	}
	walk(l.Root)
	return diags
}

func validateCombine(n *Node, inputs map[string]Input) hcl.Diagnostics {
	first := inputs[n.DataIns[0]]
	for i, name := range n.DataIns {
		if inputs[name].Latest {
			d := diag.Errorf(n.DataInRanges[i], diag.E1028, "Input-logic combine uses data-in %q with latest/future instances", name)
			d.Detail = "Oozie fails with \"Combine is not supported for latest/future\": combine fills missing instances by position, and latest/future instances have none. Combine data-ins whose instances use coord:current or coord:offset."
			return hcl.Diagnostics{d}
		}
	}
	for i, name := range n.DataIns[1:] {
		if got := len(inputs[name].URIs); got != len(first.URIs) {
			d := diag.Errorf(n.DataInRanges[i+1], diag.E1028, "Input-logic combine mixes ranges of %d and %d instances", len(first.URIs), got)
			d.Detail = fmt.Sprintf("Oozie fails with \"Combine should have same range\": data-in %q has %d instances and %q has %d. Give every data-in of the combine the same start-instance and end-instance offsets.",
				n.DataIns[0], len(first.URIs), name, got)
			return hcl.Diagnostics{d}
		}
	}
	return nil
}
