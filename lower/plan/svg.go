package plan

import (
	"bufio"
	"html"
	"strconv"
	"time"

	"github.com/coordc/coordc/lower/schedule"
)

// svgDetailLimit is the number of actions per lane the SVG draws one by
// one; a lane with more is drawn as a histogram of actions per local day
// (or week), so memory and size do not grow with the number of actions.
const svgDetailLimit = 800

// Geometry of the SVG timeline, in pixels.
const (
	svgWidth     = 1200.0
	svgLeft      = 210.0 // lane labels
	svgRight     = 24.0
	svgTop       = 58.0
	svgLaneH     = 96.0
	svgLegendH   = 70.0
	svgPlotWidth = svgWidth - svgLeft - svgRight
)

// svgItem is one action as the SVG draws it.
type svgItem struct {
	number      int
	nominal     time.Time
	local       time.Time
	from, until time.Time
	uris        int
	hasWindow   bool
	bits        flagBits
	change      string
	oldNominal  time.Time // shifted
	pins        []int     // indexes into the lane's pins
	id          string
}

// svgBin counts the actions of one local day.
type svgBin struct {
	day, next time.Time
	count     int
	dst       int
	changed   int
}

// svgLane is one coordinator of the SVG.
type svgLane struct {
	p        *prepared
	loc      *time.Location
	items    []svgItem
	bins     []svgBin
	n        int
	pins     []Pin
	pinCount []int
	span
	changes []*Change
	removed []removedMark
}

// removedMark is a snapshot action the new plan no longer has.
type removedMark struct {
	id string
	at time.Time // its old nominal time
}

// svgRenderer draws the plan as one static, deterministic SVG document.
// It keeps at most svgDetailLimit actions per lane (then per-day counts)
// and writes everything at the end, when the time range is known.
type svgRenderer struct {
	bw    *bufio.Writer
	opts  Options
	lanes []*svgLane
	cur   *svgLane
	x     *changeIndex
}

func newSVGRenderer(bw *bufio.Writer, opts Options) *svgRenderer {
	return &svgRenderer{bw: bw, opts: opts, x: newChangeIndex(opts.Changes)}
}

func (r *svgRenderer) beginJob(p *prepared) error {
	loc := jobZone(p)
	l := &svgLane{p: p, loc: loc, pins: pinsFor(r.opts.Pins, p.Name)}
	l.pinCount = make([]int, len(l.pins))
	l.changes = r.x.coord[p.slug]
	for _, c := range r.x.removed[p.slug] {
		if t, err := parseUTC(c.OldNominalTime); err == nil {
			l.removed = append(l.removed, removedMark{c.ID, t})
			l.widen(t, t)
		}
	}
	r.lanes = append(r.lanes, l)
	r.cur = l
	return nil
}

func (r *svgRenderer) action(a *schedule.Action, v view, id []byte) error {
	l := r.cur
	l.n++
	it := svgItem{number: a.Number, nominal: a.Nominal.UTC(), local: a.Local, bits: bitsOf(v.flags)}
	it.from, it.until, it.uris, it.hasWindow = actionWindow(a)
	l.widen(it.nominal, it.nominal)
	if it.hasWindow {
		l.widen(it.from, it.until)
	}
	if c := r.x.byID[string(id)]; c != nil {
		it.change = c.Kind
		if c.Kind == ChangeShifted {
			if t, err := parseUTC(c.OldNominalTime); err == nil {
				it.oldNominal = t
				l.widen(t, t)
			}
		}
	}
	for i := range l.pins {
		if l.pinCount[i] < pinLimit && pinApplies(&l.pins[i], v.flags, l.n == 1) {
			it.pins = append(it.pins, i)
			l.pinCount[i]++
		}
	}
	if l.bins == nil && len(l.items) < svgDetailLimit {
		it.id = string(id)
		l.items = append(l.items, it)
		return nil
	}
	if l.bins == nil {
		for i := range l.items {
			l.bin(&l.items[i])
		}
		l.items = nil
	}
	l.bin(&it)
	return nil
}

