package lint

import (
	"fmt"
	"sort"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/hashicorp/hcl/v2"
)

// applyDirectives marks the findings that coordc:ignore directives cover as
// suppressed and, when sup (SUP001) is active, adds its findings about the
// directives themselves. Properties files carry no directives.
func applyDirectives(fs []Finding, src diag.Sources, analyzers []*Analyzer, cfg *Config, sup *Analyzer) []Finding {
	known := map[string]*Analyzer{}
	for _, a := range analyzers {
		known[a.ID], known[a.Name] = a, a
	}
	names := make([]string, 0, len(src))
	for name := range src {
		if !strings.HasSuffix(strings.ToLower(name), ".properties") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var all []*directive
	for _, name := range names {
		for _, d := range directives(name, src[name]) {
			for i := range d.rules {
				d.rules[i].a = known[d.rules[i].name]
			}
			all = append(all, d)
		}
	}
	if len(all) == 0 {
		return fs
	}
	for i := range fs {
		f := &fs[i]
		if f.fatal || f.RuleID == "" || f.Diag.Subject == nil || f.RuleID == SuppressionRuleID {
			continue
		}
		for _, d := range all {
			if !d.covers(*f.Diag.Subject) {
				continue
			}
			for k := range d.rules {
				if r := &d.rules[k]; r.a != nil && r.a.ID == f.RuleID {
					r.used = true
					if !f.Suppressed {
						f.Suppressed = true
						f.Suppression = &Suppression{Kind: InSource, Reason: d.reason, Range: d.rng}
					}
				}
			}
		}
	}
	if sup == nil {
		return fs
	}
	ran := map[string]bool{}
	for _, a := range analyzers {
		ran[a.ID] = cfg.enabled(a)
	}
	for _, d := range all {
		for _, dg := range checkDirective(d, ran, cfg, analyzers) {
			fs = append(fs, Finding{Diag: dg, RuleID: sup.ID, RuleName: sup.Name, Code: sup.ID, Severity: cfg.severity(sup)})
		}
	}
	for i := range fs {
		if fs[i].RuleID == SuppressionRuleID && fs[i].Fingerprint == "" {
			fs[i].Fingerprint = Fingerprint(&fs[i], src)
		}
	}
	return fs
}

// checkDirective returns SUP001's diagnostics for one directive.
func checkDirective(d *directive, ran map[string]bool, cfg *Config, analyzers []*Analyzer) []*hcl.Diagnostic {
	var out []*hcl.Diagnostic
	report := func(rng hcl.Range, summary, detail string, fixes ...diag.Edit) {
		out = append(out, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: summary, Detail: detail, Subject: rng.Ptr(), Extra: &diag.Extra{RuleID: SuppressionRuleID, Fixes: fixes}})
	}
	if d.misplaced {
		report(d.rng, "Directive coordc:ignore-file is not at the top of the file",
			"A coordc:ignore-file directive applies only before the first element (XML) or block (HCL), so this one suppresses nothing. Move it to the top of the file, or use coordc:ignore on the line or element.")
		return out
	}
	if len(d.rules) == 0 {
		report(d.rng, "Suppression names no rule",
			"A coordc:ignore directive must name the rules it suppresses, as in <!-- coordc:ignore DST001 - reason -->. Add the rule IDs or names.")
		return out
	}
	allUnused := true
	for _, r := range d.rules {
		allUnused = allUnused && r.a != nil && !r.used && ran[r.a.ID]
	}
	if d.reason == "" && !cfg.AllowNoReason && !allUnused {
		report(d.rng, fmt.Sprintf("Suppression of %s gives no reason", ruleList(d.rules)),
			"Every suppression must say why the finding does not apply, after a dash that ends the rule list: <!-- coordc:ignore DST001 - runs in UTC on purpose --> in XML (XML forbids \"--\" in comments), # coordc:ignore DST001 -- reason in HCL. Add the reason, or set require_reason = false in .coordc.hcl.")
	}
	unused := 0
	for _, r := range d.rules {
		switch {
		case r.a == nil:
			report(r.rng, fmt.Sprintf("Suppression names unknown rule %q", r.name),
				"There is no rule with this ID or name, so the directive suppresses nothing for it. "+suggestRule(r.name, analyzers)+"Fix the name; `coordc rules` lists every rule.")
		case r.a.ID == SuppressionRuleID:
			report(r.rng, "Suppression names SUP001",
				"SUP001 reports the directives themselves and cannot be suppressed inline. Fix the directive, disable SUP001 in .coordc.hcl, or record it in a baseline.")
		case !r.used && ran[r.a.ID]:
			unused++
			if len(d.rules) > 1 {
				report(r.rng, fmt.Sprintf("Suppression of %s matches no finding", r.a.ID),
					fmt.Sprintf("No %s finding is reported where this directive applies, so naming it has no effect. Remove %q from the directive.", r.a.ID, r.name))
			}
		}
	}
	if unused == 1 && len(d.rules) == 1 {
		r := d.rules[0]
		report(r.rng, fmt.Sprintf("Suppression of %s matches no finding", r.a.ID),
			fmt.Sprintf("No %s finding is reported where this directive applies (the line it is on, or the element or block just below it), so it has no effect. Remove the directive.", r.a.ID),
			diag.Edit{Range: d.del})
	}
	return out
}

func ruleList(rs []ruleRef) string {
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = r.name
	}
	return strings.Join(names, ", ")
}
