package plan

import (
	"bufio"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/coordc/coordc/lower/schedule"
)

// textRenderer writes the review table. Per coordinator: a header (name,
// zone, tzdata, frequency, start/end, window), then one row per action with
// number, UTC time, local time, the time since the previous action and the
// flags; DST-affected rows are marked "!" and say what the clocks do that
// day. Inputs, outputs and configuration are listed under the first action
// and again only when their shape changes (data-in/data-out names, URI
// counts, unresolved text, configuration names), so a reviewer sees every
// irregularity without reading thousands of identical lines. The summary
// line comes last.
type textRenderer struct {
	bw       *bufio.Writer
	buf      []byte
	opts     Options
	jobs     int
	prev     time.Time // nominal time of the previous action in this job
	first    bool      // the next action is the job's first
	shape    []byte    // shape key of the last action whose details were shown
	key      []byte    // scratch for the current shape key
	marked   bool      // some row carries the "!" marker
	elided   bool      // some action's details were left out as repeated
	folded   bool      // some configuration value was folded
	notes    dstNotes
	localFmt []byte
}

func newTextRenderer(bw *bufio.Writer, opts Options) *textRenderer {
	return &textRenderer{bw: bw, opts: opts, buf: make([]byte, 0, 1024)}
}

func (r *textRenderer) flush(b []byte) error {
	r.buf = b[:0]
	_, err := r.bw.Write(b)
	return err
}

const textColumns = "     #  nominal (UTC)      local                        since prev  flags\n"

func (r *textRenderer) beginJob(p *prepared) error {
	b := r.buf[:0]
	if r.jobs > 0 {
		b = append(b, '\n')
	}
	r.jobs++
	r.first, r.shape = true, r.shape[:0]
	b = append(b, "coordc plan · coordinator "...)
	b = strconv.AppendQuote(b, p.Name)
	b = append(b, " · "...)
	b = append(b, p.Timezone...)
	if r.opts.TZDataVersion != "" {
		b = append(b, " · tzdata "...)
		b = append(b, r.opts.TZDataVersion...)
	}
	b = append(b, "\nfrequency "...)
	b = append(b, p.frequency...)
	if p.FrequencyDescription != "" {
		b = append(b, " ("...)
		b = append(b, p.FrequencyDescription...)
		b = append(b, ')')
	}
	b = append(b, " · start "...)
	b = appendUTC(b, p.Start)
	b = append(b, " · end "...)
	b = appendUTC(b, p.End)
	b = append(b, '\n')
	b = appendWindow(b, r.opts)
	b = appendHorizon(b, p.Job)
	b = append(b, '\n')
	b = append(b, textColumns...)
	return r.flush(b)
}

// appendHorizon appends "first N of M actions; use --to, --count or
// --all" when Jobs stopped j at the horizon.
func appendHorizon(b []byte, j *Job) []byte {
	if j.Total == 0 {
		return b
	}
	return append(appendHorizonText(b, j), '\n')
}

func appendHorizonText(b []byte, j *Job) []byte {
	b = append(b, "first "...)
	b = strconv.AppendInt(b, int64(j.Shown), 10)
	b = append(b, " of "...)
	if j.TotalCapped {
		b = append(b, "more than "...)
	}
	b = appendCount(b, j.Total, "action", "actions")
	return append(b, "; use --to, --count or --all"...)
}

// appendWindow appends the "window …" line, or nothing without a window.
func appendWindow(b []byte, o Options) []byte {
	if o.WindowFrom.IsZero() && o.WindowTo.IsZero() && o.Count <= 0 {
		return b
	}
	b = append(b, "window"...)
	if !o.WindowFrom.IsZero() {
		b = append(b, " from "...)
		b = appendUTC(b, o.WindowFrom)
	}
	if !o.WindowTo.IsZero() {
		b = append(b, " to "...)
		b = appendUTC(b, o.WindowTo)
	}
	if o.Count > 0 {
		b = append(b, " · at most "...)
		b = appendCount(b, o.Count, "action", "actions")
	}
	return append(b, '\n')
}

func (r *textRenderer) action(a *schedule.Action, v view, _ []byte) error {
	b := r.buf[:0]
	dst := dstAffected(a)
	if dst {
		r.marked = true
		b = append(b, ' ')
		b = append(b, r.opts.Palette.Marker("!")...)
	} else {
		b = append(b, "  "...)
	}
	b = appendNumber(b, a.Number, 4)
	b = append(b, "  "...)
	b = appendUTC(b, a.Nominal)
	b = append(b, "  "...)
	r.localFmt = a.Local.AppendFormat(r.localFmt[:0], "Mon 2006-01-02 15:04 -07:00")
	b = appendPadRight(b, r.localFmt, 27)
	b = append(b, "  "...)
	if r.first {
		b = appendPadRight(b, []byte("-"), 10)
	} else {
		n := len(b)
		b = appendDuration(b, a.Nominal.Sub(r.prev))
		b = appendPadRight(b[:n], b[n:], 10)
	}
	r.prev = a.Nominal
	b = append(b, "  "...)
	for i, f := range v.flags {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, f...)
	}
	if dst {
		if note := r.notes.about(a.Local); note != "" {
			b = append(b, " · "...)
			b = append(b, note...)
		}
	}
	b = trimRight(b)
	b = append(b, '\n')
	r.key = appendShape(r.key[:0], a)
	if r.first || string(r.key) != string(r.shape) {
		var folded bool
		b, folded = appendDetails(b, a)
		r.folded = r.folded || folded
		r.shape = append(r.shape[:0], r.key...)
	} else if len(a.Inputs)+len(a.Outputs)+len(a.Configuration) > 0 {
		r.elided = true
	}
	r.first = false
	return r.flush(b)
}