// bin counts it in its local day's bin (actions come in time order).
func (l *svgLane) bin(it *svgItem) {
	t := it.nominal.In(l.loc)
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, l.loc)
	if n := len(l.bins); n == 0 || !l.bins[n-1].day.Equal(day) {
		l.bins = append(l.bins, svgBin{day: day, next: time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, l.loc)})
	}
	b := &l.bins[len(l.bins)-1]
	b.count++
	if it.bits&dstBits != 0 {
		b.dst++
	}
	if it.change != "" {
		b.changed++
	}
}

func (r *svgRenderer) endJob(*prepared, int) error { return nil }

// svgScale maps instants to x coordinates.
type svgScale struct {
	t0, t1 int64 // Unix seconds
}

func (s svgScale) x(t time.Time) float64 {
	return svgLeft + svgPlotWidth*float64(t.Unix()-s.t0)/float64(s.t1-s.t0)
}

func (r *svgRenderer) end(s Summary) error {
	var sc svgScale
	seen := false
	for _, l := range r.lanes {
		if !l.seen {
			continue
		}
		if !seen || l.first.Unix() < sc.t0 {
			sc.t0 = l.first.Unix()
		}
		if !seen || l.last.Unix() > sc.t1 {
			sc.t1 = l.last.Unix()
		}
		seen = true
	}
	if !seen {
		sc.t0, sc.t1 = 0, 86400
	}
	pad := (sc.t1 - sc.t0) / 50
	if pad < 3600 {
		pad = 3600
	}
	sc.t0 -= pad
	sc.t1 += pad
	height := svgTop + svgLaneH*float64(len(r.lanes)) + svgLegendH
	b := make([]byte, 0, 64<<10)
	b = append(b, `<svg xmlns="http://www.w3.org/2000/svg" class="coordc-timeline" width="`...)
	b = appendF(b, svgWidth)
	b = append(b, `" height="`...)
	b = appendF(b, height)
	b = append(b, `" viewBox="0 0 `...)
	b = appendF(b, svgWidth)
	b = append(b, ' ')
	b = appendF(b, height)
	b = append(b, `" font-family="sans-serif" font-size="11">`+"\n"...)
	b = append(b, svgStyle...)
	b = append(b, svgDefs...)
	b = append(b, `<rect class="bg" x="0" y="0" width="100%" height="100%"/>`+"\n"...)
	b = append(b, `<text class="title" x="12" y="22">`...)
	b = appendText(b, r.title(s))
	b = append(b, "</text>\n"...)
	b = append(b, `<text class="sub" x="12" y="40">`...)
	b = appendText(b, r.subtitle())
	b = append(b, "</text>\n"...)
	laneY := map[string]float64{}
	for i, l := range r.lanes {
		y := svgTop + svgLaneH*float64(i)
		laneY[l.p.Name] = y
		b = r.lane(b, l, i, y, sc)
		if err := r.flush(&b); err != nil {
			return err
		}
	}
	for _, ln := range r.opts.Links {
		py, okp := laneY[ln.Producer]
		cy, okc := laneY[ln.Consumer]
		if !okp || !okc || ln.Producer == ln.Consumer {
			continue
		}
		b = appendLink(b, ln, py+svgLaneH/2, cy+svgLaneH/2)
	}
	b = appendLegend(b, height-svgLegendH+24)
	b = append(b, "</svg>\n"...)
	return r.flush(&b)
}

func (r *svgRenderer) flush(b *[]byte) error {
	_, err := r.bw.Write(*b)
	*b = (*b)[:0]
	return err
}

func (r *svgRenderer) title(s Summary) string {
	t := "coordc plan · "
	t += string(appendCount(nil, s.Coordinators, "coordinator", "coordinators")) + " · "
	t += string(appendCount(nil, s.Actions, "action", "actions"))
	if s.DSTDays > 0 {
		t += " · " + strconv.Itoa(s.DSTDays) + " on DST-transition days"
	}
	if r.opts.diffing {
		var ds DiffSummary
		for _, c := range r.opts.Changes {
			switch c.Kind {
			case ChangeAdded:
				ds.Added++
			case ChangeRemoved:
				ds.Removed++
			case ChangeShifted:
				ds.Shifted++
			case ChangeChanged:
				ds.Changed++
			}
		}
		t += " · " + string(ds.appendLine(nil))
	}
	return t
}

