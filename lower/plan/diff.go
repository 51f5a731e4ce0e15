package plan

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/lower/schedule"
)

// Diff compares the JSON plan snapshot (as written by Write with FormatJSON)
// with the plan of jobs and writes only the differences to w in
// opts.Format. Coordinators are matched by action ID prefix (Slug of the
// name), then actions by number: an action only in the new plan is added,
// only in the snapshot removed; with the same number it is shifted when its
// nominal time moved (its inputs move with it and are not listed), and
// changed when flags, inputs, outputs, unresolved inputs, configuration or
// local time differ. Coordinator settings and the tzdata version are
// compared too. changed reports whether anything differs.
//
// Both sides are streamed: neither the snapshot nor the new plan is held in
// memory. Changes appear in snapshot order, followed by coordinators that
// only the new plan has.
func Diff(w io.Writer, snapshot io.Reader, jobs []Job, opts Options) (changed bool, s DiffSummary, diags hcl.Diagnostics) {
	ps, diags := prepare(jobs)
	bw := bufio.NewWriterSize(w, 64<<10)
	var out diffSink
	switch opts.Format {
	case FormatText, "":
		out = &textDiff{bw: bw}
	case FormatMarkdown:
		out = newMarkdownDiff(bw, opts)
	case FormatJSON:
		out = &jsonDiff{bw: bw}
	case FormatHTML, FormatSVG:
		// The timelines draw the new plan with the changes marked: collect
		// the changes, then write the plan.
		col := &collectDiff{}
		d := newDiffer(col, snapshot, ps, opts)
		d.run(ps, opts)
		diags = append(diags, d.diags...)
		if d.snap.err != nil {
			return d.changed, d.sum, append(diags, d.snap.err)
		}
		opts.Changes, opts.diffing = append(col.changes, opts.Changes...), true
		_, wdiags := Write(w, jobs, opts)
		return d.changed, d.sum, append(diags, wdiags...)
	default:
		return false, s, append(diags, badFormat(opts.Format))
	}
	d := newDiffer(out, snapshot, ps, opts)
	d.run(ps, opts)
	diags = append(diags, d.diags...)
	if d.snap.err != nil {
		diags = append(diags, d.snap.err)
	}
	if d.werr == nil {
		d.werr = out.end(d.sum)
	}
	if d.werr == nil {
		d.werr = bw.Flush()
	}
	if d.werr != nil {
		diags = append(diags, writeError(d.werr))
	}
	return d.changed, d.sum, diags
}

func newDiffer(out diffSink, snapshot io.Reader, ps []*prepared, opts Options) *differ {
	d := &differ{out: out, snap: newSnapshot(snapshot, opts.SnapshotFilename), bySlug: map[string]*prepared{}, used: map[*prepared]bool{}}
	for _, p := range ps {
		if _, dup := d.bySlug[p.slug]; !dup {
			d.bySlug[p.slug] = p
		}
	}
	return d
}

// collectDiff keeps the changes for the timelines (memory grows with the
// number of changes, not of actions).
type collectDiff struct{ changes []Change }

func (c *collectDiff) change(ch *Change) error {
	c.changes = append(c.changes, *ch)
	return nil
}

func (c *collectDiff) end(DiffSummary) error { return nil }

// diffSink is one output format of Diff.
type diffSink interface {
	change(c *Change) error
	end(s DiffSummary) error
}

type differ struct {
	out     diffSink
	snap    *snapshot
	bySlug  map[string]*prepared
	used    map[*prepared]bool
	sum     DiffSummary
	changed bool
	diags   hcl.Diagnostics
	werr    error
	prevN   int // number of the last snapshot action read in this coordinator
	// shift is the offset of the shifted actions so far; mixedShifts is
	// set once two differ (or one cannot be read).
	shift       time.Duration
	mixedShifts bool
}

