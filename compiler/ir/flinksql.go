package ir

import "github.com/hashicorp/hcl/v2"

// FlinkSQLAction is a coordinator action written as an HCL flink_sql
// block: statements on a Flink SQL Gateway instead of a workflow app. It
// stands for a one-node workflow app (start → flink-sql → end, error →
// kill) whose flink-sql action, in the uri:coordc:flink-sql-action:0.1
// namespace, has these values.
//
// As in FlinkAction, a value written with EL is passed from the
// coordinator through a property of Action.Configuration
// (flink_sql_statement_<i>, flink_sql_conf_<i>) and is here the reference
// ${<that name>}; literal values are kept as written.
type FlinkSQLAction struct {
	// SessionConfiguration are the session's properties; names are
	// literal.
	SessionConfiguration []*Property
	Statements           []*Text
	CaptureOutput        bool
	DeclRange            hcl.Range
	Range                hcl.Range
}
