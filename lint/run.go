package lint

import (
	"fmt"
	"runtime/debug"
	"sort"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/hashicorp/hcl/v2"
)

// SuppressionRuleID is the ID of the framework rule that reports
// suppression directives that match nothing, name no or unknown rules, or
// give no reason. The runner implements it (its Analyzer has no Run); it is
// active when an analyzer with this ID is passed to Run and enabled.
const SuppressionRuleID = "SUP001"

// Run lints a loaded project: it runs every enabled analyzer, turns the
// load diagnostics (compile) into findings, applies severity overrides,
// suppression directives and the baseline, and returns every finding,
// suppressed ones included, sorted by file, line, column, rule and message.
// The result does not depend on the order of files or analyzers. A nil cfg
// means the defaults.
//
// Load diagnostics whose code is the ID of one of analyzers (EL001–EL006,
// CRON001, …) become findings of that rule, so a rule that also reports
// them from Pass.Compile produces one finding, not two. Other load
// diagnostics are tool diagnostics (RuleID ""), with their code in
// Finding.Code; "not checked" notes are Info. Load errors are never
// suppressed, disabled, downgraded or baselined: Oozie would reject the
// definition. The loader's undefined-parameter notes are left to the rule
// EL005 when it is among analyzers (it groups them per file).
func Run(project *ir.Project, src diag.Sources, compile hcl.Diagnostics, analyzers []*Analyzer, cfg *Config) []Finding {
	if cfg == nil {
		cfg = &Config{}
	}
	byID := map[string]*Analyzer{}
	for _, a := range analyzers {
		byID[a.ID] = a
	}
	var out []Finding
	for _, a := range analyzers {
		if !cfg.enabled(a) || a.Run == nil {
			continue
		}
		for _, d := range runAnalyzer(a, project, src, compile) {
			out = append(out, ruleFinding(a, d, cfg))
		}
	}
	for _, d := range compile {
		if f, ok := compileFinding(d, byID, cfg); ok {
			out = append(out, f)
		}
	}
	out = dedupe(sortFindings(out))
	for i := range out {
		out[i].Fingerprint = Fingerprint(&out[i], src)
	}
	sup := byID[SuppressionRuleID]
	if sup != nil && !cfg.enabled(sup) {
		sup = nil
	}
	out = applyDirectives(out, src, analyzers, cfg, sup)
	if cfg.Baseline != nil {
		cfg.Baseline.Apply(out)
	}
	return sortFindings(out)
}

// runAnalyzer runs one rule and collects its diagnostics. A panicking rule
// yields one internal-error diagnostic instead of crashing the run.
func runAnalyzer(a *Analyzer, p *ir.Project, src diag.Sources, compile hcl.Diagnostics) (ds []*hcl.Diagnostic) {
	defer func() {
		if r := recover(); r != nil {
			ds = append(ds, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  fmt.Sprintf("Rule %s crashed", a.ID),
				Detail:   fmt.Sprintf("This is a bug in coordc, not in your definitions: %v\n%s\nPlease report it with the file that triggers it; meanwhile disable the rule in .coordc.hcl.", r, debug.Stack()),
				Extra:    internalExtra{},
			})
		}
	}()
	pass := NewPass(a, p, src, compile, func(d *hcl.Diagnostic) { ds = append(ds, d) })
	a.Run(pass)
	return ds
}

// internalExtra marks the diagnostic of a crashed rule.
type internalExtra struct{}

func ruleFinding(a *Analyzer, d *hcl.Diagnostic, cfg *Config) Finding {
	f := Finding{Diag: d, RuleID: a.ID, RuleName: a.Name, Code: a.ID, Severity: cfg.severity(a)}
	if _, ok := d.Extra.(internalExtra); ok {
		f.Internal = true
		f.Severity = Error
	}
	return f
}

