package xmlfront

import (
	"strings"
	"sync"

	"github.com/coordc/coordc/compiler/ir"
)

// FlinkSQLNS is the namespace of coordc's flink-sql action; its schema is
// schemas/flink-sql-action-0.1.xsd.
const FlinkSQLNS = "uri:coordc:flink-sql-action:0.1"

// flinkSQLSchema is the schema of FlinkSQLNS.
var flinkSQLSchema = sync.OnceValue(func() *schema {
	return &schema{family: "flink-sql action", version: "0.1", ns: FlinkSQLNS, roots: map[string]*elemDecl{"flink-sql": flinkSQLDecl()}}
})

// flinkSQLType is coordc's flink-sql action: statements on a Flink SQL
// Gateway.
type flinkSQLType struct{}

func (flinkSQLType) name() string { return ir.ActionFlinkSQL }

func (flinkSQLType) describe() string { return "flink-sql (" + FlinkSQLNS + ")" }

func (flinkSQLType) builtin(ir.Version) (string, *elemDecl) { return "", nil }

func (flinkSQLType) external(space, local string) (*elemDecl, *schema) {
	if space == FlinkSQLNS && local == "flink-sql" {
		return flinkSQLSchema().roots["flink-sql"], flinkSQLSchema()
	}
	return nil, nil
}

func (flinkSQLType) claims(_ string, e *element) bool {
	return e.space == FlinkSQLNS && e.local == "flink-sql"
}

// build reads <flink-sql>. An empty statement without EL is an error now,
// with its position; one that EL makes empty fails when the action starts.
func (flinkSQLType) build(b *wfBuilder, e *element) ir.ActionBody {
	f := &ir.FlinkSQLJob{}
	for _, k := range e.kids {
		switch k.local {
		case "session-configuration":
			f.SessionConfiguration = b.properties(k)
		case "statement":
			f.Statements = append(f.Statements, b.template(k, trim))
			if v := strings.TrimSpace(b.contentSource(k).Text); v == "" || strings.Trim(v, "; \t\r\n") == "" {
				b.errorf(b.declRange(k), "E0701", "A statement element holds one SQL statement for the Flink SQL Gateway.",
					"Empty Flink SQL statement")
			}
		case "capture-output":
			f.CaptureOutput = true
		}
	}
	return f
}

// flinkSQLDecl is <flink-sql>, as in schemas/flink-sql-action-0.1.xsd.
func flinkSQLDecl() *elemDecl {
	return &elemDecl{content: elementOnly,
		alts: seq(opt("session-configuration"), particle{names: []string{"statement"}, min: 1, max: -1}, opt("capture-output")),
		kids: map[string]*elemDecl{"session-configuration": properties(true), "statement": text(), "capture-output": empty()}}
}
