package rules

import (
	"fmt"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/java"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/compiler/suggest"
	"github.com/coordc/coordc/lint"
	"github.com/hashicorp/hcl/v2"
)

// TZ002 surfaces the compiler's unknown-time-zone error (Oozie's E1003
// "must be a valid TZ") under a rule ID, with a did-you-mean and, when the
// suggestion is unique and the ID is written literally, a fix.
var TZ002 = &lint.Analyzer{
	ID:       "TZ002",
	Name:     "unknown-zone",
	Severity: lint.Error,
	Run:      runTZ002,
	Doc: lint.Doc{
		Title: "Unknown time zone ID",
		Rationale: "Oozie accepts a time zone only if Java's `TimeZone.getTimeZone` returns exactly that ID: " +
			"`UTC`, `GMT`, `GMT±hh:mm`, `GMT±hhmm` or a tz database name, spelled exactly. `utc`, `Z`, " +
			"`GMT+5:30` and the spec's own `Americas/Los_Angeles` are rejected at submission (E1003 " +
			"\"must be a valid TZ\").\n\n" +
			"The rule suggests the closest valid ID; the fix applies it when only one ID is that close.",
		Bad: `<coordinator-app name="nightly" frequency="${coord:days(1)}"
    start="2009-01-02T06:00Z" end="2010-01-02T06:00Z" timezone="American/Chicago"
    xmlns="uri:oozie:coordinator:0.4">
  <action>
    <workflow>
      <app-path>hdfs:///apps/nightly</app-path>
    </workflow>
  </action>
</coordinator-app>
`,
		Good: `<coordinator-app name="nightly" frequency="${coord:days(1)}"
    start="2009-01-02T06:00Z" end="2010-01-02T06:00Z" timezone="America/Chicago"
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

func runTZ002(pass *lint.Pass) {
	r := newReporter(pass)
	for _, z := range zoneAttrs(pass.Project) {
		id, ok := knownText(z.Text)
		if !ok || z.Resolved {
			continue
		}
		d := compileErrorAt(pass, z.Text.Range, diag.E1003)
		if d == nil {
			continue
		}
		detail := fmt.Sprintf("Oozie rejects the job (E1003: parameter [timezone] = [%s] must be a valid TZ). "+
			"Use UTC, GMT±hh:mm or a tz database ID such as America/Los_Angeles, spelled exactly (IDs are case-sensitive).", id)
		summary := fmt.Sprintf("Unknown time zone %q", id)
		rng := valueToken(z.Text)
		var fixes []diag.Edit
		if sug := oozietime.SuggestZone(id); sug != "" {
			summary += fmt.Sprintf("; did you mean %q?", sug)
			if _, plain := plainLiteral(pass, z.Text); plain && uniqueZoneSuggestion(id, sug) {
				fixes = editFix(rng, sug)
			}
		}
		r.report(rng, fixes, detail, "%s", summary)
	}
}

// zoneAttrs lists the time zones of the project's coordinators and datasets.
func zoneAttrs(p *ir.Project) []*ir.Zone {
	var out []*ir.Zone
	for _, c := range coordinators(p) {
		out = append(out, &c.Timezone)
	}
	for _, u := range datasets(p) {
		out = append(out, &u.ds.Timezone)
	}
	return out
}

// compileErrorAt returns the load error with the given code reported exactly
// at rng, or nil: the compiler's verdict on a text, whatever its wording.
func compileErrorAt(pass *lint.Pass, rng hcl.Range, code diag.Code) *hcl.Diagnostic {
	for _, d := range pass.Compile {
		if d.Severity == hcl.DiagError && d.Subject != nil && *d.Subject == rng && diag.CodeOf(d) == code {
			return d
		}
	}
	return nil
}

// uniqueZoneSuggestion reports whether sug is the only valid ID that close
// to id. SuggestZone's exact case-insensitive, GMT-offset and city matches
// are unique by construction; an edit-distance match is unique when no
// other ID is as close.
func uniqueZoneSuggestion(id, sug string) bool {
	folded := strings.ToLower(strings.ReplaceAll(java.Trim(id), " ", "_"))
	gmtOffset := len(sug) == len("GMT+05:30") && (strings.HasPrefix(sug, "GMT+") || strings.HasPrefix(sug, "GMT-"))
	if strings.EqualFold(folded, sug) || gmtOffset {
		return true
	}
	if i := strings.LastIndexByte(sug, '/'); i >= 0 && strings.ToLower(sug[i+1:]) == folded {
		return true
	}
	best, unique := suggest.Closest(folded, oozietime.ZoneIDs(), suggest.Distance(folded, sug), nil)
	return unique && best == sug
}