func (r *svgRenderer) subtitle() string {
	var parts []string
	if r.opts.TZDataVersion != "" {
		parts = append(parts, "tzdata "+r.opts.TZDataVersion)
	}
	if w := string(appendWindow(nil, r.opts)); w != "" {
		parts = append(parts, w)
	}
	parts = append(parts, "times in each coordinator's local time; grid lines are local midnights")
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += " · "
		}
		out += p
	}
	return out
}

// lane draws one coordinator's lane with its top at y.
func (r *svgRenderer) lane(b []byte, l *svgLane, i int, y float64, sc svgScale) []byte {
	b = append(b, `<g class="lane" data-name="`...)
	b = appendAttr(b, l.p.Name)
	b = append(b, `" data-timezone="`...)
	b = appendAttr(b, l.p.Timezone)
	b = append(b, `" data-actions="`...)
	b = strconv.AppendInt(b, int64(l.n), 10)
	b = append(b, `">`+"\n"...)
	cls := "lane-bg"
	if i%2 == 1 {
		cls = "lane-bg odd"
	}
	b = appendRect(b, cls, 0, y, svgWidth, svgLaneH, "")
	b = appendTextAt(b, "lane-name", 12, y+20, l.p.Name)
	b = appendTextAt(b, "lane-info", 12, y+36, l.p.Timezone)
	b = appendTextAt(b, "lane-info", 12, y+50, l.p.frequency)
	b = appendTextAt(b, "lane-info", 12, y+64, string(appendCount(nil, l.n, "action", "actions")))
	for k, c := range l.changes {
		b = append(b, `<g class="lane-change `...)
		b = append(b, c.Kind...)
		b = append(b, `"><title>`...)
		b = appendText(b, describeChange(c))
		b = append(b, `</title>`...)
		b = appendTextAt(b, "lane-change", 12, y+80+float64(k)*12, changeLabel(c))
		b = append(b, "</g>\n"...)
	}
	t0, t1 := time.Unix(sc.t0, 0), time.Unix(sc.t1, 0)
	// DST transitions: the local day shaded, named above.
	for _, tr := range transitions(l.loc, t0, t1) {
		x0, x1 := clampX(sc.x(tr.Day)), clampX(sc.x(tr.NextDay))
		b = append(b, `<rect class="dst" data-name="`...)
		b = appendAttr(b, tr.Name)
		b = append(b, `" x="`...)
		b = appendF(b, x0)
		b = append(b, `" y="`...)
		b = appendF(b, y)
		b = append(b, `" width="`...)
		b = appendF(b, x1-x0)
		b = append(b, `" height="`...)
		b = appendF(b, svgLaneH)
		b = append(b, `"><title>`...)
		b = appendText(b, tr.Day.Format("2006-01-02")+" "+tr.Name+": "+tr.Note)
		b = append(b, "</title></rect>\n"...)
		xa := clampX(sc.x(tr.At))
		b = appendLine(b, "dst-at", xa, y, xa, y+svgLaneH)
		b = appendTextAt(b, "dst-name", xa+3, y+svgLaneH-6, tr.Name+" "+tr.Day.Format("Jan 2"))
	}
	b = r.grid(b, l, y, sc)
	if l.bins != nil {
		return append(r.histogram(b, l, y, sc), "</g>\n"...)
	}
	for _, rm := range l.removed {
		b = append(b, `<g class="action diff-removed" data-id="`...)
		b = appendAttr(b, rm.id)
		b = append(b, `"><title>removed `...)
		b = appendText(b, rm.id)
		b = append(b, `</title>`...)
		b = appendCircle(b, "marker removed", sc.x(rm.at), y+36, 4.5)
		b = append(b, "</g>\n"...)
	}
	for k := range l.items {
		b = r.item(b, l, &l.items[k], y, sc)
	}
	return append(b, "</g>\n"...)
}

