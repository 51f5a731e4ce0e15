package plan

import (
	"bufio"
	_ "embed"
	"strconv"
	"strings"
	"time"

	"github.com/coordc/coordc/lower/schedule"
)

// The page's script and style sheet, embedded so the page needs nothing
// from the network.
var (
	//go:embed timeline.js
	timelineJS string
	//go:embed timeline.css
	timelineCSS string
)

// htmlChunk is the number of actions per <script> data block: the page
// parses the plan block by block, and the writer holds one block at most.
const htmlChunk = 2000

// htmlRenderer writes one self-contained page: a header, then each lane's
// description and its actions as JSON data blocks, streamed as they come
// (memory does not grow with the number of actions), then what is only
// known at the end (DST transitions over the lanes' ranges, pins, the
// diff's removed actions, the summary), then the script that draws the
// timeline. The page loads nothing from the network.
type htmlRenderer struct {
	bw   *bufio.Writer
	opts Options
	x    *changeIndex
	b    []byte

	lane      int
	inChunk   int // actions in the open data block
	n         int // actions of the current lane
	span          // of the current lane
	laneEnds  [][2]time.Time
	laneLocs  []*time.Location
	lanePins  [][]int // indexes into opts.Pins, per lane
	pinCount  []int
	laneNames []string
	laneSlugs []string
}

func newHTMLRenderer(bw *bufio.Writer, opts Options) *htmlRenderer {
	r := &htmlRenderer{bw: bw, opts: opts, x: newChangeIndex(opts.Changes), lane: -1, pinCount: make([]int, len(opts.Pins))}
	b := append([]byte(nil), "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>coordc plan</title>\n<style>\n"...)
	b = append(b, strings.TrimSuffix(strings.TrimPrefix(svgStyle, "<style>\n"), "</style>\n")...)
	b = append(b, timelineCSS...)
	b = append(b, "</style>\n</head>\n<body>\n"...)
	b = append(b, htmlBody...)
	r.b = b
	return r
}

// htmlBody is the page's static markup; the script fills it.
const htmlBody = `<header><h1 id="title">coordc plan</h1><p id="subtitle"></p></header>
<nav id="toolbar">
<button type="button" id="zoom-in" title="Zoom in (+)">+</button>
<button type="button" id="zoom-out" title="Zoom out (−)">−</button>
<button type="button" id="zoom-fit" title="Show everything (0)">fit</button>
<span id="range"></span> <span id="mode"></span>
</nav>
<main><div id="view"><svg id="timeline" xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="11"></svg></div>
<aside id="details"><p class="hint">Click an action for its URIs and configuration. Scroll to zoom, drag to pan.</p></aside></main>
<noscript><p>This page draws the plan with JavaScript; the data is in the page's source.</p></noscript>
`

func (r *htmlRenderer) flush() error {
	_, err := r.bw.Write(r.b)
	r.b = r.b[:0]
	return err
}

func (r *htmlRenderer) beginJob(p *prepared) error {
	r.lane++
	loc := jobZone(p)
	r.span = span{}
	r.laneLocs = append(r.laneLocs, loc)
	r.laneNames = append(r.laneNames, p.Name)
	r.laneSlugs = append(r.laneSlugs, p.slug)
	var pins []int
	for i := range r.opts.Pins {
		if r.opts.Pins[i].Coordinator == p.Name {
			pins = append(pins, i)
		}
	}
	r.lanePins = append(r.lanePins, pins)
	b := append(r.b, `<script type="application/json" class="coordc-lane">{"name":`...)
	b = appendJSONString(b, p.Name)
	b = append(b, `,"timezone":`...)
	b = appendJSONString(b, p.Timezone)
	b = append(b, `,"frequency":`...)
	b = appendJSONString(b, p.frequency)
	b = append(b, `,"description":`...)
	b = appendJSONString(b, p.FrequencyDescription)
	b = append(b, `,"start":`...)
	b = appendJSONString(b, formatUTC(p.Start))
	b = append(b, `,"end":`...)
	b = appendJSONString(b, formatUTC(p.End))
	b = append(b, "}</script>\n"...)
	r.b = b
	r.inChunk, r.n = 0, 0
	for _, c := range r.x.removed[p.slug] {
		if t, err := parseUTC(c.OldNominalTime); err == nil {
			r.widen(t, t)
		}
	}
	return r.flush()
}

