// Package diag holds the helpers every coordc package uses around the one
// diagnostic type, hcl.Diagnostic: constructors that attach a code (an Oozie
// error code such as E1003, or a lint rule ID), deterministic sorting, and the
// text and JSON renderers used by the CLI.
//
// It is not a second diagnostic type: everything here reads and writes
// hcl.Diagnostics, so HCL's own parse errors and coordc's findings mix freely.
package diag
