package report

import (
	"fmt"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
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

// CodeMarkdown renders the documentation of an Oozie or coordc code as
// Markdown: what `coordc explain CODE` prints and SARIF's help text.
func CodeMarkdown(d diag.CodeDoc) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n**%s**\n\n", d.Code, d.Title)
	if d.Template != "" {
		fmt.Fprintf(&b, "Oozie's message: `%s`\n\n", d.Template)
	}
	b.WriteString(d.Doc)
	b.WriteString("\n")
	return b.String()
}

// Explain returns the Markdown documentation of id: a rule of rules (by ID
// in any case, or by name), else a code of the catalog (any case), else a
// shell action's exit status; ok is false when id is none of these.
func Explain(id string, rules []*lint.Analyzer) (markdown string, ok bool) {
	for _, a := range rules {
		if strings.EqualFold(a.ID, id) || a.Name == id {
			return RuleMarkdown(a), true
		}
	}
	code := diag.Code(strings.ToUpper(id))
	if d, ok := diag.Lookup(code); ok {
		return CodeMarkdown(d), true
	}
	if diag.IsExitStatus(code) {
		return CodeMarkdown(diag.CodeDoc{Code: code, Title: "Shell exit status",
			Doc: fmt.Sprintf("A shell action's command exited with status %s; coordc apply records the status as the action's error code, as Oozie does. The action's stderr file (coordc logs ACTION) says why. 137 and 143 mean the process was killed (SIGKILL, SIGTERM).", code)}), true
	}
	return "", false
}
