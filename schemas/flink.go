package schemas

import _ "embed"

// The XML schema of coordc's flink workflow action
// (uri:coordc:flink-action:0.1). The workflow parser's content model is
// tested against it.
//
//go:embed flink-action-0.1.xsd
var flinkActionXSD []byte

// FlinkActionXSD returns the embedded schema of the flink workflow action.
func FlinkActionXSD() []byte { return flinkActionXSD }
