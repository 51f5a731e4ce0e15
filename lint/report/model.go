package report

import (
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/lint"
	"github.com/hashicorp/hcl/v2"
)

// FormatVersion is the format_version of the JSON report.
const FormatVersion = "1"

// Report is the lint report, the model every format renders: its JSON
// encoding is the published lint-report.v1 (schemas/lint-report.v1.schema.json).
// Fields are declared in JSON key order.
type Report struct {
	Diagnostics   []Diagnostic `json:"diagnostics"`
	FormatVersion string       `json:"format_version"`
	Summary       Summary      `json:"summary"`
	Tool          Tool         `json:"tool"`
}

// Tool names the program that wrote the report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Summary counts the diagnostics. Errors, Warnings and Infos count the
// unsuppressed ones by severity.
type Summary struct {
	Errors     int `json:"errors"`
	Files      int `json:"files"`
	Fixable    int `json:"fixable"`
	Infos      int `json:"infos"`
	Suppressed int `json:"suppressed"`
	Warnings   int `json:"warnings"`
}

// Diagnostic is one finding, or one tool diagnostic (rule_id "").
type Diagnostic struct {
	// CheckID identifies what reported the diagnostic, never empty: the
	// rule ID of a finding, else the code of a tool diagnostic, else
	// diag.CodeTool. It is SARIF's ruleId; `coordc explain` documents it.
	CheckID     string       `json:"check_id"`
	Code        string       `json:"code"`
	Detail      string       `json:"detail"`
	File        string       `json:"file"`
	Fingerprint string       `json:"fingerprint"`
	Fix         *Fix         `json:"fix"`
	Message     string       `json:"message"`
	Range       *Range       `json:"range"`
	RuleID      string       `json:"rule_id"`
	RuleName    string       `json:"rule_name"`
	Severity    string       `json:"severity"`
	Suppression *Suppression `json:"suppression"`
}

// Range is a source range: lines and columns 1-based (columns count
// Unicode code points), bytes 0-based; End is exclusive.
type Range struct {
	End   Pos `json:"end"`
	Start Pos `json:"start"`
}

// Pos is one end of a Range.
type Pos struct {
	Byte   int `json:"byte"`
	Column int `json:"column"`
	Line   int `json:"line"`
}

// Fix is a safe fix: text edits in the diagnostic's file, applied together.
type Fix struct {
	Edits []Edit `json:"edits"`
}

// Edit replaces the bytes of Range with NewText.
type Edit struct {
	NewText string `json:"new_text"`
	Range   Range  `json:"range"`
}

// Suppression says why a diagnostic is suppressed: "inSource" (a
// coordc:ignore directive) or "external" (a baseline).
type Suppression struct {
	Kind   string `json:"kind"`
	Reason string `json:"reason"`
}

// Build makes the report of findings over a run that linted files
// definition files.
func Build(fs []lint.Finding, files int, version string) *Report {
	r := &Report{FormatVersion: FormatVersion, Tool: Tool{Name: "coordc", Version: version}, Diagnostics: []Diagnostic{}}
	r.Summary.Files = files
	for i := range fs {
		f := &fs[i]
		d := Diagnostic{
			CheckID: CheckID(f), Code: f.Code, Detail: f.Diag.Detail, Fingerprint: f.Fingerprint, Message: f.Diag.Summary,
			RuleID: f.RuleID, RuleName: f.RuleName, Severity: f.Severity.String(),
		}
		if s := f.Diag.Subject; s != nil {
			d.File = s.Filename
			rng := rangeOf(*s)
			d.Range = &rng
		}
		if e, ok := f.Diag.Extra.(*diag.Extra); ok && e != nil && len(e.Fixes) > 0 {
			d.Fix = &Fix{Edits: make([]Edit, len(e.Fixes))}
			for k, ed := range e.Fixes {
				d.Fix.Edits[k] = Edit{NewText: ed.Text, Range: rangeOf(ed.Range)}
			}
		}
		switch {
		case f.Suppressed:
			d.Suppression = &Suppression{Kind: string(f.Suppression.Kind), Reason: f.Suppression.Reason}
			r.Summary.Suppressed++
		case f.Severity == lint.Error:
			r.Summary.Errors++
		case f.Severity == lint.Warning:
			r.Summary.Warnings++
		default:
			r.Summary.Infos++
		}
		if d.Fix != nil && !f.Suppressed {
			r.Summary.Fixable++
		}
		r.Diagnostics = append(r.Diagnostics, d)
	}
	return r
}

// CheckID is what identifies the check that reported f: its rule ID, else
// its code, else diag.CodeTool.
func CheckID(f *lint.Finding) string {
	switch {
	case f.RuleID != "":
		return f.RuleID
	case f.Code != "":
		return f.Code
	}
	return string(diag.CodeTool)
}

func rangeOf(r hcl.Range) Range {
	return Range{
		Start: Pos{Byte: r.Start.Byte, Column: r.Start.Column, Line: r.Start.Line},
		End:   Pos{Byte: r.End.Byte, Column: r.End.Column, Line: r.End.Line},
	}
}