// noteShift records the offset of a shifted action: the summary names it
// when every shifted action moved by the same one.
func (d *differ) noteShift(c *Change) {
	old, err1 := time.Parse(utcLayout, c.OldNominalTime)
	now, err2 := time.Parse(utcLayout, c.NominalTime)
	off := now.Sub(old)
	switch {
	case err1 != nil || err2 != nil || off == 0 || (d.sum.Shifted > 1 && off != d.shift):
		d.mixedShifts = true
	case d.sum.Shifted == 1:
		d.shift = off
	}
	d.sum.ShiftedBy = ""
	if !d.mixedShifts {
		d.sum.ShiftedBy = formatOffset(d.shift)
	}
}

// utcLayout parses the nominal times of a diff (appendUTC).
const utcLayout = "2006-01-02T15:04Z"

// emit writes one change and counts it.
func (d *differ) emit(c *Change) bool {
	if d.werr != nil {
		return false
	}
	d.changed = true
	switch c.Kind {
	case ChangeAdded:
		d.sum.Added++
	case ChangeRemoved:
		d.sum.Removed++
	case ChangeShifted:
		d.sum.Shifted++
		d.noteShift(c)
	case ChangeChanged:
		d.sum.Changed++
	case ChangeCoordinatorAdded, ChangeCoordinatorRemoved, ChangeCoordinatorChanged:
		d.sum.Coordinators++
	}
	d.werr = d.out.change(c)
	return d.werr == nil
}

func (d *differ) run(ps []*prepared, opts Options) {
	sn := d.snap
	var version, tzdata string
	var sawVersion, sawTZ bool
	if sn.delim('{', "the plan object") {
		for sn.more() {
			k, _ := sn.key()
			switch k {
			case "coordinators":
				if sn.delim('[', "the coordinators array") {
					for sn.more() && d.werr == nil {
						d.coordinator()
					}
					sn.delim(']', "the end of the coordinators array")
				}
			case "format_version":
				sawVersion = sn.decode(&version)
			case "tzdata_version":
				sawTZ = sn.decode(&tzdata)
			default:
				sn.skip()
			}
		}
		sn.delim('}', "the end of the plan object")
		sn.eof()
	}
	if sn.ok() && (!sawVersion || version != FormatVersion) {
		sn.fail(fmt.Sprintf("Snapshot format_version %q is not supported", version),
			fmt.Sprintf("This coordc reads plan snapshots with format_version %q. Write the snapshot again with this version of coordc plan --out.", FormatVersion))
	}
	if !sn.ok() || d.werr != nil {
		return
	}
	if sawTZ && tzdata != opts.TZDataVersion {
		d.emit(&Change{Kind: ChangeTZData, Fields: []FieldChange{{Path: "tzdata_version", Old: tzdata, New: opts.TZDataVersion}}})
	}
	for _, p := range ps {
		if d.used[p] || d.werr != nil {
			continue
		}
		d.used[p] = true
		d.emit(&Change{Kind: ChangeCoordinatorAdded, Coordinator: p.Name})
		d.join(p, nil)
	}
}

// claim returns the unmatched job whose slug is key, marking it matched.
func (d *differ) claim(key string) *prepared {
	p := d.bySlug[key]
	if p == nil || d.used[p] {
		return nil
	}
	d.used[p] = true
	return p
}