// action appends one record: [number, id, nominal (Unix s), UTC offset (s),
// flag bits, window from, window until (0 without inputs), URIs, change
// kind, old nominal (shifted), [pin…], [flag…], [[data-in, [uri…],
// unresolved]…], [[data-out, [uri…]]…], [[name, value]…]].
func (r *htmlRenderer) action(a *schedule.Action, v view, id []byte) error {
	b := r.b
	if r.inChunk == 0 {
		b = append(b, `<script type="application/json" class="coordc-actions">[`...)
	} else {
		b = append(b, ",\n"...)
	}
	r.inChunk++
	r.n++
	_, off := a.Local.Zone()
	from, until, uris, ok := actionWindow(a)
	r.widen(a.Nominal, a.Nominal)
	if ok {
		r.widen(from, until)
	}
	b = append(b, '[')
	b = appendInt(b, a.Number)
	b = append(b, ',')
	b = appendJSONString(b, string(id))
	b = append(b, ',')
	b = strconv.AppendInt(b, a.Nominal.Unix(), 10)
	b = append(b, ',')
	b = appendInt(b, off)
	b = append(b, ',')
	b = appendInt(b, int(bitsOf(v.flags)))
	b = append(b, ',')
	if ok {
		b = strconv.AppendInt(b, from.Unix(), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, until.Unix(), 10)
	} else {
		b = append(b, "0,0"...)
	}
	b = append(b, ',')
	b = appendInt(b, uris)
	b = append(b, ',')
	var old int64
	kind := ""
	if c := r.x.byID[string(id)]; c != nil {
		kind = c.Kind
		if t, err := parseUTC(c.OldNominalTime); err == nil && c.Kind == ChangeShifted {
			old = t.Unix()
			r.widen(t, t)
		}
	}
	b = appendJSONString(b, kind)
	b = append(b, ',')
	b = strconv.AppendInt(b, old, 10)
	b = append(b, ",["...)
	sep := false
	for _, pi := range r.lanePins[r.lane] {
		if r.pinCount[pi] < pinLimit && pinApplies(&r.opts.Pins[pi], v.flags, r.n == 1) {
			r.pinCount[pi]++
			if sep {
				b = append(b, ',')
			}
			b = appendInt(b, pi)
			sep = true
		}
	}
	b = append(b, "],["...)
	b = appendCompactStrings(b, v.flags)
	b = append(b, "],["...)
	b = appendCompactEvents(b, a.Inputs, v.inputs, true)
	b = append(b, "],["...)
	b = appendCompactEvents(b, a.Outputs, v.outputs, false)
	b = append(b, "],["...)
	for k, i := range v.config {
		p := &a.Configuration[i]
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendJSONString(b, p.Name)
		b = append(b, ',')
		b = appendJSONString(b, p.Value)
		b = append(b, ']')
	}
	b = append(b, "]]"...)
	r.b = b
	if r.inChunk == htmlChunk {
		r.b = append(r.b, "]</script>\n"...)
		r.inChunk = 0
		return r.flush()
	}
	if len(r.b) > 64<<10 {
		return r.flush()
	}
	return nil
}

// appendCompactStrings appends items as JSON strings separated by commas.
func appendCompactStrings(b []byte, items []string) []byte {
	for i, s := range items {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return b
}

// appendCompactEvents appends [name, [uri…]] (and the unresolved text when
// withUnresolved) for evs in the order of idx, separated by commas.
func appendCompactEvents(b []byte, evs []schedule.Event, idx []int, withUnresolved bool) []byte {
	for k, i := range idx {
		ev := &evs[i]
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendJSONString(b, ev.Name)
		b = append(b, ",["...)
		b = appendCompactStrings(b, ev.URIs)
		b = append(b, ']')
		if withUnresolved {
			b = append(b, ',')
			b = appendJSONString(b, ev.Unresolved)
		}
		b = append(b, ']')
	}
	return b
}

func (r *htmlRenderer) endJob(*prepared, int) error {
	if r.inChunk > 0 {
		r.b = append(r.b, "]</script>\n"...)
	}
	r.inChunk = 0
	r.laneEnds = append(r.laneEnds, [2]time.Time{r.first, r.last})
	if !r.seen {
		r.laneEnds[len(r.laneEnds)-1] = [2]time.Time{}
	}
	return r.flush()
}

// end writes the metadata block and the script.
func (r *htmlRenderer) end(s Summary) error {
	b := append(r.b, `<script type="application/json" id="coordc-meta">{"summary":{"actions":`...)
	b = appendInt(b, s.Actions)
	b = append(b, `,"coordinators":`...)
	b = appendInt(b, s.Coordinators)
	b = append(b, `,"dst_days":`...)
	b = appendInt(b, s.DSTDays)
	b = append(b, `,"unresolved":`...)
	b = appendInt(b, s.Unresolved)
	b = append(b, `},"tzdata":`...)
	b = appendJSONString(b, r.opts.TZDataVersion)
	b = append(b, `,"window":`...)
	b = appendJSONString(b, strings.TrimSpace(string(appendWindow(nil, r.opts))))
	b = append(b, `,"diff":`...)
	b = strconv.AppendBool(b, r.opts.diffing)
	b = append(b, `,"pins":[`...)
	for i, p := range r.opts.Pins {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"coordinator":`...)
		b = appendJSONString(b, p.Coordinator)
		b = append(b, `,"rule":`...)
		b = appendJSONString(b, p.Rule)
		b = append(b, `,"severity":`...)
		b = appendJSONString(b, p.Severity)
		b = append(b, `,"message":`...)
		b = appendJSONString(b, p.Message)
		b = append(b, `,"where":`...)
		b = appendJSONString(b, p.Where)
		b = append(b, '}')
	}
	b = append(b, `],"links":[`...)
	for i, l := range r.opts.Links {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"producer":`...)
		b = appendJSONString(b, l.Producer)
		b = append(b, `,"consumer":`...)
		b = appendJSONString(b, l.Consumer)
		b = append(b, `,"dataset":`...)
		b = appendJSONString(b, l.Dataset)
		b = append(b, '}')
	}
	b = append(b, `],"changes":{`...)
	b = r.appendChangeCounts(b)
	b = append(b, `},"global_changes":[`...)
	global := append([]*Change(nil), r.x.global...)
	for _, c := range r.opts.Changes {
		if c.Kind == ChangeCoordinatorRemoved {
			global = append(global, &c)
		}
	}
	for i, c := range global {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, describeChange(c))
	}
	b = append(b, `],"lanes":[`...)
	for i := range r.laneLocs {
		if i > 0 {
			b = append(b, ',')
		}
		b = r.appendLaneMeta(b, i)
	}
	b = append(b, "]}</script>\n<script>\n"...)
	b = append(b, timelineJS...)
	b = append(b, "</script>\n</body>\n</html>\n"...)
	r.b = b
	return r.flush()
}

