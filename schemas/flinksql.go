package schemas

import _ "embed"

// The XML schema of coordc's flink-sql workflow action
// (uri:coordc:flink-sql-action:0.1). The workflow parser's content model
// is tested against it.
//
//go:embed flink-sql-action-0.1.xsd
var flinkSQLActionXSD []byte

// FlinkSQLActionXSD returns the embedded schema of the flink-sql workflow
// action.
func FlinkSQLActionXSD() []byte { return flinkSQLActionXSD }
