package diag

import (
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2"
)

// Extra is stored in hcl.Diagnostic.Extra by every coordc diagnostic.
type Extra struct {
	// Code is the Oozie error code ("E1003") or coordc code ("EL001",
	// "XML002", "USAGE") of a diagnostic of loading or checking
	// definitions; empty for lint findings and diagnostics without one.
	Code Code
	// RuleID is the lint rule that reported the finding ("DST001"); empty
	// for diagnostics of loading. A loader diagnostic whose Code is also a
	// rule's ID (EL001 …) becomes that rule's finding in package lint.
	RuleID string
	// NotChecked marks a note saying that something could not be checked
	// because it depends on a value that is not known (an undefined parameter).
	NotChecked bool
	// Param is the undefined job parameter a "not checked" note is about
	// ("Parameter X is not defined"); "" for other diagnostics. coordc lint
	// reports these notes grouped per file, as rule EL005.
	Param string
	// Fixes are minimal text edits that repair the problem, when one is safe.
	Fixes []Edit
}

// Edit replaces the bytes of Range with Text.
type Edit struct {
	Range hcl.Range
	Text  string
}

// Errorf builds an error diagnostic with a code; Summary is the formatted
// message. Detail may be added by the caller afterwards.
func Errorf(rng hcl.Range, code Code, format string, args ...any) *hcl.Diagnostic {
	return newDiag(hcl.DiagError, rng, code, format, args...)
}

// Warningf builds a warning diagnostic with a code.
func Warningf(rng hcl.Range, code Code, format string, args ...any) *hcl.Diagnostic {
	return newDiag(hcl.DiagWarning, rng, code, format, args...)
}

// NotChecked builds a warning saying what could not be checked and why.
func NotChecked(rng hcl.Range, format string, args ...any) *hcl.Diagnostic {
	d := newDiag(hcl.DiagWarning, rng, "", format, args...)
	d.Extra = &Extra{NotChecked: true}
	return d
}

func newDiag(sev hcl.DiagnosticSeverity, rng hcl.Range, code Code, format string, args ...any) *hcl.Diagnostic {
	r := rng
	return &hcl.Diagnostic{
		Severity: sev,
		Summary:  fmt.Sprintf(format, args...),
		Subject:  &r,
		Extra:    &Extra{Code: code},
	}
}

// CodeOf returns the code attached to d, or "".
func CodeOf(d *hcl.Diagnostic) Code {
	if e, ok := d.Extra.(*Extra); ok && e != nil {
		return e.Code
	}
	return ""
}

// UndefinedParam returns the parameter of an undefined-parameter note.
func UndefinedParam(d *hcl.Diagnostic) (string, bool) {
	e, ok := d.Extra.(*Extra)
	if !ok || e == nil || e.Param == "" {
		return "", false
	}
	return e.Param, true
}

// RuleOf returns the lint rule ID attached to d, or "".
func RuleOf(d *hcl.Diagnostic) string {
	if e, ok := d.Extra.(*Extra); ok && e != nil {
		return e.RuleID
	}
	return ""
}

// IsNotChecked reports whether d is a "not checked" note.
func IsNotChecked(d *hcl.Diagnostic) bool {
	e, ok := d.Extra.(*Extra)
	return ok && e != nil && e.NotChecked
}

// Sort orders diagnostics by file, position, code and message so that output
// never depends on the order in which checks ran.
func Sort(diags hcl.Diagnostics) {
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := diags[i], diags[j]
		ra, rb := rangeOf(a), rangeOf(b)
		if ra.Filename != rb.Filename {
			return ra.Filename < rb.Filename
		}
		if ra.Start.Byte != rb.Start.Byte {
			return ra.Start.Byte < rb.Start.Byte
		}
		if ca, cb := CodeOf(a), CodeOf(b); ca != cb {
			return ca < cb
		}
		return a.Summary < b.Summary
	})
}

// Dedupe removes diagnostics equal in severity, range, code and summary,
// keeping the first (a check that ran twice over shared text). The input
// must be sorted (Sort).
func Dedupe(diags hcl.Diagnostics) hcl.Diagnostics {
	return dedupe(diags, false)
}

// DedupeExact is Dedupe for diagnostics that may differ only in their
// detail, such as hcl's one "Missing required argument" per argument at a
// block's range: only diagnostics with the same detail too are dropped.
func DedupeExact(diags hcl.Diagnostics) hcl.Diagnostics {
	return dedupe(diags, true)
}

func dedupe(diags hcl.Diagnostics, detail bool) hcl.Diagnostics {
	out := diags[:0]
	for i, d := range diags {
		if i > 0 {
			p := out[len(out)-1]
			if p.Severity == d.Severity && p.Summary == d.Summary && CodeOf(p) == CodeOf(d) && rangeOf(p) == rangeOf(d) &&
				(!detail || p.Detail == d.Detail) {
				continue
			}
		}
		out = append(out, d)
	}
	return out
}

func rangeOf(d *hcl.Diagnostic) hcl.Range {
	if d.Subject != nil {
		return *d.Subject
	}
	return hcl.Range{}
}