// coordinator diffs one snapshot coordinator object.
func (d *differ) coordinator() {
	sn := d.snap
	if !sn.delim('{', "a coordinator object") {
		return
	}
	var meta FileCoordinator
	var job *prepared
	matched := false
	for sn.more() && d.werr == nil {
		k, _ := sn.key()
		switch k {
		case "actions":
			if !sn.delim('[', "the actions array") {
				return
			}
			first := d.next()
			if first != nil {
				key, _, _ := strings.Cut(first.ID, "@")
				if meta.Name != "" {
					key = Slug(meta.Name)
				}
				job, matched = d.claim(key), true
			}
			d.join(job, first)
			sn.delim(']', "the end of the actions array")
		case "end":
			sn.decode(&meta.End)
		case "frequency":
			sn.decode(&meta.Frequency)
		case "frequency_description":
			sn.decode(&meta.FrequencyDescription)
		case "name":
			sn.decode(&meta.Name)
		case "start":
			sn.decode(&meta.Start)
		case "timezone":
			sn.decode(&meta.Timezone)
		default:
			sn.skip()
		}
	}
	if !sn.delim('}', "the end of the coordinator object") || d.werr != nil {
		return
	}
	if !matched {
		if job = d.claim(Slug(meta.Name)); job != nil {
			d.join(job, nil)
		}
	}
	if job == nil {
		d.emit(&Change{Kind: ChangeCoordinatorRemoved, Coordinator: meta.Name})
		return
	}
	if fields := coordinatorFields(&meta, job); len(fields) > 0 {
		d.emit(&Change{Kind: ChangeCoordinatorChanged, Coordinator: job.Name, Fields: fields})
	}
}

// coordinatorFields lists the coordinator settings that differ.
func coordinatorFields(old *FileCoordinator, p *prepared) []FieldChange {
	var fields []FieldChange
	for _, f := range [...]struct{ path, old, new string }{
		{"end", old.End, formatUTC(p.End)},
		{"frequency", old.Frequency, p.frequency},
		{"frequency_description", old.FrequencyDescription, p.FrequencyDescription},
		{"name", old.Name, p.Name},
		{"start", old.Start, formatUTC(p.Start)},
		{"timezone", old.Timezone, p.Timezone},
	} {
		if f.old != f.new {
			fields = append(fields, FieldChange{Path: f.path, Old: f.old, New: f.new})
		}
	}
	return fields
}

// next decodes the next snapshot action of the current actions array, or
// returns nil at its end or on error. Numbers must increase.
func (d *differ) next() *FileAction {
	if !d.snap.more() {
		return nil
	}
	a := new(FileAction)
	off := d.snap.dec.InputOffset()
	if !d.snap.decode(a) {
		return nil
	}
	if a.Number <= d.prevN {
		d.snap.failAt(off, fmt.Sprintf("Snapshot action %q is out of order", a.ID),
			fmt.Sprintf("Its number %d does not follow %d. Actions must be listed by increasing number; write the snapshot again with coordc plan --out.", a.Number, d.prevN))
		return nil
	}
	d.prevN = a.Number
	return a
}

// join merges the snapshot actions (pending, then d.next()) with the
// actions of p by number. p nil means the coordinator is gone: every
// snapshot action is removed. pending nil means none are left.
func (d *differ) join(p *prepared, pending *FileAction) {
	if p != nil {
		d.diags = append(d.diags, stream(p, func(a *schedule.Action, v view, id []byte) bool {
			for pending != nil && pending.Number < a.Number {
				if !d.removed(pending) {
					return false
				}
				pending = d.next()
			}
			if !d.snap.ok() {
				return false
			}
			if pending != nil && pending.Number == a.Number {
				ok := d.compare(pending, a, v, id)
				pending = d.next()
				return ok
			}
			return d.emit(&Change{Kind: ChangeAdded, ID: string(id), Number: a.Number, NominalTime: string(appendUTC(nil, a.Nominal))})
		})...)
	}
	for pending != nil && d.removed(pending) {
		pending = d.next()
	}
	d.prevN = 0
}

func (d *differ) removed(old *FileAction) bool {
	return d.emit(&Change{Kind: ChangeRemoved, ID: old.ID, Number: old.Number, OldNominalTime: old.NominalTime})
}

