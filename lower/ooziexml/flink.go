package ooziexml

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/ir"
)

// Names in the generated workflow of a flink action.
const (
	// FlinkNamespace is the namespace of coordc's flink action (schema
	// schemas/flink-action-0.1.xsd).
	FlinkNamespace = "uri:coordc:flink-action:0.1"
	// FlinkNode names the workflow's one action node.
	FlinkNode = "flink"
	// flinkWorkflowVersion is the workflow schema of the generated app.
	flinkWorkflowVersion = "0.5"
)

// FlinkWorkflow writes the workflow.xml of a coordinator whose action is
// an inline Flink job (ir.Action.Flink): a workflow-app named like the
// coordinator with start → flink → end, and error → kill with the
// action's error message. It returns nil when c's action is not a Flink
// job. The values are written as their workflow EL text; the coordinator
// document (Coordinator) passes the ${…} ones as configuration properties.
func FlinkWorkflow(c *ir.Coordinator) []byte {
	if c.Action == nil || c.Action.Flink == nil {
		return nil
	}
	f := c.Action.Flink
	w := newWriter("", nil)
	name := c.Name
	if name == nil {
		name = plain("flink")
	}
	none := hcl.Range{}
	w.open(none, "workflow-app", attr{"name", name}, attr{"xmlns", plain("uri:oozie:workflow:" + flinkWorkflowVersion)})
	w.empty(none, "start", attr{"to", plain(FlinkNode)})
	w.open(none, "action", attr{"name", plain(FlinkNode)})
	w.open(none, "flink", attr{"xmlns", plain(FlinkNamespace)})
	w.text("jar", f.Jar)
	w.text("entry-class", f.EntryClass)
	w.text("parallelism", f.Parallelism)
	for _, a := range f.Args {
		w.text("arg", a)
	}
	w.text("savepoint-path", f.SavepointPath)
	if f.AllowNonRestoredState {
		w.empty(none, "allow-non-restored-state")
	}
	if len(f.Configuration) > 0 {
		w.open(none, "flink-configuration")
		for _, p := range f.Configuration {
			w.open(none, "property")
			w.text("name", p.Name)
			w.text("value", p.Value)
			w.close(none, "property")
		}
		w.close(none, "flink-configuration")
	}
	w.close(none, "flink")
	w.empty(none, "ok", attr{"to", plain("end")})
	w.empty(none, "error", attr{"to", plain("fail")})
	w.close(none, "action")
	w.open(none, "kill", attr{"name", plain("fail")})
	w.plain("message", "Flink job failed: ${wf:errorMessage(wf:lastErrorNode())}")
	w.close(none, "kill")
	w.empty(none, "end", attr{"name", plain("end")})
	w.close(none, "workflow-app")
	return w.bytes()
}
