package plan

import (
	"strings"
	"time"

	"github.com/coordc/coordc/lower/schedule"
)

// Bounds of the Mermaid charts: transitions charted, and actions per
// chart (before the first DST-affected action, affected ones, after).
const (
	mermaidMaxCharts   = 12
	mermaidBefore      = 2
	mermaidMaxAffected = 4
	mermaidAfter       = 2
)

// mermaidItem is one action of a chart.
type mermaidItem struct {
	number      int
	local       time.Time
	from, until time.Time
	uris        int
	window      bool
}

// mermaidChart is the actions of one coordinator around one DST transition.
type mermaidChart struct {
	job      string
	timezone string
	day      time.Time // local midnight of the transition day
	note     string
	items    []mermaidItem
	affected int
	after    int // actions still to add after the affected ones
}

// mermaidCharts collects, for each DST transition a coordinator's actions
// meet, the first actions around it: a few before, the first affected
// ones, a few after (the action after a short day reads it). Memory is
// bounded by the caps, not by the number of actions.
type mermaidCharts struct {
	charts  []*mermaidChart
	open    *mermaidChart
	recent  []mermaidItem // the last actions before an affected one
	job     *prepared
	notes   dstNotes
	dropped int // transitions not charted (over mermaidMaxCharts)
}

func (m *mermaidCharts) beginJob(p *prepared) {
	m.job, m.open, m.recent = p, nil, m.recent[:0]
}

func (m *mermaidCharts) action(a *schedule.Action) {
	it := mermaidItem{number: a.Number, local: a.Local}
	it.from, it.until, it.uris, it.window = actionWindow(a)
	t := a.Local
	if dstAffected(a) && m.notes.about(t) != "" {
		day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
		if m.open != nil && m.open.day.Equal(day) {
			if m.open.affected < mermaidMaxAffected {
				m.open.items = append(m.open.items, it)
				m.open.affected++
			}
			m.open.after = mermaidAfter
			return
		}
		if len(m.charts) >= mermaidMaxCharts {
			m.dropped++
			m.open = nil
			return
		}
		c := &mermaidChart{job: m.job.Name, timezone: m.job.Timezone, day: day, note: m.notes.about(t), after: mermaidAfter, affected: 1}
		c.items = append(append(c.items, m.recent...), it)
		m.charts = append(m.charts, c)
		m.open, m.recent = c, m.recent[:0]
		return
	}
	if m.open != nil && m.open.after > 0 {
		m.open.items = append(m.open.items, it)
		m.open.after--
		if m.open.after == 0 {
			m.open = nil
		}
		return
	}
	m.recent = append(m.recent, it)
	if len(m.recent) > mermaidBefore {
		m.recent = append(m.recent[:0], m.recent[1:]...)
	}
}

// appendTo appends the charts as Markdown: one ```mermaid gantt block per
// transition. Bars start at the local wall time and last the real elapsed
// time, so a 23-hour input window is visibly shorter than the others.
func (m *mermaidCharts) appendTo(b []byte) []byte {
	if len(m.charts) == 0 {
		return b
	}
	b = append(b, "\n**Around the DST transitions**: each action's input window (bar, real elapsed time from its local start) and nominal time (milestone, local wall time).\n"...)
	for _, c := range m.charts {
		b = append(b, "\n```mermaid\ngantt\n    title "...)
		title := c.job + " · " + c.timezone + " · " + c.day.Format("2006-01-02")
		if c.note != "" {
			short, _, _ := strings.Cut(c.note, ": ")
			title += " · " + short
		}
		b = append(b, mermaidText(title, false)...)
		b = append(b, "\n    dateFormat YYYY-MM-DDTHH:mm\n    axisFormat %m-%d %H:%M\n    section "...)
		b = append(b, mermaidText(c.job, true)...)
		b = append(b, '\n')
		for _, it := range c.items {
			if it.window {
				b = append(b, "    action "...)
				b = appendInt(b, it.number)
				b = append(b, " inputs "...)
				b = appendDuration(b, it.until.Sub(it.from))
				b = append(b, ", "...)
				b = appendCount(b, it.uris, "URI", "URIs")
				b = append(b, " :"...)
				b = appendWall(b, it.from.In(c.day.Location()))
				b = append(b, ", "...)
				b = appendInt(b, int(it.until.Sub(it.from)/time.Minute))
				b = append(b, "m\n"...)
			}
			b = append(b, "    action "...)
			b = appendInt(b, it.number)
			b = append(b, " at "...)
			b = it.local.AppendFormat(b, "15h04 -07")
			b = append(b, " :milestone, "...)
			b = appendWall(b, it.local)
			b = append(b, ", 0m\n"...)
		}
		b = append(b, "```\n"...)
	}
	if m.dropped > 0 {
		b = append(b, "\n… "...)
		b = appendCount(b, m.dropped, "more DST transition", "more DST transitions")
		b = append(b, " not charted\n"...)
	}
	return b
}

// mermaidText removes what Mermaid's gantt syntax reads as structure:
// "#" and ";" everywhere, ":" in section and task names, newlines.
func mermaidText(s string, name bool) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '#', ';', '\n', '\r':
			return ' '
		case ':':
			if name {
				return ' '
			}
		}
		return r
	}, s)
}
