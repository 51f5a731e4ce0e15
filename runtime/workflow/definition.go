package workflow

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/wfapp"
)

// StartNode is the name of the start node, as Oozie names it.
const StartNode = ir.StartNode

// compile reads and checks a workflow definition (package compiler/wfapp).
func compile(filename string, data []byte) (*ir.Workflow, hcl.Diagnostics) {
	return wfapp.Compile(filename, data)
}

// body returns an action node's definition as the runner's type, or nil.
func body[T ir.ActionBody](n *ir.WorkflowNode) T {
	var zero T
	if n.Action == nil {
		return zero
	}
	b, _ := n.Action.Body.(T)
	return b
}