// appendChangeCounts appends the number of added, removed, shifted and
// changed actions.
func (r *htmlRenderer) appendChangeCounts(b []byte) []byte {
	counts := map[string]int{}
	for _, c := range r.opts.Changes {
		counts[c.Kind]++
	}
	for i, k := range [...]string{ChangeAdded, ChangeRemoved, ChangeShifted, ChangeChanged} {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, k...)
		b = append(b, `":`...)
		b = appendInt(b, counts[k])
	}
	return b
}

// appendLaneMeta appends what the page needs for lane i beyond its
// actions: the UTC offset at the start of the page's range and the
// transitions of its zone over that range (the page does
// not use the browser's time zone data, so it draws what Go computed),
// removed actions and coordinator-level changes.
func (r *htmlRenderer) appendLaneMeta(b []byte, i int) []byte {
	loc := r.laneLocs[i]
	// Every lane is drawn over the whole page's range.
	var from, to time.Time
	for _, e := range r.laneEnds {
		if e[0].IsZero() {
			continue
		}
		if from.IsZero() || e[0].Before(from) {
			from = e[0]
		}
		if to.IsZero() || e[1].After(to) {
			to = e[1]
		}
	}
	if from.IsZero() {
		from, to = time.Unix(0, 0), time.Unix(0, 0)
	}
	from, to = from.Add(-72*time.Hour), to.Add(72*time.Hour)
	_, off := from.In(loc).Zone()
	b = append(b, `{"offset":`...)
	b = appendInt(b, off)
	b = append(b, `,"transitions":[`...)
	for k, tr := range transitions(loc, from, to) {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"at":`...)
		b = strconv.AppendInt(b, tr.At.Unix(), 10)
		b = append(b, `,"day":`...)
		b = strconv.AppendInt(b, tr.Day.Unix(), 10)
		b = append(b, `,"next_day":`...)
		b = strconv.AppendInt(b, tr.NextDay.Unix(), 10)
		b = append(b, `,"before":`...)
		b = appendInt(b, tr.Before)
		b = append(b, `,"after":`...)
		b = appendInt(b, tr.After)
		b = append(b, `,"name":`...)
		b = appendJSONString(b, tr.Name)
		b = append(b, `,"note":`...)
		b = appendJSONString(b, tr.Day.Format("2006-01-02")+": "+tr.Note)
		b = append(b, '}')
	}
	b = append(b, `],"removed":[`...)
	for k, c := range r.x.removed[r.laneSlugs[i]] {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendJSONString(b, c.ID)
		b = append(b, ',')
		b = appendInt(b, c.Number)
		b = append(b, ',')
		t, _ := parseUTC(c.OldNominalTime)
		b = strconv.AppendInt(b, t.Unix(), 10)
		b = append(b, ']')
	}
	b = append(b, `],"coordinator_changes":[`...)
	for k, c := range r.x.coord[r.laneSlugs[i]] {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendJSONString(b, changeLabel(c))
		b = append(b, ',')
		b = appendJSONString(b, describeChange(c))
		b = append(b, ']')
	}
	return append(b, "]}"...)
}

// changeLabel names a coordinator-level change briefly: its kind and the
// settings it concerns.
func changeLabel(c *Change) string {
	s := c.Kind
	for i, f := range c.Fields {
		if i == 0 {
			s += ": "
		} else {
			s += ", "
		}
		s += f.Path
	}
	return s
}

// describeChange is a coordinator-level change in one line.
func describeChange(c *Change) string {
	s := c.Kind
	if c.Coordinator != "" {
		s += " " + c.Coordinator
	}
	for _, f := range c.Fields {
		s += "; " + describeField(f)
	}
	return s
}
