package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// maxSummaryBytes keeps a step summary under GitHub's 1 MiB limit, with
// room for the closing line.
const maxSummaryBytes = 1000 * 1024

// writeMarkdown writes a heading, the summary line and a table of every
// unsuppressed diagnostic: a pull-request comment or a step summary. When
// the table would pass limit bytes, it stops with a line saying how many
// rows were left out.
func writeMarkdown(w io.Writer, r *Report, limit int) error {
	var b strings.Builder
	b.WriteString("## coordc lint\n\n")
	b.WriteString(summaryLine(r.Summary))
	b.WriteString("\n")
	rows := 0
	for _, d := range r.Diagnostics {
		if d.Suppression == nil {
			rows++
		}
	}
	if rows > 0 {
		b.WriteString("\n| Location | Severity | Rule | Message |\n|---|---|---|---|\n")
	}
	written := 0
	for _, d := range r.Diagnostics {
		if d.Suppression != nil {
			continue
		}
		loc := d.File
		if d.Range != nil {
			loc = fmt.Sprintf("%s:%d:%d", d.File, d.Range.Start.Line, d.Range.Start.Column)
		}
		rule := d.Code
		if d.RuleID != "" {
			rule = d.RuleID + " " + d.RuleName
		}
		row := fmt.Sprintf("| `%s` | %s | %s | %s |\n", cell(loc), d.Severity, cell(rule), cell(d.Message))
		if limit > 0 && b.Len()+len(row) > limit {
			fmt.Fprintf(&b, "\n%d more not shown (the summary is limited to %d bytes); run coordc lint locally for all of them.\n", rows-written, limit)
			break
		}
		b.WriteString(row)
		written++
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(b.String())
	return bw.Flush()
}

// cell escapes text for a Markdown table cell.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "`", "'").Replace(s)
}

// WriteStepSummary writes the Markdown table of the report for
// $GITHUB_STEP_SUMMARY, kept under GitHub's 1 MiB limit.
func WriteStepSummary(w io.Writer, r *Report) error {
	return writeMarkdown(w, r, maxSummaryBytes)
}
