package schemas

import _ "embed"

// The published JSON contracts of validate, the ops commands, baselines
// and the configuration file (JSON Schema 2020-12).
var (
	//go:embed diagnostics.v1.schema.json
	diagnosticsSchema []byte
	//go:embed status.v1.schema.json
	statusSchema []byte
	//go:embed jobs.v1.schema.json
	jobsSchema []byte
	//go:embed bundles.v1.schema.json
	bundlesSchema []byte
	//go:embed baseline.v1.schema.json
	baselineSchema []byte
	//go:embed coordc-config.v1.schema.json
	configSchema []byte
)

// DiagnosticsSchema returns diagnostics.v1.schema.json: what `coordc
// validate -o json` prints, and how every command given -o json reports
// its errors.
func DiagnosticsSchema() []byte { return diagnosticsSchema }

// StatusSchema returns status.v1.schema.json, the schema of `coordc status
// -o json`.
func StatusSchema() []byte { return statusSchema }

// JobsSchema returns jobs.v1.schema.json, the schema of `coordc jobs -o
// json`.
func JobsSchema() []byte { return jobsSchema }

// BundlesSchema returns bundles.v1.schema.json, the schema of `coordc jobs
// --jobtype bundle -o json` and `coordc status BUNDLE -o json`.
func BundlesSchema() []byte { return bundlesSchema }

// BaselineSchema returns baseline.v1.schema.json, the schema of the files
// `coordc lint --write-baseline` writes.
func BaselineSchema() []byte { return baselineSchema }

// ConfigSchema returns coordc-config.v1.schema.json, the settings of
// .coordc.hcl in HCL's JSON form.
func ConfigSchema() []byte { return configSchema }
