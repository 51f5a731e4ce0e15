package xmlfront

import "github.com/coordc/coordc/compiler/ir"

// subWorkflowType is the sub-workflow action: a child workflow job, part
// of the workflow schema itself.
type subWorkflowType struct{}

func (subWorkflowType) name() string { return ir.ActionSubWorkflow }

func (subWorkflowType) describe() string { return "sub-workflow" }

func (subWorkflowType) builtin(ir.Version) (string, *elemDecl) {
	return "sub-workflow", &elemDecl{content: elementOnly,
		alts: seq(one("app-path"), opt("propagate-configuration"), opt("configuration")),
		kids: map[string]*elemDecl{"app-path": text(), "propagate-configuration": empty(), "configuration": properties(true)}}
}

func (subWorkflowType) external(string, string) (*elemDecl, *schema) { return nil, nil }

func (subWorkflowType) claims(wfNS string, e *element) bool {
	return e.space == wfNS && e.local == "sub-workflow"
}

func (subWorkflowType) build(b *wfBuilder, e *element) ir.ActionBody {
	s := &ir.SubWorkflowAction{}
	for _, k := range e.kids {
		switch k.local {
		case "app-path":
			s.AppPath = b.template(k, trim)
		case "propagate-configuration":
			s.PropagateConfiguration = true
		case "configuration":
			s.Configuration = b.properties(k)
		}
	}
	return s
}
