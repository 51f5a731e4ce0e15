package rules

import (
	"fmt"
	"regexp"
	"sort"
	"sync"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/lint"
)

// TIME001 surfaces the compiler's invalid-datetime errors under a rule ID
// and flags datetimes Oozie accepts in a surprising form: fields with more
// or fewer digits than the mask (2009-1-5T3:7Z), and the +hhmm offset form
// that only a server with a GMT±hhmm processing zone accepts.
var TIME001 = &lint.Analyzer{
	ID:       "TIME001",
	Name:     "datetime-form",
	Severity: lint.Error,
	Run:      runTIME001,
	Doc: lint.Doc{
		Title: "Datetime not in Oozie's yyyy-MM-ddTHH:mmZ form",
		Rationale: "Oozie parses `start`, `end`, `initial-instance` and `kick-off-time` with Java's " +
			"`SimpleDateFormat(\"yyyy-MM-dd'T'HH:mm'Z'\")` in UTC, non-leniently. `T24:00` (used throughout " +
			"Oozie's own spec), day 30 of February, seconds, a missing `Z` or a local offset are rejected at " +
			"submission.\n\n" +
			"Two forms are accepted but surprising: fields with fewer or more digits (`2009-1-5T3:7Z` is " +
			"2009-01-05T03:07Z), which the fix rewrites; and `2012-08-08T12:42+0900`, which only an Oozie " +
			"server whose `oozie.processing.timezone` is GMT+0900 accepts — a server with the default UTC " +
			"rejects it.",
		Bad: `<coordinator-app name="nightly" frequency="${coord:days(1)}"
    start="2009-1-2T8:00Z" end="2010-01-02T08:00Z" timezone="UTC"
    xmlns="uri:oozie:coordinator:0.4">
  <action>
    <workflow>
      <app-path>hdfs:///apps/nightly</app-path>
    </workflow>
  </action>
</coordinator-app>
`,
		Good: `<coordinator-app name="nightly" frequency="${coord:days(1)}"
    start="2009-01-02T08:00Z" end="2010-01-02T08:00Z" timezone="UTC"
    xmlns="uri:oozie:coordinator:0.4">
  <action>
    <workflow>
      <app-path>hdfs:///apps/nightly</app-path>
    </workflow>
  </action>
</coordinator-app>
`,
		Fixable: true,
	},
}

var (
	canonicalDateTime = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}Z$`) })
	offsetSuffix      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[+-][0-9]{4}$`) })
)

// instantText is a datetime attribute with a label for messages.
type instantText struct {
	label string
	in    *ir.Instant
}

// instants lists the project's datetime attributes, in file order.
func instants(p *ir.Project) []instantText {
	var out []instantText
	for _, c := range coordinators(p) {
		out = append(out, instantText{"Start", &c.Start}, instantText{"End", &c.End})
	}
	for _, u := range datasets(p) {
		out = append(out, instantText{fmt.Sprintf("Dataset %q initial-instance", u.ds.Name), &u.ds.InitialInstance})
	}
	bundles := append([]*ir.Bundle(nil), p.Bundles...)
	sort.SliceStable(bundles, func(i, j int) bool { return bundles[i].File < bundles[j].File })
	for _, b := range bundles {
		if b.KickOffTime != nil {
			out = append(out, instantText{"Kick-off-time", b.KickOffTime})
		}
	}
	return out
}

func runTIME001(pass *lint.Pass) {
	r := newReporter(pass)
	for _, it := range instants(pass.Project) {
		t := it.in.Text
		if t == nil || !t.Known || it.in.Resolved {
			checkDateTimeForm(r, pass, it)
			continue
		}
		if d := compileErrorAt(pass, t.Range, diag.E1003); d != nil {
			r.report(valueToken(t), nil, d.Detail, "%s", d.Summary)
		}
	}
}

// checkDateTimeForm reports an accepted datetime written in a form other
// than the canonical one.
func checkDateTimeForm(r *reporter, pass *lint.Pass, it instantText) {
	v, ok := knownText(it.in.Text)
	if !ok || !it.in.Resolved || canonicalDateTime().MatchString(v) {
		return
	}
	utc := oozietime.FormatDateTime(it.in.Time)
	rng := valueToken(it.in.Text)
	if off := offsetSuffix().FindString(v); off != "" {
		detail := fmt.Sprintf("Only an Oozie server whose processing timezone (oozie.processing.timezone) is GMT%s accepts datetimes "+
			"with the %s suffix, and such a server rejects the Z form; a server with the default UTC rejects this one "+
			"(must be Date in UTC format). Unless your server runs with GMT%s, write the instant in UTC: %s.", off, off, off, utc)
		r.report(rng, nil, detail, "%s %q uses the %s offset form of a non-UTC processing timezone", it.label, v, off)
		return
	}
	var fixes = editFix(rng, utc)
	if _, plain := plainLiteral(pass, it.in.Text); !plain {
		fixes = nil
	}
	detail := fmt.Sprintf("Oozie's parser reads fields with fewer or more digits than the mask yyyy-MM-ddTHH:mmZ, so this is %s, "+
		"but people and other tools read it differently or not at all. Write %s.", utc, utc)
	r.report(rng, fixes, detail, "%s %q is not written as yyyy-MM-ddTHH:mmZ", it.label, v)
}
