package lint

import (
	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/wfapp"
	"github.com/hashicorp/hcl/v2"
)

// WorkflowDiagnostics checks an Oozie workflow definition (workflow.xml)
// for `coordc lint` with the checks `coordc validate` runs (package
// compiler/wfapp: schema, EL, graph), leaving out what concerns only
// coordc's own runner: an action type `coordc apply` cannot run (E0723:
// hive, pig, spark …) is valid Oozie, so it is not a finding. Such a
// workflow's graph is not checked (wfapp stops at its schema errors).
func WorkflowDiagnostics(filename string, data []byte) hcl.Diagnostics {
	_, diags := wfapp.Compile(filename, data)
	out := diags[:0:0]
	for _, d := range diags {
		if diag.CodeOf(d) == diag.E0723 {
			continue
		}
		out = append(out, d)
	}
	return out
}

// IsWorkflow reports whether a file (data when it is not on disk, nil to
// read it) is an Oozie workflow definition, which Run does not load: lint
// checks it with WorkflowDiagnostics.
func IsWorkflow(path string, data []byte) bool {
	return xmlKind(path, data) == compiler.XMLWorkflow
}