// appendShape appends what the details lines summarize, without the values
// that move with every action (URIs, configuration values).
func appendShape(b []byte, a *schedule.Action) []byte {
	for _, evs := range [...][]schedule.Event{a.Inputs, a.Outputs} {
		for i := range evs {
			b = append(b, evs[i].Name...)
			b = append(b, 0)
			b = appendInt(b, len(evs[i].URIs))
			b = append(b, 0)
			b = append(b, evs[i].Unresolved...)
			b = append(b, 1)
		}
		b = append(b, 2)
	}
	for i := range a.Configuration {
		b = append(b, a.Configuration[i].Name...)
		b = append(b, 0)
	}
	return b
}

// foldWidth is the longest configuration value, in characters as written
// (quoted when needed), that the text plan shows on one line. A longer one
// is folded: cut every foldWidth characters, each line but its last ending
// in foldMarker and the next starting at foldIndent (the legend says so).
const foldWidth = 80

// foldMarker ends every line of a folded value but its last.
const foldMarker = " ↩"

// foldIndent indents the continuation lines of a folded value.
const foldIndent = "                 "

// appendDetails appends one line per data-in and data-out and one for the
// configuration, in definition order. folded reports whether a
// configuration value was folded.
func appendDetails(b []byte, a *schedule.Action) (_ []byte, folded bool) {
	for i := range a.Inputs {
		b = appendEvent(b, "in", &a.Inputs[i])
	}
	for i := range a.Outputs {
		b = appendEvent(b, "out", &a.Outputs[i])
	}
	if len(a.Configuration) > 0 {
		b = append(b, "          config "...)
		for i, p := range a.Configuration {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = append(b, p.Name...)
			b = append(b, '=')
			start := len(b)
			b = appendQuoteIfNeeded(b, p.Value)
			if utf8.RuneCount(b[start:]) > foldWidth {
				v := string(b[start:])
				b = appendFolded(b[:start], v)
				folded = true
			}
		}
		b = append(b, '\n')
	}
	return b, folded
}

// appendFolded appends v cut every foldWidth characters (runes), the
// pieces joined by foldMarker, a newline and foldIndent.
func appendFolded(b []byte, v string) []byte {
	n := 0
	for i, c := range v {
		if n > 0 && n%foldWidth == 0 {
			b = append(b, foldMarker...)
			b = append(b, '\n')
			b = append(b, foldIndent...)
		}
		b = append(b, v[i:i+utf8.RuneLen(c)]...)
		n++
	}
	return b
}

// appendEvent appends "in logs: 24 URIs first … last" and the unresolved
// part of a data-in.
func appendEvent(b []byte, dir string, e *schedule.Event) []byte {
	b = append(b, "          "...)
	b = append(b, dir...)
	b = append(b, ' ')
	b = append(b, e.Name...)
	b = append(b, ':')
	switch n := len(e.URIs); n {
	case 0:
		if e.Unresolved == "" {
			b = append(b, " no instances"...)
		}
	case 1:
		b = append(b, ' ')
		b = append(b, e.URIs[0]...)
	default:
		b = append(b, ' ')
		b = appendInt(b, n)
		b = append(b, " URIs "...)
		b = append(b, e.URIs[0]...)
		b = append(b, " … "...)
		b = append(b, e.URIs[n-1]...)
	}
	if e.Unresolved != "" {
		b = append(b, " unresolved until run time: "...)
		b = append(b, e.Unresolved...)
	}
	return append(b, '\n')
}

func (r *textRenderer) endJob(_ *prepared, n int) error {
	if n > 0 {
		return nil
	}
	return r.flush(append(r.buf[:0], "  (no actions)\n"...))
}

func (r *textRenderer) end(s Summary) error {
	b := r.buf[:0]
	if r.jobs > 0 {
		b = append(b, '\n')
	}
	if r.marked {
		b = append(b, r.opts.Palette.Marker("!")...)
		b = append(b, " marks actions affected by a DST transition.\n"...)
	}
	if r.elided {
		b = append(b, "Inputs, outputs and configuration are listed under an action only when they differ in shape from the previous listing.\n"...)
	}
	if r.folded {
		b = append(b, "Configuration values longer than "...)
		b = appendInt(b, foldWidth)
		b = append(b, " characters are folded: a line ending in ↩ goes on in the next one.\n"...)
	}
	b = append(b, "In a plan coord:actualTime() is the nominal time; coord:latest/future inputs resolve at run time.\n"...)
	b = s.appendLine(b)
	b = append(b, '\n')
	return r.flush(b)
}

// appendNumber appends n right-aligned in w columns.
func appendNumber(b []byte, n, w int) []byte {
	start := len(b)
	b = appendInt(b, n)
	if pad := w - (len(b) - start); pad > 0 {
		b = append(b, "        "[:min(pad, 8)]...)
		copy(b[start+pad:], b[start:len(b)-pad])
		copy(b[start:start+pad], "        ")
	}
	return b
}

// appendPadRight appends s and pads it with spaces to w runes. s may alias
// the tail of b's storage only when it starts at len(b).
func appendPadRight(b, s []byte, w int) []byte {
	b = append(b, s...)
	for n := runeCount(s); n < w; n++ {
		b = append(b, ' ')
	}
	return b
}

func runeCount(s []byte) int {
	n := 0
	for _, c := range s {
		if c&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

func trimRight(b []byte) []byte {
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return b
}

// appendQuoteIfNeeded appends s bare when it is non-empty and has no space,
// comma, quote or control character, and Go-quoted otherwise.
func appendQuoteIfNeeded(b []byte, s string) []byte {
	if s == "" {
		return append(b, `""`...)
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c == ',' || c == '"' || c == 0x7f {
			return strconv.AppendQuote(b, s)
		}
	}
	return append(b, s...)
}
