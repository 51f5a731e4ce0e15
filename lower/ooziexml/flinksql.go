package ooziexml

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/ir"
)

// Names in the generated workflow of a flink_sql block.
const (
	// FlinkSQLNamespace is the namespace of coordc's flink-sql action
	// (schema schemas/flink-sql-action-0.1.xsd).
	FlinkSQLNamespace = "uri:coordc:flink-sql-action:0.1"
	// FlinkSQLNode names the workflow's one action node.
	FlinkSQLNode = "flink-sql"
)

// FlinkSQLWorkflow writes the workflow.xml of a coordinator whose action
// is an inline flink-sql action (ir.Action.FlinkSQL): a workflow-app named
// like the coordinator with start → flink-sql → end, and error → kill with
// the action's error message. It returns nil when c's action is not one.
// The values are written as their workflow EL text; the coordinator
// document (Coordinator) passes the ${…} ones as configuration properties.
func FlinkSQLWorkflow(c *ir.Coordinator) []byte {
	if c.Action == nil || c.Action.FlinkSQL == nil {
		return nil
	}
	f := c.Action.FlinkSQL
	w := newWriter("", nil)
	name := c.Name
	if name == nil {
		name = plain("flink-sql")
	}
	none := hcl.Range{}
	w.open(none, "workflow-app", attr{"name", name}, attr{"xmlns", plain("uri:oozie:workflow:" + flinkWorkflowVersion)})
	w.empty(none, "start", attr{"to", plain(FlinkSQLNode)})
	w.open(none, "action", attr{"name", plain(FlinkSQLNode)})
	w.open(none, "flink-sql", attr{"xmlns", plain(FlinkSQLNamespace)})
	if len(f.SessionConfiguration) > 0 {
		w.open(none, "session-configuration")
		for _, p := range f.SessionConfiguration {
			w.open(none, "property")
			w.text("name", p.Name)
			w.text("value", p.Value)
			w.close(none, "property")
		}
		w.close(none, "session-configuration")
	}
	for _, s := range f.Statements {
		w.text("statement", s)
	}
	if f.CaptureOutput {
		w.empty(none, "capture-output")
	}
	w.close(none, "flink-sql")
	w.empty(none, "ok", attr{"to", plain("end")})
	w.empty(none, "error", attr{"to", plain("fail")})
	w.close(none, "action")
	w.open(none, "kill", attr{"name", plain("fail")})
	w.plain("message", "Flink SQL failed: ${wf:errorMessage(wf:lastErrorNode())}")
	w.close(none, "kill")
	w.empty(none, "end", attr{"name", plain("end")})
	w.close(none, "workflow-app")
	return w.bytes()
}
