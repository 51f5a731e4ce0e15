package rules

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/java"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/lint"
	"github.com/hashicorp/hcl/v2"
)

// timeRules are the rules about daylight saving time, time zones and
// datetimes (SEMANTICS.md §3–§5 and §10).
var timeRules = []*lint.Analyzer{
	DST001, DST002, DST003, DST004, DST005, DST006, DST007,
	TZ001, TZ002, TZ003, TZ004,
	TIME001, TIME002, TIME003, TIME004,
}

// Bounds on how far the time rules follow a schedule: the first scanYears
// years of it, and at most scanActions nominal times.
const (
	scanYears   = 5
	scanActions = 100000
)

// unknownFrom starts the window in which a zone is asked about daylight
// saving time when the schedule's own dates are not known: the zone's
// present-day rules, from the embedded tz database, decide.
var unknownFrom = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// coordinators returns the project's coordinators ordered by file and
// position, so that findings never depend on the order files were given in.
func coordinators(p *ir.Project) []*ir.Coordinator {
	out := append([]*ir.Coordinator(nil), p.Coordinators...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].DeclRange.Start.Byte < out[j].DeclRange.Start.Byte
	})
	return out
}

// datasetUse is a dataset definition with the coordinator it was seen from;
// coord is nil for a dataset only found in a standalone datasets file.
type datasetUse struct {
	ds    *ir.Dataset
	coord *ir.Coordinator
}

// datasets lists every dataset definition once: first as seen from the
// coordinators that have it in effect, then those of datasets files. An
// included dataset is evaluated once per including coordinator; the first
// coordinator in file order speaks for it.
func datasets(p *ir.Project) []datasetUse {
	seen := map[string]bool{}
	var out []datasetUse
	add := func(ds *ir.Dataset, c *ir.Coordinator) {
		key := fmt.Sprintf("%s:%d", ds.DeclRange.Filename, ds.DeclRange.Start.Byte)
		if !seen[key] {
			seen[key] = true
			out = append(out, datasetUse{ds, c})
		}
	}
	for _, c := range coordinators(p) {
		for _, ds := range c.Datasets {
			add(ds, c)
		}
	}
	files := append([]*ir.DatasetFile(nil), p.DatasetFiles...)
	sort.SliceStable(files, func(i, j int) bool { return files[i].File < files[j].File })
	for _, f := range files {
		for _, ds := range f.Datasets {
			add(ds, nil)
		}
	}
	return out
}

// coordWindow is the stretch of time in which the rules ask whether c's
// zone observes daylight saving time: scanYears from the start. It does not
// stop at the end: a definition whose end falls before the next clock
// change is still fragile, as ends are routinely extended.
func coordWindow(c *ir.Coordinator) (from, to time.Time) {
	from = unknownFrom
	if c.Start.Resolved {
		from = c.Start.Time
	}
	return from, from.AddDate(scanYears, 0, 0)
}

// datasetWindow is the stretch of a dataset's instances the rules look at:
// the window of the coordinator using it, or scanYears from its initial
// instance.
func datasetWindow(u datasetUse) (from, to time.Time) {
	if u.coord != nil && u.coord.Start.Resolved {
		return coordWindow(u.coord)
	}
	from = unknownFrom
	if u.ds.InitialInstance.Resolved {
		from = u.ds.InitialInstance.Time
	}
	return from, from.AddDate(scanYears, 0, 0)
}

// dstChanges lists loc's changes into and out of daylight saving time in
// [from, to), oldest first. Changes of the standard offset alone are left
// out. It asks oozietime.Transitions one UTC year at a time: Go's zone
// bounds can stall at the last day of a leap year once the tz data's
// explicit transitions end, which would cut a longer query short.
func dstChanges(loc *time.Location, from, to time.Time) []oozietime.Transition {
	var out []oozietime.Transition
	for a := from; a.Before(to); {
		b := time.Date(a.Year()+1, 1, 1, 0, 0, 0, 0, time.UTC)
		if b.After(to) {
			b = to
		}
		for _, tr := range oozietime.Transitions(loc, a, b) {
			if oozietime.InDST(tr.At.Add(-time.Second), loc) != oozietime.InDST(tr.At, loc) {
				out = append(out, tr)
			}
		}
		a = b
	}
	return out
}

// firstDSTChange returns the first change into or out of daylight saving
// time in [from, to).
func firstDSTChange(loc *time.Location, from, to time.Time) (oozietime.Transition, bool) {
	for a := from; a.Before(to); a = a.AddDate(1, 0, 0) {
		b := a.AddDate(1, 0, 0)
		if b.After(to) {
			b = to
		}
		if trs := dstChanges(loc, a, b); len(trs) > 0 {
			return trs[0], true
		}
	}
	return oozietime.Transition{}, false
}

// knownText returns the trimmed submit-phase value of t when it is known.
func knownText(t *ir.Text) (string, bool) {
	if t == nil || !t.Known {
		return "", false
	}
	return java.Trim(t.Value), true
}

