package rules

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/hclfront"
	"github.com/coordc/coordc/compiler/ir"
)

// The rules compute fixes and advice as Oozie EL. A .coord.hcl file spells
// the same value natively: coord::days(1) rather than ${coord:days(1)}, and
// a quoted string there is text, not an expression. The helpers below
// write a fix in the syntax of the file it edits.

// inHCL reports whether rng is in an HCL definition file (*.coord.hcl).
func inHCL(rng hcl.Range) bool { return hclfront.IsHCLFile(rng.Filename) }

// fnName writes the EL function qname ("coord:dataOut") as the file of rng
// spells it: coord:dataOut in XML, coord::dataOut in HCL.
func fnName(rng hcl.Range, qname string) string {
	if inHCL(rng) {
		return strings.Replace(qname, ":", "::", 1)
	}
	return qname
}

// fnCall writes a call of the EL function qname with integer arguments as
// the file of rng spells it: coord:days(1) in XML, coord::days(1) in HCL.
func fnCall(rng hcl.Range, qname string, args ...int64) string {
	s := make([]string, len(args))
	for i, a := range args {
		s[i] = fmt.Sprint(a)
	}
	return fnName(rng, qname) + "(" + strings.Join(s, ", ") + ")"
}

// wholeValue writes expr (from fnCall) as a complete attribute or element
// value in the file of rng: ${expr} in XML, expr itself in HCL.
func wholeValue(rng hcl.Range, expr string) string {
	if inHCL(rng) {
		return expr
	}
	return "${" + expr + "}"
}

// valueFix is the fix that replaces the whole value of t with expr (from
// fnCall). In XML it replaces t's text with ${expr}. In HCL it replaces
// the attribute's expression, quotes included, with expr; it offers no fix
// when t's text comes from a local value (editing the local would change
// its other uses) or cannot be located exactly.
func valueFix(src diag.Sources, t *ir.Text, expr string) []diag.Edit {
	if !inHCL(t.Range) {
		return editFix(t.Range, wholeValue(t.Range, expr))
	}
	rng, ok := hclValueRange(src, t)
	if !ok {
		return nil
	}
	return editFix(rng, expr)
}

// hclValueRange returns the range of the whole HCL expression t was read
// from: t's range, widened to the enclosing quotes when t is the text of a
// quoted string. It fails when t's text lies outside the attribute's
// expression (a substituted local) or does not fit the file.
func hclValueRange(src diag.Sources, t *ir.Text) (hcl.Range, bool) {
	if t.Template == nil {
		return hcl.Range{}, false
	}
	attr, rng := t.Template.Range, t.Range
	if rng.Filename != attr.Filename || rng.Start.Byte < attr.Start.Byte || rng.End.Byte > attr.End.Byte {
		return hcl.Range{}, false
	}
	data := src[rng.Filename]
	if rng.Start.Byte < 0 || rng.End.Byte > len(data) || rng.Start.Byte > rng.End.Byte {
		return hcl.Range{}, false
	}
	if rng.Start.Byte > attr.Start.Byte && rng.End.Byte < attr.End.Byte &&
		data[rng.Start.Byte-1] == '"' && data[rng.End.Byte] == '"' {
		rng.Start.Byte--
		rng.Start.Column--
		rng.End.Byte++
		rng.End.Column++
	}
	if rng != attr {
		return hcl.Range{}, false
	}
	return rng, true
}

// hclEscaper escapes text for a quoted HCL string, where "${" and "%{"
// would start a template sequence.
var hclEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`, "${", "$${", "%{", "%%{")

// hclQuote writes s as a quoted HCL string.
func hclQuote(s string) string { return `"` + hclEscaper.Replace(s) + `"` }
