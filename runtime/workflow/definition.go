package workflow

import (
	"github.com/coordc/coordc/compiler/ir"
)

// StartNode is the name of the start node, as Oozie names it.
const StartNode = ir.StartNode

// body returns an action node's definition as the runner's type, or nil.
func body[T ir.ActionBody](n *ir.WorkflowNode) T {
	var zero T
	if n.Action == nil {
		return zero
	}
	b, _ := n.Action.Body.(T)
	return b
}
