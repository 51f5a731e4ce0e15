package rules

import (
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/lint"
)

// runCompileFixes is the Run of rules whose findings the compiler makes
// (EL002, EL003). The compiler writes its fixes as Oozie EL: a function
// name coord:nominalTime, a string 'DAY'. In a .coord.hcl file that text
// is not HCL, so the rule re-reports those diagnostics there with the
// fixes (and the names in the detail) in HCL syntax; the runner keeps the
// rule's finding in place of the load diagnostic at the same range.
// Everything else is left to the runner as it is.
func runCompileFixes(p *lint.Pass) {
	for _, d := range p.Compile {
		if string(diag.CodeOf(d)) != p.Analyzer.ID || d.Subject == nil || !inHCL(*d.Subject) {
			continue
		}
		e, ok := d.Extra.(*diag.Extra)
		if !ok || len(e.Fixes) == 0 {
			continue
		}
		detail := d.Detail
		fixes := make([]diag.Edit, len(e.Fixes))
		for i, ed := range e.Fixes {
			text := hclFromEL(ed.Text)
			fixes[i] = diag.Edit{Range: ed.Range, Text: text}
			if text != ed.Text && !strings.HasPrefix(ed.Text, "'") {
				detail = strings.ReplaceAll(detail, ed.Text, text)
			}
		}
		reportFix(p, *d.Subject, fixes, detail, "%s", d.Summary)
	}
}

// hclFromEL rewrites the replacement text of a compiler fix, written as EL,
// in HCL: a single-quoted EL string becomes a quoted HCL string and a
// qualified function name prefix:name becomes prefix::name.
func hclFromEL(text string) string {
	if len(text) >= 2 && text[0] == '\'' && text[len(text)-1] == '\'' {
		s := strings.NewReplacer(`\'`, `'`, `\\`, `\`).Replace(text[1 : len(text)-1])
		return hclQuote(s)
	}
	if strings.Count(text, ":") == 1 && !strings.ContainsAny(text, " ()'\"") {
		return strings.Replace(text, ":", "::", 1)
	}
	return text
}
