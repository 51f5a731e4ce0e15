package schemas

import _ "embed"

// The published JSON contracts of `coordc plan` (JSON Schema 2020-12).
var (
	//go:embed plan.v1.schema.json
	planSchema []byte
	//go:embed plan-diff.v1.schema.json
	planDiffSchema []byte
)

// PlanSchema returns plan.v1.schema.json, the schema of the JSON plan and
// snapshot written by `coordc plan`.
func PlanSchema() []byte { return planSchema }

// PlanDiffSchema returns plan-diff.v1.schema.json, the schema of the JSON
// diff written by `coordc plan --against`.
func PlanDiffSchema() []byte { return planDiffSchema }