func compileFinding(d *hcl.Diagnostic, byID map[string]*Analyzer, cfg *Config) (Finding, bool) {
	if _, ok := diag.UndefinedParam(d); ok && byID[string(el.CodeUndefined)] != nil {
		// The rule of undefined parameters reports these notes, grouped
		// per file, so its configuration controls them.
		return Finding{}, false
	}
	code := string(diag.CodeOf(d))
	if a := byID[code]; a != nil && code != "" {
		f := Finding{Diag: d, RuleID: a.ID, RuleName: a.Name, Code: code, Severity: Error, fromLoad: true}
		if d.Severity == hcl.DiagError {
			f.fatal = true
			return f, true
		}
		f.Severity = cfg.severity(a)
		return f, cfg.enabled(a)
	}
	f := Finding{Diag: d, Code: code, Severity: Warning, fatal: d.Severity == hcl.DiagError, fromLoad: true}
	switch {
	case f.fatal:
		f.Severity = Error
	case diag.IsNotChecked(d):
		f.Severity = Info
	}
	return f, true
}

// sortFindings orders findings by file, line, column, rule ID and message.
func sortFindings(fs []Finding) []Finding {
	sort.SliceStable(fs, func(i, j int) bool { return lessFinding(&fs[i], &fs[j]) })
	return fs
}

func lessFinding(a, b *Finding) bool {
	ra, rb := subject(a.Diag), subject(b.Diag)
	if ra.Filename != rb.Filename {
		return ra.Filename < rb.Filename
	}
	if ra.Start.Line != rb.Start.Line {
		return ra.Start.Line < rb.Start.Line
	}
	if ra.Start.Column != rb.Start.Column {
		return ra.Start.Column < rb.Start.Column
	}
	if a.Code != b.Code {
		return a.Code < b.Code
	}
	if a.Diag.Summary != b.Diag.Summary {
		return a.Diag.Summary < b.Diag.Summary
	}
	if ra.End.Byte != rb.End.Byte {
		return ra.End.Byte < rb.End.Byte
	}
	return a.Diag.Detail < b.Diag.Detail
}

// dedupe drops exact repeats (same rule, range and summary), a load
// diagnostic that a rule re-reported from Pass.Compile at the same range,
// and a load error without a rule (an Oozie-coded error such as E1003) that a
// rule restates at exactly its range (TZ002 for an unknown zone, TIME001 for
// a bad datetime…), keeping the rule's wording (and fixes) with the more
// severe level, so every problem is reported once.
func dedupe(fs []Finding) []Finding {
	type key struct {
		rule string
		rng  hcl.Range
	}
	fromRule := map[key]int{}
	atRange := map[hcl.Range]int{}
	for i, f := range fs {
		if !f.fromLoad && f.RuleID != "" {
			fromRule[key{f.RuleID, subject(f.Diag)}] = i
			if _, seen := atRange[subject(f.Diag)]; !seen {
				atRange[subject(f.Diag)] = i
			}
		}
	}
	drop := make([]bool, len(fs))
	for j, f := range fs {
		if !f.fromLoad {
			continue
		}
		i, ok := fromRule[key{f.RuleID, subject(f.Diag)}]
		if !ok && f.RuleID == "" && f.Diag.Severity == hcl.DiagError && f.Diag.Subject != nil {
			i, ok = atRange[subject(f.Diag)]
		}
		if ok {
			fs[i].Severity = min(fs[i].Severity, f.Severity)
			fs[i].fatal = fs[i].fatal || f.fatal
			drop[j] = true
		}
	}
	out := fs[:0]
	for j, f := range fs {
		if drop[j] {
			continue
		}
		if n := len(out); n > 0 {
			p := out[n-1]
			if p.RuleID == f.RuleID && p.Code == f.Code && subject(p.Diag) == subject(f.Diag) && p.Diag.Summary == f.Diag.Summary {
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

func subject(d *hcl.Diagnostic) hcl.Range {
	if d.Subject != nil {
		return *d.Subject
	}
	return hcl.Range{}
}