// grid draws local midnights (or month starts when days are too narrow).
func (r *svgRenderer) grid(b []byte, l *svgLane, y float64, sc svgScale) []byte {
	perDay := svgPlotWidth * 86400 / float64(sc.t1-sc.t0)
	t := time.Unix(sc.t0, 0).In(l.loc)
	cur := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, l.loc)
	monthly := perDay < 6
	if monthly {
		cur = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, l.loc)
	}
	for n := 0; cur.Unix() <= sc.t1 && n < 2000; n++ {
		x := sc.x(cur)
		var next time.Time
		if monthly {
			next = time.Date(cur.Year(), cur.Month()+1, 1, 0, 0, 0, 0, l.loc)
		} else {
			next = time.Date(cur.Year(), cur.Month(), cur.Day()+1, 0, 0, 0, 0, l.loc)
		}
		if x >= svgLeft {
			b = appendLine(b, "grid", x, y, x, y+svgLaneH)
			label := ""
			switch {
			case monthly && (cur.Month() == time.January || perDay*30 > 40):
				label = cur.Format("Jan 2006")
			case !monthly && perDay >= 34:
				label = cur.Format("Mon 02")
			case !monthly && perDay >= 14 && cur.Weekday() == time.Monday:
				label = cur.Format("Jan 02")
			case !monthly && perDay < 14 && cur.Day() == 1:
				label = cur.Format("Jan 2006")
			}
			if label != "" {
				b = appendTextAt(b, "day", x+2, y+11, label)
			}
		}
		cur = next
	}
	return b
}

// item draws one action: its input window as a bar, its nominal time as a
// marker, diff and pin marks.
func (r *svgRenderer) item(b []byte, l *svgLane, it *svgItem, y float64, sc svgScale) []byte {
	x := sc.x(it.nominal)
	b = append(b, `<g class="action`...)
	if it.change != "" {
		b = append(b, " diff-"...)
		b = append(b, it.change...)
	}
	if it.bits&dstBits != 0 {
		b = append(b, " dst-affected"...)
	}
	b = append(b, `" data-id="`...)
	b = appendAttr(b, it.id)
	b = append(b, `" data-number="`...)
	b = strconv.AppendInt(b, int64(it.number), 10)
	b = append(b, `"><title>`...)
	tip := make([]byte, 0, 160)
	tip = append(tip, it.id...)
	tip = append(tip, " · #"...)
	tip = strconv.AppendInt(tip, int64(it.number), 10)
	tip = append(tip, " · "...)
	tip = it.local.AppendFormat(tip, "Mon 2006-01-02 15:04 -07:00")
	if it.hasWindow {
		tip = append(tip, " · inputs "...)
		tip = appendDuration(tip, it.until.Sub(it.from))
		tip = append(tip, ", "...)
		tip = appendCount(tip, it.uris, "URI", "URIs")
	}
	if it.change != "" {
		tip = append(tip, " · "...)
		tip = append(tip, it.change...)
	}
	b = appendText(b, string(tip))
	b = append(b, "</title>"...)
	if it.hasWindow {
		row := float64(it.number % 3)
		x0, x1 := sc.x(it.from), sc.x(it.until)
		wy := y + 50 + row*12
		cls := "window"
		if d := it.until.Sub(it.from); d%(24*time.Hour) != 0 && d%time.Hour == 0 && d > 12*time.Hour {
			cls = "window odd-length"
		}
		b = append(b, `<rect class="`...)
		b = append(b, cls...)
		b = append(b, `" data-uris="`...)
		b = strconv.AppendInt(b, int64(it.uris), 10)
		b = append(b, `" x="`...)
		b = appendF(b, x0+0.5)
		b = append(b, `" y="`...)
		b = appendF(b, wy)
		b = append(b, `" width="`...)
		b = appendF(b, max(x1-x0-1, 1))
		b = append(b, `" height="9" rx="2"/>`...)
		if x1-x0 > 44 {
			lbl := appendDuration(nil, it.until.Sub(it.from))
			lbl = append(lbl, " · "...)
			lbl = strconv.AppendInt(lbl, int64(it.uris), 10)
			b = appendTextAt(b, "window-label", x0+3, wy+8, string(lbl))
		}
	}
	if it.change == ChangeShifted && !it.oldNominal.IsZero() {
		ox := sc.x(it.oldNominal)
		b = appendLine(b, "shift", ox, y+36, x, y+36)
		b = appendCircle(b, "marker ghost", ox, y+36, 3.5)
	}
	cls := "marker"
	switch {
	case it.bits&bitGap != 0:
		cls = "marker gap"
	case it.bits&bitOverlap != 0:
		cls = "marker overlap"
	case it.bits&dstBits != 0:
		cls = "marker on-dst"
	case it.bits&bitClamped != 0:
		cls = "marker clamped"
	}
	b = appendCircle(b, cls, x, y+36, 4)
	for k, pi := range it.pins {
		p := &l.pins[pi]
		py := y + 24 - float64(k)*9
		b = append(b, `<g class="pin `...)
		b = appendAttr(b, p.Severity)
		b = append(b, `" data-rule="`...)
		b = appendAttr(b, p.Rule)
		b = append(b, `"><title>`...)
		b = appendText(b, p.Rule+" "+p.Severity+": "+p.Message+" ("+p.Where+")")
		b = append(b, `</title>`...)
		b = appendLine(b, "pin-stem", x, py, x, y+32)
		b = appendTextAt(b, "pin-label", x+2, py, "⚑"+p.Rule)
		b = append(b, "</g>"...)
	}
	return append(b, "</g>\n"...)
}

