package lint

import "github.com/hashicorp/hcl/v2"

// Finding is one entry of a lint report: a rule's finding, or a diagnostic
// of loading the project (a "tool" diagnostic, RuleID "").
type Finding struct {
	// Diag is the diagnostic as reported. Its Severity is hcl's two-level
	// one; Severity below is the effective level.
	Diag *hcl.Diagnostic
	// RuleID and RuleName name the rule; both are "" for tool diagnostics.
	RuleID, RuleName string
	// Code is the diagnostic's code: the rule ID for rule findings, or the
	// loader's code (an Oozie code such as "E1003", "XML002", "USAGE") for
	// tool diagnostics; "" when it has none.
	Code string
	// Severity is the effective severity after configuration overrides.
	Severity Severity
	// Suppressed findings are kept (reports show them as suppressed, SARIF
	// marks them) but never fail a run; Suppression says why.
	Suppressed  bool
	Suppression *Suppression
	// Internal marks a rule that crashed: a bug in coordc, not a finding.
	Internal bool
	// Fingerprint identifies the finding independently of its line number
	// (see Fingerprint); baselines and SARIF use it.
	Fingerprint string

	fromLoad bool // converted from a load diagnostic
	fatal    bool // a load error: never suppressed, disabled or baselined
}

// SuppressionKind says where a suppression comes from.
type SuppressionKind string

// Suppression kinds, named as SARIF names them.
const (
	// InSource is a coordc:ignore or coordc:ignore-file directive.
	InSource SuppressionKind = "inSource"
	// External is a baseline entry.
	External SuppressionKind = "external"
)

// Suppression records why a finding is suppressed.
type Suppression struct {
	Kind   SuppressionKind
	Reason string    // the directive's reason, or "baseline"
	Range  hcl.Range // the directive; zero for a baseline
}

// IsTool reports whether f is a diagnostic of loading the project rather
// than a rule's finding.
func (f *Finding) IsTool() bool { return f.RuleID == "" }

// Fails reports whether f makes a run fail at the given level: it is not
// suppressed and at least as severe as level. Internal errors always fail.
func (f *Finding) Fails(level FailLevel) bool {
	if f.Internal {
		return true
	}
	return !f.Suppressed && level != FailNever && int(f.Severity) <= int(level)
}

// FailLevel is the least severe finding that fails a run.
type FailLevel int

// Fail levels; FailError, FailWarning and FailInfo equal the severities.
const (
	FailError             = FailLevel(Error)
	FailWarning           = FailLevel(Warning)
	FailInfo              = FailLevel(Info)
	FailNever   FailLevel = -1
)

// ParseSeverity parses "error", "warning" or "info".
func ParseSeverity(s string) (Severity, bool) {
	switch s {
	case "error":
		return Error, true
	case "warning":
		return Warning, true
	case "info":
		return Info, true
	}
	return 0, false
}

// ParseFailLevel parses "error", "warning", "info" or "never".
func ParseFailLevel(s string) (FailLevel, bool) {
	if s == "never" {
		return FailNever, true
	}
	sev, ok := ParseSeverity(s)
	return FailLevel(sev), ok
}
