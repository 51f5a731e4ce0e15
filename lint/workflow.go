package lint

import (
	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/wfapp"
	"github.com/hashicorp/hcl/v2"
)

// WorkflowDiagnostics checks an Oozie workflow definition (workflow.xml)
// for `coordc lint` with the checks `coordc validate` runs (package
// compiler/wfapp: schema, EL, graph), leaving out what concerns only
// coordc's own runner: an action type `coordc apply` cannot run (E0723:
// hive, pig, spark …) is valid Oozie, so it is not a finding, and the rest
// of such a workflow is checked all the same (wfapp.Options.CheckOnly).
func WorkflowDiagnostics(filename string, data []byte) hcl.Diagnostics {
	_, diags := wfapp.CompileWith(filename, data, wfapp.Options{CheckOnly: true})
	return diags
}

// IsWorkflow reports whether a file (data when it is not on disk, nil to
// read it) is an Oozie workflow definition, which Run does not load: lint
// checks it with WorkflowDiagnostics.
func IsWorkflow(path string, data []byte) bool {
	return xmlKind(path, data) == compiler.XMLWorkflow
}
