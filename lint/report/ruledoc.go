package report

import (
	"fmt"
	"strings"

	"github.com/coordc/coordc/lint"
)

// RuleMarkdown renders a rule's documentation as Markdown: what `coordc
// explain ID` prints and SARIF's help text.
func RuleMarkdown(a *lint.Analyzer) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s %s\n\n", a.ID, a.Name)
	fmt.Fprintf(&b, "**%s**\n\nDefault severity: %s", a.Doc.Title, a.Severity)
	if a.Doc.Fixable {
		b.WriteString(" · fixable with `coordc lint --fix`")
	}
	b.WriteString("\n\n")
	if r := strings.TrimSpace(a.Doc.Rationale); r != "" {
		b.WriteString(r)
		b.WriteString("\n\n")
	}
	example := func(title, text string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		lang := "xml"
		if !strings.HasPrefix(strings.TrimSpace(text), "<") {
			lang = "hcl"
		}
		fmt.Fprintf(&b, "## %s\n\n```%s\n%s\n```\n\n", title, lang, strings.TrimRight(text, "\n"))
	}
	example("Bad", a.Doc.Bad)
	example("Good", a.Doc.Good)
	fmt.Fprintf(&b, "Suppress one finding with `<!-- coordc:ignore %s - reason -->` (XML) or `# coordc:ignore %s -- reason` (HCL) on its line or just above its element or block.\n", a.ID, a.ID)
	return b.String()
}
