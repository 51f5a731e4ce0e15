package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// writeGitHub writes one GitHub Actions workflow command per unsuppressed
// diagnostic (::error, ::warning or ::notice, so the level survives).
// GitHub shows at most 10 annotations of each level per step; the step
// summary (WriteStepSummary) carries the complete list.
func writeGitHub(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	for _, d := range r.Diagnostics {
		if d.Suppression != nil {
			continue
		}
		cmd := map[string]string{"error": "error", "warning": "warning"}[d.Severity]
		if cmd == "" {
			cmd = "notice"
		}
		var props []string
		if d.File != "" {
			props = append(props, "file="+escapeProperty(d.File))
		}
		if d.Range != nil {
			props = append(props,
				fmt.Sprintf("line=%d", d.Range.Start.Line), fmt.Sprintf("endLine=%d", d.Range.End.Line),
				fmt.Sprintf("col=%d", d.Range.Start.Column))
			if d.Range.End.Line == d.Range.Start.Line {
				props = append(props, fmt.Sprintf("endColumn=%d", d.Range.End.Column))
			}
		}
		title := d.Code
		if d.RuleID != "" {
			title = d.RuleID + " " + d.RuleName
		}
		if title != "" {
			props = append(props, "title="+escapeProperty(title))
		}
		fmt.Fprintf(bw, "::%s %s::%s\n", cmd, strings.Join(props, ","), escapeData(sarifMessage(d)))
	}
	return bw.Flush()
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
