package plan

import (
	"bufio"
	"strings"

	"github.com/coordc/coordc/lower/schedule"
)

// markdownDSTRows caps the list of DST-affected actions shown outside the
// collapsed table.
const markdownDSTRows = 20

// markdownRenderer writes a pull-request comment: the summary line first,
// a table of coordinators, the DST-affected actions (they are what a
// reviewer must look at), then the full action table inside a collapsed
// <details>, capped at MarkdownMaxRows with a "… N more actions" line, and
// below it a Mermaid gantt chart of the actions around each DST transition.
// The summary is only known at the end, so the tables are kept until then;
// they are bounded by the caps, not by the number of actions.
type markdownRenderer struct {
	bw                 *bufio.Writer
	opts               Options
	max                int
	coords, dst, rows  []byte
	dstMore, rowsMore  int
	rowsShown, dstSeen int
	notes              dstNotes
	scratch            []byte
	charts             mermaidCharts
}

func newMarkdownRenderer(bw *bufio.Writer, opts Options) *markdownRenderer {
	m := opts.MarkdownMaxRows
	if m <= 0 {
		m = DefaultMarkdownMaxRows
	}
	return &markdownRenderer{bw: bw, opts: opts, max: m}
}

func (r *markdownRenderer) beginJob(p *prepared) error {
	r.charts.beginJob(p)
	return nil
}

func (r *markdownRenderer) action(a *schedule.Action, v view, id []byte) error {
	r.charts.action(a)
	affected := dstAffected(a)
	if affected {
		if r.dstSeen < markdownDSTRows {
			r.dst = r.appendRow(r.dst, a, v, id, true)
		} else {
			r.dstMore++
		}
		r.dstSeen++
	}
	if r.rowsShown < r.max {
		r.rows = r.appendRow(r.rows, a, v, id, false)
		r.rowsShown++
	} else {
		r.rowsMore++
	}
	return nil
}

// appendRow appends "| id | # | UTC | local | flags |", with the DST note
// when withNote.
func (r *markdownRenderer) appendRow(b []byte, a *schedule.Action, v view, id []byte, withNote bool) []byte {
	b = append(b, "| `"...)
	b = append(b, id...)
	b = append(b, "` | "...)
	b = appendInt(b, a.Number)
	b = append(b, " | "...)
	b = appendUTC(b, a.Nominal)
	b = append(b, " | "...)
	b = a.Local.AppendFormat(b, "Mon 2006-01-02 15:04 -07:00")
	b = append(b, " | "...)
	r.scratch = r.scratch[:0]
	sep := func() {
		if len(r.scratch) > 0 {
			r.scratch = append(r.scratch, " · "...)
		}
	}
	for i, f := range v.flags {
		if i > 0 {
			r.scratch = append(r.scratch, ", "...)
		}
		r.scratch = append(r.scratch, f...)
	}
	if withNote {
		if note := r.notes.about(a.Local); note != "" {
			sep()
			r.scratch = append(r.scratch, note...)
		}
	}
	for _, i := range v.unresolved {
		sep()
		r.scratch = append(r.scratch, "unresolved "...)
		r.scratch = append(r.scratch, a.Inputs[i].Name...)
	}
	b = appendMarkdownCell(b, string(r.scratch))
	return append(b, " |\n"...)
}

func (r *markdownRenderer) endJob(p *prepared, n int) error {
	b := append(r.coords, "| "...)
	b = appendMarkdownCell(b, p.Name)
	b = append(b, " | "...)
	b = appendMarkdownCell(b, p.Timezone)
	b = append(b, " | "...)
	b = appendMarkdownCell(b, p.frequency)
	if p.FrequencyDescription != "" {
		b = append(b, " ("...)
		b = appendMarkdownCell(b, p.FrequencyDescription)
		b = append(b, ')')
	}
	b = append(b, " | "...)
	b = appendUTC(b, p.Start)
	b = append(b, " | "...)
	b = appendUTC(b, p.End)
	b = append(b, " | "...)
	b = appendInt(b, n)
	if p.Total > 0 {
		b = append(b, " ("...)
		b = appendHorizonText(b, p.Job)
		b = append(b, ')')
	}
	r.coords = append(b, " |\n"...)
	return nil
}

func (r *markdownRenderer) end(s Summary) error {
	b := append([]byte(nil), "### coordc plan\n\n**"...)
	b = s.appendLine(b)
	b = append(b, "**\n\n"...)
	if context := r.context(); context != "" {
		b = appendMarkdownCell(b, context)
		b = append(b, "\n\n"...)
	}
	if len(r.coords) > 0 {
		b = append(b, "| Coordinator | Zone | Frequency | Start (UTC) | End (UTC) | Actions |\n|---|---|---|---|---|---:|\n"...)
		b = append(b, r.coords...)
		b = append(b, '\n')
	}
	if r.dstSeen > 0 {
		b = append(b, "**DST-affected actions**\n\n"...)
		b = append(b, actionTableHead...)
		b = append(b, r.dst...)
		b = appendMore(b, r.dstMore)
		b = append(b, '\n')
	}
	if s.Actions > 0 {
		b = append(b, "<details><summary>All "...)
		b = appendCount(b, s.Actions, "action", "actions")
		b = append(b, "</summary>\n\n"...)
		b = append(b, actionTableHead...)
		b = append(b, r.rows...)
		b = appendMore(b, r.rowsMore)
		b = append(b, "\n</details>\n"...)
	}
	b = r.charts.appendTo(b)
	_, err := r.bw.Write(b)
	return err
}

// context is the "tzdata 2025c · window from … to …" line, "" when empty.
func (r *markdownRenderer) context() string {
	var parts []string
	if r.opts.TZDataVersion != "" {
		parts = append(parts, "tzdata "+r.opts.TZDataVersion)
	}
	if w := strings.TrimSpace(string(appendWindow(nil, r.opts))); w != "" {
		parts = append(parts, w)
	}
	return strings.Join(parts, " · ")
}

const actionTableHead = "| ID | # | Nominal (UTC) | Local | Flags |\n|---|---:|---|---|---|\n"

func appendMore(b []byte, n int) []byte {
	if n == 0 {
		return b
	}
	b = append(b, "\n… "...)
	b = appendCount(b, n, "more action", "more actions")
	return append(b, '\n')
}

// appendMarkdownCell appends s so that it renders as the same text inside a
// GitHub-flavoured Markdown table cell: Markdown punctuation is
// backslash-escaped, "<" and ">" become entities, newlines become spaces.
func appendMarkdownCell(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '`', '*', '_', '|', '[', ']', '#', '~', '$':
			b = append(b, '\\', c)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '&':
			b = append(b, "&amp;"...)
		case '\n', '\r', '\t':
			b = append(b, ' ')
		default:
			b = append(b, c)
		}
	}
	return b
}
