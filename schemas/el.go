package schemas

import _ "embed"

// The EL function catalog: every Oozie coordinator EL group (its place in a
// definition and its constants) and every function with its parameters,
// result type and mode per group (real, echo or dummy). Package compiler/el
// decodes it; the document format is described there.
//
//go:embed el-functions.json
var elFunctionsJSON []byte

// ELFunctionsJSON returns the embedded EL function catalog (JSON).
func ELFunctionsJSON() []byte { return elFunctionsJSON }
