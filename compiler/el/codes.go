package el

// Diagnostic codes of this package.
const (
	CodeSyntax      = "EL001" // syntax error
	CodeUnknownFunc = "EL002" // function not in the catalog
	CodeArgs        = "EL003" // wrong number or type of arguments
	CodeNotAllowed  = "EL004" // function not available in the group
	CodeUndefined   = "EL005" // variable cannot be resolved
	CodeEval        = "EL006" // evaluation error (coercion, division by zero, failing function)
	CodeNoImpl      = "EL007" // real function without an implementation in Env.Funcs
)