// histogram draws a lane with too many actions as bars of actions per
// local day, or per 7 days when days are narrower than 2 px.
func (r *svgRenderer) histogram(b []byte, l *svgLane, y float64, sc svgScale) []byte {
	perDay := svgPlotWidth * 86400 / float64(sc.t1-sc.t0)
	group := 1
	if perDay < 2 {
		group = 7
	}
	type agg struct {
		from, to            time.Time
		count, dst, changed int
	}
	var aggs []agg
	peak := 1
	for i := 0; i < len(l.bins); i += group {
		j := min(i+group, len(l.bins))
		a := agg{from: l.bins[i].day, to: l.bins[j-1].next}
		for _, bn := range l.bins[i:j] {
			a.count += bn.count
			a.dst += bn.dst
			a.changed += bn.changed
		}
		peak = max(peak, a.count)
		aggs = append(aggs, a)
	}
	unit := "day"
	if group == 7 {
		unit = "week"
	}
	b = appendTextAt(b, "lane-info", 12, y+78, "bars: actions per "+unit)
	b = append(b, `<g class="histogram" data-unit="`...)
	b = append(b, unit...)
	b = append(b, `">`+"\n"...)
	for _, a := range aggs {
		x0, x1 := sc.x(a.from), sc.x(a.to)
		h := 60 * float64(a.count) / float64(peak)
		cls := "bin"
		if a.dst > 0 {
			cls = "bin dst-affected"
		}
		if a.changed > 0 {
			cls += " diff-changed"
		}
		b = append(b, `<rect class="`...)
		b = append(b, cls...)
		b = append(b, `" data-count="`...)
		b = strconv.AppendInt(b, int64(a.count), 10)
		b = append(b, `" x="`...)
		b = appendF(b, x0)
		b = append(b, `" y="`...)
		b = appendF(b, y+svgLaneH-8-h)
		b = append(b, `" width="`...)
		b = appendF(b, max(x1-x0-0.3, 0.3))
		b = append(b, `" height="`...)
		b = appendF(b, h)
		b = append(b, `"><title>`...)
		b = appendText(b, a.from.Format("2006-01-02")+": "+string(appendCount(nil, a.count, "action", "actions")))
		b = append(b, "</title></rect>\n"...)
	}
	return append(b, "</g>\n"...)
}