// compare diffs one action present on both sides.
func (d *differ) compare(old *FileAction, a *schedule.Action, v view, id []byte) bool {
	nominal := string(appendUTC(nil, a.Nominal))
	if old.NominalTime != nominal {
		return d.emit(&Change{Kind: ChangeShifted, ID: string(id), Number: a.Number, NominalTime: nominal, OldNominalTime: old.NominalTime})
	}
	var fields []FieldChange
	if local := string(appendLocal(nil, a.Local)); old.NominalLocal != local {
		fields = append(fields, FieldChange{Path: "nominal_local", Old: old.NominalLocal, New: local})
	}
	if !slices.Equal(old.Flags, v.flags) {
		fields = append(fields, FieldChange{Path: "flags", Old: nonNil(old.Flags), New: nonNil(v.flags)})
	}
	fields = diffLists(fields, "inputs.", old.Inputs, a.Inputs, v.inputs)
	fields = diffLists(fields, "outputs.", old.Outputs, a.Outputs, v.outputs)
	fields = diffStrings(fields, "unresolved.", old.Unresolved, len(v.unresolved), func(k int) (string, string) {
		e := &a.Inputs[v.unresolved[k]]
		return e.Name, e.Unresolved
	})
	fields = diffStrings(fields, "configuration.", old.Configuration, len(v.config), func(k int) (string, string) {
		p := a.Configuration[v.config[k]]
		return p.Name, p.Value
	})
	if len(fields) == 0 {
		d.sum.Unchanged++
		return true
	}
	return d.emit(&Change{Kind: ChangeChanged, ID: string(id), Number: a.Number, NominalTime: nominal, Fields: fields})
}

// diffLists compares a snapshot name→URIs map with events in sorted order
// idx, appending changes in path order.
func diffLists(fields []FieldChange, prefix string, old map[string][]string, evs []schedule.Event, idx []int) []FieldChange {
	for _, k := range sortedKeys(old, idx, func(i int) string { return evs[i].Name }) {
		o, inOld := old[k.name]
		switch {
		case k.i < 0:
			fields = append(fields, FieldChange{Path: prefix + k.name, Old: nonNil(o)})
		case !inOld:
			fields = append(fields, FieldChange{Path: prefix + k.name, New: nonNil(evs[k.i].URIs)})
		default:
			if !slices.Equal(o, evs[k.i].URIs) {
				fields = append(fields, FieldChange{Path: prefix + k.name, Old: nonNil(o), New: nonNil(evs[k.i].URIs)})
			}
		}
	}
	return fields
}

// diffStrings compares a snapshot name→value map with n sorted new pairs.
func diffStrings(fields []FieldChange, prefix string, old map[string]string, n int, pair func(k int) (string, string)) []FieldChange {
	idx := make([]int, n)
	for k := range idx {
		idx[k] = k
	}
	for _, k := range sortedKeys(old, idx, func(i int) string { name, _ := pair(i); return name }) {
		o, inOld := old[k.name]
		switch {
		case k.i < 0:
			fields = append(fields, FieldChange{Path: prefix + k.name, Old: o})
		case !inOld:
			_, nv := pair(k.i)
			fields = append(fields, FieldChange{Path: prefix + k.name, New: nv})
		default:
			if _, nv := pair(k.i); nv != o {
				fields = append(fields, FieldChange{Path: prefix + k.name, Old: o, New: nv})
			}
		}
	}
	return fields
}

// keyRef is one name of the union of old and new keys; i indexes the new
// side, or is -1 when only the old side has the name.
type keyRef struct {
	name string
	i    int
}

// sortedKeys returns the union of the old map's keys and the new names
// (already sorted, given by index), in sorted order.
func sortedKeys[V any](old map[string]V, idx []int, name func(i int) string) []keyRef {
	keys := make([]keyRef, 0, len(idx)+len(old))
	inNew := make(map[string]bool, len(idx))
	for _, i := range idx {
		keys = append(keys, keyRef{name(i), i})
		inNew[name(i)] = true
	}
	for k := range old {
		if !inNew[k] {
			keys = append(keys, keyRef{k, -1})
		}
	}
	slices.SortStableFunc(keys, func(a, b keyRef) int { return strings.Compare(a.name, b.name) })
	return keys
}

// nonNil makes an absent list an empty one, so that it shows as [].
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
