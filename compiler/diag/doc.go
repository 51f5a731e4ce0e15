// Package diag holds the helpers every coordc package uses around the one
// diagnostic type, hcl.Diagnostic: constructors that attach a Code (an
// Oozie error code such as E1003, or one of coordc's own such as EL001),
// the catalog that documents every code (Lookup, Codes: what `coordc
// explain CODE` prints), the Extra that carries a diagnostic's code, lint
// rule ID and fixes, deterministic sorting and de-duplication, and the text
// and JSON renderers used by the CLI.
//
// It is not a second diagnostic type: everything here reads and writes
// hcl.Diagnostics, so HCL's own parse errors and coordc's findings mix freely.
package diag
