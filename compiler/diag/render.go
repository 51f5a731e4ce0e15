package diag

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
)

// Sources gives renderers the bytes of the files diagnostics point into.
type Sources map[string][]byte

// WriteText renders diagnostics for a terminal or a log:
//
//	file:line:col: severity: summary [CODE]
//	   12 |   <frequency>${coord:hours(24)}</frequency>
//	      |               ^~~~~~~~~~~~~~~~~~
//	  detail
//
// Diagnostics without a range print without a position or snippet.
func WriteText(w io.Writer, diags hcl.Diagnostics, src Sources) error {
	return WriteTextPalette(w, diags, src, Palette{})
}

// WriteTextPalette is WriteText with colours for a terminal.
func WriteTextPalette(w io.Writer, diags hcl.Diagnostics, src Sources, pal Palette) error {
	var b bytes.Buffer
	for _, d := range diags {
		writeHeader(&b, d, pal)
		if d.Subject != nil {
			writeSnippet(&b, *d.Subject, src[d.Subject.Filename], pal)
		}
		if d.Detail != "" {
			for _, line := range strings.Split(d.Detail, "\n") {
				b.WriteString("  ")
				b.WriteString(line)
				b.WriteByte('\n')
			}
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

func writeHeader(b *bytes.Buffer, d *hcl.Diagnostic, pal Palette) {
	if d.Subject != nil {
		fmt.Fprintf(b, "%s:%d:%d: ", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column)
	}
	b.WriteString(pal.Severity(SeverityName(d.Severity)))
	b.WriteString(": ")
	b.WriteString(d.Summary)
	if c := label(d); c != "" {
		b.WriteString(" " + pal.Label("["+c+"]"))
	}
	b.WriteByte('\n')
}

// label is what renderers show of d's identity: its code, else the lint
// rule that reported it.
func label(d *hcl.Diagnostic) string {
	if c := CodeOf(d); c != "" {
		return string(c)
	}
	return RuleOf(d)
}

// SeverityName returns "error", "warning" or "info".
func SeverityName(s hcl.DiagnosticSeverity) string {
	switch s {
	case hcl.DiagError:
		return "error"
	case hcl.DiagWarning:
		return "warning"
	default:
		return "info"
	}
}

// writeSnippet prints the first line of rng with an underline below the
// covered columns (to the end of that line when the range spans lines).
func writeSnippet(b *bytes.Buffer, rng hcl.Range, file []byte, pal Palette) {
	if file == nil || rng.Start.Line < 1 || rng.Start.Byte > len(file) {
		return
	}
	lineStart := rng.Start.Byte
	for lineStart > 0 && file[lineStart-1] != '\n' {
		lineStart--
	}
	lineEnd := rng.Start.Byte
	for lineEnd < len(file) && file[lineEnd] != '\n' && file[lineEnd] != '\r' {
		lineEnd++
	}
	line := file[lineStart:lineEnd]
	if !utf8.Valid(line) || len(line) > 500 {
		return
	}
	text := strings.ReplaceAll(string(line), "\t", " ")
	gutter := fmt.Sprintf("%5d | ", rng.Start.Line)
	b.WriteString(gutter)
	b.WriteString(text)
	b.WriteByte('\n')
	startCol := utf8.RuneCount(file[lineStart:rng.Start.Byte])
	endByte := rng.End.Byte
	if rng.End.Line != rng.Start.Line || endByte > lineEnd || endByte < rng.Start.Byte {
		endByte = lineEnd
	}
	width := utf8.RuneCount(file[rng.Start.Byte:endByte])
	if width < 1 {
		width = 1
	}
	b.WriteString(strings.Repeat(" ", len(gutter)-2))
	b.WriteString("| ")
	b.WriteString(strings.Repeat(" ", startCol))
	b.WriteString(pal.Caret("^" + strings.Repeat("~", width-1)))
	b.WriteByte('\n')
}

// JSONDiagnostic is the machine-readable form of one diagnostic
// (coordc validate -o json).
type JSONDiagnostic struct {
	Severity string     `json:"severity"`
	Code     string     `json:"code,omitempty"`
	Summary  string     `json:"summary"`
	Detail   string     `json:"detail,omitempty"`
	Range    *JSONRange `json:"range,omitempty"`
}

// JSONRange is a source range; lines and columns are 1-based, bytes 0-based.
type JSONRange struct {
	Filename string  `json:"filename"`
	Start    JSONPos `json:"start"`
	End      JSONPos `json:"end"`
}

// JSONPos is one position of a JSONRange.
type JSONPos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
	Byte   int `json:"byte"`
}

// ToJSON converts diagnostics to their JSON form.
func ToJSON(diags hcl.Diagnostics) []JSONDiagnostic {
	out := make([]JSONDiagnostic, 0, len(diags))
	for _, d := range diags {
		j := JSONDiagnostic{Severity: SeverityName(d.Severity), Code: label(d), Summary: d.Summary, Detail: d.Detail}
		if d.Subject != nil {
			r := d.Subject
			j.Range = &JSONRange{
				Filename: r.Filename,
				Start:    JSONPos{r.Start.Line, r.Start.Column, r.Start.Byte},
				End:      JSONPos{r.End.Line, r.End.Column, r.End.Byte},
			}
		}
		out = append(out, j)
	}
	return out
}

// WriteJSON writes {"diagnostics":[...]} followed by a newline.
func WriteJSON(w io.Writer, diags hcl.Diagnostics) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Diagnostics []JSONDiagnostic `json:"diagnostics"`
	}{ToJSON(diags)})
}