// valueToken returns the range of the one piece of t that carries its value: the
// expression of a text that is a single ${...} (the call, not the braces),
// the trimmed literal of a plain text, and the whole text otherwise.
func valueToken(t *ir.Text) hcl.Range {
	if t.Template == nil {
		return t.Range
	}
	var only *ir.TemplatePart
	for i := range t.Template.Parts {
		p := &t.Template.Parts[i]
		if p.Expr == nil && java.Trim(p.Literal) == "" {
			continue
		}
		if only != nil {
			return t.Range
		}
		only = p
	}
	switch {
	case only == nil:
		return t.Range
	case only.Expr != nil:
		return only.Expr.SrcRange()
	}
	r := only.Range
	if r.Start.Line != r.End.Line || r.End.Byte-r.Start.Byte != len(only.Literal) {
		return r
	}
	lead := len(only.Literal) - len(strings.TrimLeftFunc(only.Literal, java.IsSpace[rune]))
	trail := len(only.Literal) - len(strings.TrimRightFunc(only.Literal, java.IsSpace[rune]))
	r.Start.Byte += lead
	r.Start.Column += lead
	r.End.Byte -= trail
	r.End.Column -= trail
	return r
}

// usesVariables reports whether t refers to a parameter, a job property or
// a constant, so that its value is not fixed by the text alone.
func usesVariables(t *ir.Text) bool {
	found := t.Template == nil
	ir.WalkTemplate(t.Template, func(e ir.Expr) bool {
		if _, ok := e.(*ir.Ident); ok {
			found = true
		}
		return !found
	})
	return found
}

// plainLiteral returns t's text when it is a literal without EL, written in
// the source exactly as decoded (no entity or CDATA), so that an edit of
// its range replaces exactly that text.
func plainLiteral(pass *lint.Pass, t *ir.Text) (string, bool) {
	if t == nil || t.Template == nil || !t.Template.IsLiteral() {
		return "", false
	}
	src, ok := pass.Sources[t.Range.Filename]
	r := t.Range
	if !ok || r.Start.Byte < 0 || r.End.Byte > len(src) || r.Start.Byte > r.End.Byte || string(src[r.Start.Byte:r.End.Byte]) != t.Raw {
		return "", false
	}
	return t.Raw, true
}

// callsTo returns the calls of t to any of the given qualified names, in
// source order.
func callsTo(t *ir.Text, names ...string) []*ir.Call {
	if t == nil {
		return nil
	}
	var out []*ir.Call
	ir.WalkTemplate(t.Template, func(e ir.Expr) bool {
		if c, ok := e.(*ir.Call); ok {
			for _, n := range names {
				if c.QualifiedName() == n {
					out = append(out, c)
				}
			}
		}
		return true
	})
	return out
}

// singleExpr returns the expression of a text that is one ${...} and
// nothing else (blanks aside).
func singleExpr(t *ir.Text) (ir.Expr, bool) {
	if t == nil || t.Template == nil {
		return nil, false
	}
	var e ir.Expr
	for _, p := range t.Template.Parts {
		switch {
		case p.Expr == nil && java.Trim(p.Literal) == "":
		case p.Expr == nil || e != nil:
			return nil, false
		default:
			e = p.Expr
		}
	}
	return e, e != nil
}

// intLit returns the value of an integer literal, possibly negated.
func intLit(e ir.Expr) (int64, bool) {
	switch n := e.(type) {
	case *ir.Literal:
		return n.Int, n.Kind == ir.LitInt
	case *ir.Unary:
		if v, ok := intLit(n.X); ok && n.Op == "-" {
			return -v, true
		}
	}
	return 0, false
}

// reporter reports each finding of a pass once: included datasets are seen
// from every coordinator that includes them.
type reporter struct {
	pass *lint.Pass
	seen map[string]bool
}

func newReporter(pass *lint.Pass) *reporter {
	return &reporter{pass: pass, seen: map[string]bool{}}
}

// report reports a finding with optional fixes unless the same summary was
// already reported at rng.
func (r *reporter) report(rng hcl.Range, fixes []diag.Edit, detail, format string, args ...any) {
	key := fmt.Sprintf("%s:%d:%d:%s", rng.Filename, rng.Start.Byte, rng.End.Byte, fmt.Sprintf(format, args...))
	if r.seen[key] {
		return
	}
	r.seen[key] = true
	if len(fixes) > 0 {
		reportFix(r.pass, rng, fixes, detail, format, args...)
		return
	}
	r.pass.Reportf(rng, detail, format, args...)
}

// editFix is a one-edit fix.
func editFix(rng hcl.Range, text string) []diag.Edit {
	return []diag.Edit{{Range: rng, Text: text}}
}

// localClock formats t's local wall time in loc with the zone abbreviation:
// "01:30 PST".
func localClock(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("15:04 MST")
}

// localDate formats t's local date in loc: "2009-03-08".
func localDate(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("2006-01-02")
}

// dateList joins up to three dates and says how many more there are.
func dateList(dates []string, total int) string {
	s := strings.Join(dates, ", ")
	if more := total - len(dates); more > 0 {
		s += fmt.Sprintf(" and %d more", more)
	}
	return s
}
