package lsp

import (
	"fmt"
	"strings"
	"time"

	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/lower/schedule"
	"github.com/hashicorp/hcl/v2"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// maxHoverURIs caps the URIs a dataset hover lists.
const maxHoverURIs = 12

func (s *Server) hover(_ *glsp.Context, p *protocol.HoverParams) (*protocol.Hover, error) {
	d, a, t, off, err := s.at(p.TextDocumentPositionParams)
	if err != nil || t == nil {
		return nil, err
	}
	ix := a.index()
	var md string
	var at hcl.Range
	if cs, ok := ix.callAt(d.path, off); ok {
		md, at = functionDoc(cs.call, isHCL(d.path)), cs.call.NameRange
	} else if c, field, txt, ok := ix.scheduleFieldAt(d.path, t, off); ok {
		md, at = s.scheduleDoc(c, field), txt.Range
	} else if ds, c, use, ok := ix.datasetRefAt(d.path, off); ok {
		md, at = datasetDoc(ds, c, use), use
	} else {
		return nil, nil
	}
	r := t.lspRange(at)
	return &protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: md}, Range: &r}, nil
}

// callAt finds the EL call whose name covers off in file.
func (ix *index) callAt(file string, off int) (callSite, bool) {
	for _, cs := range ix.calls {
		if samePath(cs.call.NameRange.Filename, file) && contains(cs.call.NameRange, off) {
			return cs, true
		}
	}
	return callSite{}, false
}

// functionDoc renders a catalog function: signature, documentation and
// where it may be used.
func functionDoc(call *ir.Call, hclStyle bool) string {
	fn, ok := el.Lookup(call.QualifiedName())
	if !ok {
		return fmt.Sprintf("`%s` is not an Oozie EL function (coordc explain EL002).", call.QualifiedName())
	}
	var b strings.Builder
	fmt.Fprintf(&b, "```\n%s\n```\n\n%s\n", signature(fn, hclStyle), fn.Doc)
	var places []string
	for _, g := range el.Groups() {
		if mode, ok := fn.Groups[g]; ok && mode != el.ModeDummy {
			places = append(places, el.GroupPlace(g))
		}
	}
	if len(places) > 0 {
		fmt.Fprintf(&b, "\nAvailable in: %s.\n", strings.Join(places, "; "))
	}
	return b.String()
}

// signature renders name(param type, ...) result, in the file's spelling.
func signature(fn *el.Function, hclStyle bool) string {
	name := fn.Name
	if hclStyle {
		name = strings.Replace(name, ":", "::", 1)
	}
	params := make([]string, len(fn.Params))
	for i, p := range fn.Params {
		params[i] = p.Name + " " + p.Type
	}
	if fn.Variadic {
		params = append(params, "...")
	}
	return fmt.Sprintf("%s(%s) %s", name, strings.Join(params, ", "), fn.Result)
}

// scheduleField is a coordinator attribute that shapes its schedule.
type scheduleField string

// scheduleFieldAt finds the frequency, start, end or timezone of a
// coordinator at off: in its value, or on the same line before it (the
// attribute or element name).
func (ix *index) scheduleFieldAt(file string, t *text, off int) (*ir.Coordinator, scheduleField, *ir.Text, bool) {
	type cand struct {
		c     *ir.Coordinator
		field scheduleField
		txt   *ir.Text
	}
	var best *cand
	for _, c := range ix.coords {
		if !samePath(c.File, file) {
			continue
		}
		for _, f := range []cand{{c, "frequency", c.Frequency.Text}, {c, "start", c.Start.Text}, {c, "end", c.End.Text}, {c, "timezone", c.Timezone.Text}} {
			if f.txt == nil {
				continue
			}
			r := f.txt.Range
			if r.Start.Byte <= off && off <= r.End.Byte {
				return f.c, f.field, f.txt, true
			}
			// The name before the value on the same line: the nearest value
			// that starts after off.
			line := t.position(off).Line
			if r.Start.Byte > off && t.position(t.hclOffset(r.Start)).Line == line && (best == nil || r.Start.Byte < best.txt.Range.Start.Byte) {
				f := f
				best = &f
			}
		}
	}
	if best == nil {
		return nil, "", nil, false
	}
	return best.c, best.field, best.txt, true
}