func appendLink(b []byte, ln Link, y0, y1 float64) []byte {
	x := svgLeft - 14
	b = append(b, `<g class="link" data-producer="`...)
	b = appendAttr(b, ln.Producer)
	b = append(b, `" data-consumer="`...)
	b = appendAttr(b, ln.Consumer)
	b = append(b, `"><title>`...)
	b = appendText(b, ln.Producer+" writes "+ln.Dataset+", which "+ln.Consumer+" reads")
	b = append(b, `</title><path class="link-path" d="M`...)
	b = appendF(b, x)
	b = append(b, ' ')
	b = appendF(b, y0)
	b = append(b, " C"...)
	b = appendF(b, x+10)
	b = append(b, ' ')
	b = appendF(b, y0)
	b = append(b, ' ')
	b = appendF(b, x+10)
	b = append(b, ' ')
	b = appendF(b, y1)
	b = append(b, ' ')
	b = appendF(b, x)
	b = append(b, ' ')
	b = appendF(b, y1)
	b = append(b, `" marker-end="url(#arrow)"/>`...)
	b = appendTextAt(b, "link-label", x-2, (y0+y1)/2, ln.Dataset)
	return append(b, "</g>\n"...)
}

func appendLegend(b []byte, y float64) []byte {
	b = append(b, `<g class="legend">`+"\n"...)
	x := 12.0
	items := []struct{ cls, label string }{
		{"marker", "action (nominal time)"},
		{"marker on-dst", "on a DST-transition day"},
		{"marker gap", "moved out of a DST gap"},
		{"window", "input window (duration · URIs)"},
		{"dst", "DST transition day"},
		{"diff-added", "added"}, {"diff-removed", "removed"}, {"diff-shifted", "shifted"}, {"diff-changed", "changed"},
	}
	for i, it := range items {
		if i == 5 {
			x, y = 12, y+20
		}
		switch it.cls {
		case "window":
			b = appendRect(b, "window", x, y-8, 22, 9, "")
		case "dst":
			b = appendRect(b, "dst", x, y-10, 22, 12, "")
		case "diff-added", "diff-removed", "diff-shifted", "diff-changed":
			b = append(b, `<g class="`+it.cls+`">`...)
			b = appendCircle(b, "marker", x+10, y-4, 4)
			b = append(b, "</g>"...)
		default:
			b = appendCircle(b, it.cls, x+10, y-4, 4)
		}
		b = appendTextAt(b, "legend-label", x+28, y, it.label)
		x += 34 + 6.2*float64(len(it.label))
	}
	return append(b, "</g>\n"...)
}

// svgDefs are the shapes the SVG refers to: the arrowhead of links.
const svgDefs = `<defs><marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L8 4L0 8z" fill="#2f855a"/></marker></defs>
`

// svgStyle is the SVG's embedded style sheet (no external assets).
const svgStyle = `<style>
.bg{fill:#fff}.title{font-size:15px;font-weight:bold;fill:#111}.sub{fill:#555}
.lane-bg{fill:#f7f8fa}.lane-bg.odd{fill:#eef1f5}.lane-name{font-weight:bold;font-size:13px;fill:#111}
.lane-info{fill:#555}.lane-change{fill:#7a3dbf;font-weight:bold}
.grid{stroke:#cfd5dd;stroke-width:1}.day{fill:#6b7280;font-size:10px}
.dst{fill:#fbd38d;fill-opacity:.55}.dst-at{stroke:#dd6b20;stroke-width:1.5;stroke-dasharray:3 2}.dst-name{fill:#9c4221;font-size:10px;font-weight:bold}
.window{fill:#4a90d9;fill-opacity:.75}.window.odd-length{fill:#dd6b20}.window-label{fill:#fff;font-size:9px}
.marker{fill:#1f4e8c;stroke:#fff;stroke-width:1}.marker.on-dst{fill:#dd6b20}.marker.gap{fill:#c53030}.marker.overlap{fill:#b7791f}.marker.clamped{fill:#6b46c1}
.marker.ghost,.marker.removed{fill:none;stroke:#c53030;stroke-width:1.5;stroke-dasharray:2 1}
.diff-added .marker{fill:#2f855a;stroke:#2f855a;stroke-width:3}.diff-shifted .marker{fill:#d69e2e;stroke:#d69e2e;stroke-width:3}
.diff-changed .marker{fill:#7a3dbf;stroke:#7a3dbf;stroke-width:3}.diff-removed .marker{fill:none;stroke:#c53030;stroke-width:2}
.shift{stroke:#d69e2e;stroke-width:1.5}
.pin-stem{stroke:#9b2c2c;stroke-width:1}.pin-label{fill:#9b2c2c;font-size:9px;font-weight:bold}.pin.info .pin-label{fill:#2c5282}.pin.info .pin-stem{stroke:#2c5282}
.bin{fill:#4a90d9}.bin.dst-affected{fill:#dd6b20}.bin.diff-changed{stroke:#7a3dbf}
.link-path{fill:none;stroke:#2f855a;stroke-width:1.5}.link-label{fill:#2f855a;font-size:9px;text-anchor:end}
.legend-label{fill:#333}
</style>
`

