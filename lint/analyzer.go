package lint

import (
	"fmt"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/hashicorp/hcl/v2"
)

// Severity is a rule's default severity.
type Severity int

// Severities, most severe first.
const (
	Error Severity = iota
	Warning
	Info
)

// String returns "error", "warning" or "info".
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "info"
}

// Doc is a rule's documentation, shown by `coordc explain` and in the rule
// reference. Bad and Good are complete example files (Oozie XML) that the
// tests lint: Bad must be reported by the rule, Good must not.
type Doc struct {
	Title     string // one line, sentence case, no period
	Rationale string // Markdown paragraphs: what goes wrong and why
	Bad       string // an example the rule reports
	Good      string // the fixed example
	Fixable   bool   // the rule offers safe fixes
}

// Analyzer is one lint rule. Rules are stateless values; Run may be called
// concurrently for different passes.
type Analyzer struct {
	ID       string // "DST001", fixed forever, never reused
	Name     string // "fixed-day-frequency", kebab-case
	Severity Severity
	Doc      Doc
	Run      func(*Pass)
}

// Pass is what a rule sees: the whole compiled project (submit phase done),
// so cross-file rules work, and a way to report.
type Pass struct {
	Analyzer *Analyzer
	Project  *ir.Project
	Sources  diag.Sources
	// Compile holds the diagnostics of loading the project (schema, EL,
	// submit-phase checks), for rules that surface them under a rule ID.
	Compile hcl.Diagnostics
	report  func(*hcl.Diagnostic)
}

// NewPass returns a pass that hands every finding to report.
func NewPass(a *Analyzer, p *ir.Project, src diag.Sources, compile hcl.Diagnostics, report func(*hcl.Diagnostic)) *Pass {
	return &Pass{Analyzer: a, Project: p, Sources: src, Compile: compile, report: report}
}

// Reportf reports a finding of the pass's rule at rng. detail says what
// happens and ends with how to fix it.
func (p *Pass) Reportf(rng hcl.Range, detail, format string, args ...any) *hcl.Diagnostic {
	d := &hcl.Diagnostic{
		Severity: hclSeverity(p.Analyzer.Severity),
		Summary:  fmt.Sprintf(format, args...),
		Detail:   detail,
		Subject:  &rng,
		Extra:    &diag.Extra{RuleID: p.Analyzer.ID},
	}
	p.report(d)
	return d
}

// ReportFix reports a finding with safe fixes (minimal text edits).
func (p *Pass) ReportFix(rng hcl.Range, fixes []diag.Edit, detail, format string, args ...any) *hcl.Diagnostic {
	d := &hcl.Diagnostic{
		Severity: hclSeverity(p.Analyzer.Severity),
		Summary:  fmt.Sprintf(format, args...),
		Detail:   detail,
		Subject:  &rng,
		Extra:    &diag.Extra{RuleID: p.Analyzer.ID, Fixes: fixes},
	}
	p.report(d)
	return d
}

// hclSeverity maps a rule severity onto hcl's two levels; Info is carried as
// a warning whose severity the report layer restores from the rule.
func hclSeverity(s Severity) hcl.DiagnosticSeverity {
	if s == Error {
		return hcl.DiagError
	}
	return hcl.DiagWarning
}
