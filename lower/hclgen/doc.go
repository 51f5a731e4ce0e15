// Package hclgen writes the IR as coordc's HCL language (.coord.hcl): the
// output of coordc convert --to hcl and the canonical form coordc fmt
// keeps. Text is built from the IR and formatted with hclwrite.Format, so
// alignment and indentation are exactly what fmt writes.
//
// Every EL value becomes its native HCL form (coord:current(-1) is written
// coord::current(-1), a declared parameter var.name, another identifier
// bare), chosen so that package hclfront reads it back to the same EL AST:
// a literal integer or boolean is written bare, an expression that HCL
// would read as literal text (${1}, ${-1}, ${'x'}) stays interpolated.
// Comments of the IR (XML comments) are written before the first item that
// follows them in the source, or inside the block they were in.
//
// It does not evaluate or check definitions, and it reads front-end IR
// (includes are kept as include, not inlined). What HCL cannot express is
// reported as an error: EL identifiers named var or local or containing
// "$", async datasets, SLA fields of the other SLA version. Variable types
// and validations do not exist in the IR, so XML → HCL has none.
package hclgen