func clampX(x float64) float64 {
	return min(max(x, svgLeft), svgWidth-svgRight)
}

// appendF appends x rounded to one decimal, without a trailing ".0".
func appendF(b []byte, x float64) []byte {
	v := strconv.AppendFloat(nil, x, 'f', 1, 64)
	if n := len(v); n >= 2 && v[n-2] == '.' && v[n-1] == '0' {
		v = v[:n-2]
	}
	if string(v) == "-0" {
		v = v[1:]
	}
	return append(b, v...)
}

func appendText(b []byte, s string) []byte { return append(b, html.EscapeString(s)...) }

func appendAttr(b []byte, s string) []byte { return append(b, html.EscapeString(s)...) }

func appendTextAt(b []byte, cls string, x, y float64, s string) []byte {
	b = append(b, `<text class="`...)
	b = append(b, cls...)
	b = append(b, `" x="`...)
	b = appendF(b, x)
	b = append(b, `" y="`...)
	b = appendF(b, y)
	b = append(b, `">`...)
	b = appendText(b, s)
	return append(b, "</text>\n"...)
}

func appendRect(b []byte, cls string, x, y, w, h float64, extra string) []byte {
	b = append(b, `<rect class="`...)
	b = append(b, cls...)
	b = append(b, `" x="`...)
	b = appendF(b, x)
	b = append(b, `" y="`...)
	b = appendF(b, y)
	b = append(b, `" width="`...)
	b = appendF(b, w)
	b = append(b, `" height="`...)
	b = appendF(b, h)
	b = append(b, '"')
	b = append(b, extra...)
	return append(b, "/>\n"...)
}

func appendLine(b []byte, cls string, x0, y0, x1, y1 float64) []byte {
	b = append(b, `<line class="`...)
	b = append(b, cls...)
	b = append(b, `" x1="`...)
	b = appendF(b, x0)
	b = append(b, `" y1="`...)
	b = appendF(b, y0)
	b = append(b, `" x2="`...)
	b = appendF(b, x1)
	b = append(b, `" y2="`...)
	b = appendF(b, y1)
	return append(b, `"/>`+"\n"...)
}

func appendCircle(b []byte, cls string, x, y, rad float64) []byte {
	b = append(b, `<circle class="`...)
	b = append(b, cls...)
	b = append(b, `" cx="`...)
	b = appendF(b, x)
	b = append(b, `" cy="`...)
	b = appendF(b, y)
	b = append(b, `" r="`...)
	b = appendF(b, rad)
	return append(b, `"/>`...)
}

// parseUTC parses a plan time (yyyy-MM-ddTHH:mm[:ss]Z).
func parseUTC(s string) (time.Time, error) {
	if t, err := time.Parse("2006-01-02T15:04Z", s); err == nil {
		return t, nil
	}
	return time.Parse("2006-01-02T15:04:05Z", s)
}
