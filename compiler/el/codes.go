package el

import "github.com/coordc/coordc/compiler/diag"

// Diagnostic codes of this package.
const (
	CodeSyntax      = diag.EL001 // syntax error
	CodeUnknownFunc = diag.EL002 // function not in the catalog
	CodeArgs        = diag.EL003 // wrong number or type of arguments
	CodeNotAllowed  = diag.EL004 // function not available in the group
	CodeUndefined   = diag.EL005 // variable cannot be resolved
	CodeEval        = diag.EL006 // evaluation error (coercion, division by zero, failing function)
	CodeNoImpl      = diag.EL007 // real function without an implementation in Env.Funcs
)
