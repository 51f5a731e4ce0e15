package ir

// ActionSubWorkflow is the sub-workflow action type, as WorkflowNode.Type
// names it.
const ActionSubWorkflow = "sub-workflow"

// SubWorkflowAction is a sub-workflow action (part of the workflow
// schema): a child workflow job.
type SubWorkflowAction struct {
	AppPath *Template
	// PropagateConfiguration passes the parent job's configuration to the
	// child.
	PropagateConfiguration bool
	Configuration          []*WorkflowProperty
}

// Templates implements ActionBody.
func (a *SubWorkflowAction) Templates() []*Template {
	out := []*Template{a.AppPath}
	for _, p := range a.Configuration {
		out = append(out, p.Name, p.Value)
	}
	return out
}
