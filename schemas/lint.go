package schemas

import _ "embed"

//go:embed lint-report.v1.schema.json
var lintReportSchema []byte

// LintReportSchema returns lint-report.v1.schema.json, the schema of the
// JSON report written by `coordc lint -f json` (JSON Schema 2020-12).
func LintReportSchema() []byte { return lintReportSchema }
