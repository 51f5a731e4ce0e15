package ir

// ActionFlinkSQL is the flink-sql action type, as WorkflowNode.Type names
// it.
const ActionFlinkSQL = "flink-sql"

// FlinkSQLJob is a workflow's flink-sql action
// (uri:coordc:flink-sql-action:0.1): statements run in order in one
// session of a Flink SQL Gateway.
type FlinkSQLJob struct {
	// SessionConfiguration are the properties the session is opened with.
	SessionConfiguration []*WorkflowProperty
	// Statements run one after the other; the first that fails ends the
	// action in error.
	Statements []*Template
	// CaptureOutput puts the last statement's result rows into
	// wf:actionData.
	CaptureOutput bool
}

// Templates implements ActionBody.
func (a *FlinkSQLJob) Templates() []*Template {
	var out []*Template
	for _, p := range a.SessionConfiguration {
		out = append(out, p.Name, p.Value)
	}
	return append(out, a.Statements...)
}