// scheduleDoc tells when the coordinator's actions fall: the first ones,
// the next one after now, and the next DST transition that moves them.
func (s *Server) scheduleDoc(c *ir.Coordinator, field scheduleField) string {
	var b strings.Builder
	loc := time.UTC
	zone := "UTC"
	if c.Timezone.Resolved && c.Timezone.Location != nil {
		loc, zone = c.Timezone.Location, c.Timezone.ID
	}
	fmt.Fprintf(&b, "**%s** of coordinator `%s` (time zone %s)\n\n", field, textRaw(c.Name), zone)
	it := schedule.Nominals(c)
	var first []schedule.Nominal
	for len(first) < 3 {
		n, ok := it.Next()
		if !ok {
			break
		}
		first = append(first, n)
	}
	if len(first) == 0 {
		msg := "the schedule is not known"
		if err := it.Err(); err != nil {
			msg = err.Error()
		}
		fmt.Fprintf(&b, "No actions: %s.\n", msg)
		return b.String()
	}
	b.WriteString("| action | local time | UTC |\n|---|---|---|\n")
	for _, n := range first {
		fmt.Fprintf(&b, "| #%d | %s | %s |\n", n.Number, localTime(n.Time, loc), oozietime.FormatDateTime(n.Time))
	}
	now := s.opts.Now().UTC()
	if next, ok := nextAfter(c, now); ok {
		fmt.Fprintf(&b, "\nNext after now (%s): #%d at %s (%s).\n", oozietime.FormatDateTime(now), next.Number, localTime(next.Time, loc), oozietime.FormatDateTime(next.Time))
	} else if first[0].Time.Before(now) {
		b.WriteString("\nNo action after now: the schedule has ended.\n")
	}
	// The next transition after now while the schedule runs, else after
	// its first action.
	from := first[0].Time
	if now.After(from) && (!c.End.Resolved || now.Before(c.End.Time)) {
		from = now
	}
	to := from.AddDate(2, 0, 0)
	if c.End.Resolved && c.End.Time.Before(to) {
		to = c.End.Time
	}
	if tr := oozietime.Transitions(loc, from, to); len(tr) > 0 {
		x := tr[0]
		fmt.Fprintf(&b, "\nNext DST transition: %s, UTC%s → UTC%s (%s).", oozietime.FormatDateTime(x.At), offset(x.OffsetBefore), offset(x.OffsetAfter), localTime(x.At, loc))
		if n, ok := nextAfter(c, x.At.Add(-time.Nanosecond)); ok {
			fmt.Fprintf(&b, " First action after it: #%d at %s (%s).", n.Number, localTime(n.Time, loc), oozietime.FormatDateTime(n.Time))
		}
		b.WriteString("\n")
	} else if loc != time.UTC {
		b.WriteString("\nNo DST transition before the end of the schedule (or within two years).\n")
	}
	return b.String()
}

// nextAfter is the first nominal time strictly after t.
func nextAfter(c *ir.Coordinator, t time.Time) (schedule.Nominal, bool) {
	var found schedule.Nominal
	ok := false
	schedule.Walk(c, schedule.Options{From: t.Add(time.Nanosecond), Count: 1}, func(a *schedule.Action) bool {
		found, ok = schedule.Nominal{Number: a.Number, Time: a.Nominal}, true
		return false
	})
	return found, ok
}

func localTime(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("2006-01-02 15:04 MST (Mon)")
}

func offset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	return fmt.Sprintf("%s%02d:%02d", sign, sec/3600, sec%3600/60)
}

func textRaw(t *ir.Text) string {
	if t == nil {
		return ""
	}
	if t.Known {
		return t.Value
	}
	return t.Raw
}

// datasetRefAt finds a data-in or data-out dataset reference at off.
func (ix *index) datasetRefAt(file string, off int) (*ir.Dataset, *ir.Coordinator, hcl.Range, bool) {
	for in, c := range ix.inputs {
		if in.Dataset != nil && samePath(in.DatasetRange.Filename, file) && contains(in.DatasetRange, off) {
			return in.Dataset, c, in.DatasetRange, true
		}
	}
	for out, c := range ix.outputs {
		if out.Dataset != nil && samePath(out.DatasetRange.Filename, file) && contains(out.DatasetRange, off) {
			return out.Dataset, c, out.DatasetRange, true
		}
	}
	return nil, nil, hcl.Range{}, false
}

// datasetDoc shows a dataset's URI template and what the events that use
// it resolve to for the coordinator's first action.
func datasetDoc(ds *ir.Dataset, c *ir.Coordinator, use hcl.Range) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**dataset** `%s`", ds.Name)
	if ds.Frequency.Text != nil {
		fmt.Fprintf(&b, " — frequency `%s`", ds.Frequency.Text.Raw)
	}
	if ds.Timezone.Text != nil {
		fmt.Fprintf(&b, ", time zone `%s`", ds.Timezone.Text.Raw)
	}
	if ds.URITemplate != nil {
		fmt.Fprintf(&b, "\n\nURI template: `%s`\n", ds.URITemplate.Raw)
	}
	var events []string
	for _, in := range c.Inputs {
		if in.DatasetRange == use {
			events = append(events, in.Name)
		}
	}
	for _, out := range c.Outputs {
		if out.DatasetRange == use {
			events = append(events, out.Name)
		}
	}
	var act *schedule.Action
	diags := schedule.Walk(c, schedule.Options{Count: 1}, func(a *schedule.Action) bool { act = a; return false })
	if act == nil {
		msg := "the first action cannot be computed"
		if len(diags) > 0 {
			msg += ": " + diags[0].Summary
		}
		fmt.Fprintf(&b, "\n%s.\n", msg)
		return b.String()
	}
	for _, name := range events {
		for _, ev := range append(append([]schedule.Event{}, act.Inputs...), act.Outputs...) {
			if ev.Name != name {
				continue
			}
			fmt.Fprintf(&b, "\nFirst action (#%d, %s): `%s` resolves to %d URI(s):\n", act.Number, oozietime.FormatDateTime(act.Nominal), name, len(ev.URIs))
			for i, u := range ev.URIs {
				if i == maxHoverURIs {
					fmt.Fprintf(&b, "- … %d more\n", len(ev.URIs)-i)
					break
				}
				fmt.Fprintf(&b, "- `%s`\n", u)
			}
			if ev.Unresolved != "" {
				fmt.Fprintf(&b, "- unresolved until run time: `%s`\n", ev.Unresolved)
			}
		}
	}
	return b.String()
}
