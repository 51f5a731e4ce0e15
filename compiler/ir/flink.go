package ir

import "github.com/hashicorp/hcl/v2"

// FlinkAction is a coordinator action written as an HCL flink block: one
// Flink job instead of a workflow app. It stands for a one-node workflow
// app (start → flink → end, error → kill) whose flink action, in the
// uri:coordc:flink-action:0.1 namespace, has these values.
//
// The texts are in workflow EL. A value written as literal text is kept
// as is; a value written with EL (coord:dataIn('in'), a job property …) is
// passed from the coordinator through a property of Action.Configuration
// named after the field (flink_jar, flink_entry_class, flink_parallelism,
// flink_arg_<i>, flink_savepoint_path, flink_conf_<i>) and is here the
// reference ${<that name>}, so the coordinator evaluates it as it
// evaluates any configuration value. Ranges point at the values as
// written.
type FlinkAction struct {
	Jar           *Text
	EntryClass    *Text // nil when absent
	Parallelism   *Text // nil when absent
	Args          []*Text
	SavepointPath *Text // nil when absent
	// AllowNonRestoredState is the flag element allow-non-restored-state.
	AllowNonRestoredState bool
	// Configuration is the flink-configuration; names are literal.
	Configuration []*Property
	DeclRange     hcl.Range
	Range         hcl.Range
}
