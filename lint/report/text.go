package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/hashicorp/hcl/v2"
)

// writeText renders the report for a terminal:
//
//	file:line:col: severity: message [ID name]
//	    7 |   frequency="1440"
//	      |              ^~~~
//	  help: what happens, and how to fix it
//	  docs: coordc explain ID
//
// then a summary line. Suppressed diagnostics are only counted.
func writeText(w io.Writer, r *Report, src diag.Sources, pal diag.Palette) error {
	bw := bufio.NewWriter(w)
	for _, d := range r.Diagnostics {
		if d.Suppression != nil {
			continue
		}
		bw.WriteString(headlinePalette(d, pal))
		bw.WriteByte('\n')
		if d.Range != nil {
			diag.WriteSnippetPalette(bw, hclRange(d.File, *d.Range), src[d.File], pal)
		}
		if d.Detail != "" {
			for i, line := range strings.Split(d.Detail, "\n") {
				if i == 0 {
					fmt.Fprintf(bw, "  help: %s\n", line)
				} else {
					fmt.Fprintf(bw, "        %s\n", line)
				}
			}
		}
		if d.RuleID != "" {
			fmt.Fprintf(bw, "  docs: coordc explain %s\n", d.RuleID)
		}
	}
	bw.WriteString(summaryLine(r.Summary))
	bw.WriteByte('\n')
	return bw.Flush()
}

// writeCompact writes one headline per unsuppressed diagnostic, for
// editors and problem matchers.
func writeCompact(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	for _, d := range r.Diagnostics {
		if d.Suppression == nil {
			bw.WriteString(headline(d))
			bw.WriteByte('\n')
		}
	}
	return bw.Flush()
}

// headline is "file:line:col: severity: message [ID name]"; the position
// is left out when there is none, the bracket holds the code for tool
// diagnostics.
func headline(d Diagnostic) string { return headlinePalette(d, diag.Palette{}) }

// headlinePalette is headline with the severity and the rule coloured.
func headlinePalette(d Diagnostic, pal diag.Palette) string {
	var b strings.Builder
	if d.Range != nil {
		fmt.Fprintf(&b, "%s:%d:%d: ", d.File, d.Range.Start.Line, d.Range.Start.Column)
	} else if d.File != "" {
		fmt.Fprintf(&b, "%s: ", d.File)
	}
	b.WriteString(pal.Severity(d.Severity))
	b.WriteString(": ")
	b.WriteString(oneLine(d.Message))
	switch {
	case d.RuleID != "":
		b.WriteString(" " + pal.Label(fmt.Sprintf("[%s %s]", d.RuleID, d.RuleName)))
	case d.Code != "":
		b.WriteString(" " + pal.Label(fmt.Sprintf("[%s]", d.Code)))
	}
	return b.String()
}

// summaryLine is the last line of text output.
func summaryLine(s Summary) string {
	n := s.Errors + s.Warnings + s.Infos
	var b strings.Builder
	if n == 0 {
		fmt.Fprintf(&b, "No problems in %s", plural(s.Files, "file"))
	} else {
		fmt.Fprintf(&b, "%s (%s, %s, %s) in %s", plural(n, "problem"), plural(s.Errors, "error"), plural(s.Warnings, "warning"), plural(s.Infos, "info"), plural(s.Files, "file"))
	}
	if s.Fixable > 0 {
		fmt.Fprintf(&b, "; %d fixable with --fix", s.Fixable)
	}
	if s.Suppressed > 0 {
		fmt.Fprintf(&b, "; %d suppressed", s.Suppressed)
	}
	return b.String()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }

func hclRange(file string, r Range) hcl.Range {
	return hcl.Range{
		Filename: file,
		Start:    hcl.Pos{Line: r.Start.Line, Column: r.Start.Column, Byte: r.Start.Byte},
		End:      hcl.Pos{Line: r.End.Line, Column: r.End.Column, Byte: r.End.Byte},
	}
}
