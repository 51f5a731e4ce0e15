package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/lint"
	"github.com/hashicorp/hcl/v2"
)

// TZ002 surfaces the compiler's "Unknown time zone" error (Oozie's E1003
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

// unknownZonePrefix starts the summary of the compiler's error.
const unknownZonePrefix = "Unknown time zone "

func runTZ002(pass *lint.Pass) {
	r := newReporter(pass)
	texts := zoneTexts(pass.Project)
	for _, d := range pass.Compile {
		if d.Subject == nil || diag.CodeOf(d) != "E1003" || !strings.HasPrefix(d.Summary, unknownZonePrefix) {
			continue
		}
		id, err := strconv.Unquote(strings.TrimPrefix(d.Summary, unknownZonePrefix))
		if err != nil {
			continue
		}
		detail := fmt.Sprintf("Oozie rejects the job (E1003: parameter [timezone] = [%s] must be a valid TZ). "+
			"Use UTC, GMT±hh:mm or a tz database ID such as America/Los_Angeles, spelled exactly (IDs are case-sensitive).", id)
		summary := fmt.Sprintf("Unknown time zone %q", id)
		rng := *d.Subject
		t := texts[rangeKey(rng)]
		if t != nil {
			rng = token(t)
		}
		var fixes []diag.Edit
		if sug := oozietime.SuggestZone(id); sug != "" {
			summary += fmt.Sprintf("; did you mean %q?", sug)
			if _, plain := plainLiteral(pass, t); plain && uniqueZoneSuggestion(id, sug) {
				fixes = replace(rng, sug)
			}
		}
		r.report(rng, fixes, detail, "%s", summary)
	}
}

// zoneTexts indexes the timezone texts of the project by range.
func zoneTexts(p *ir.Project) map[string]*ir.Text {
	out := map[string]*ir.Text{}
	for _, c := range p.Coordinators {
		if c.Timezone.Text != nil {
			out[rangeKey(c.Timezone.Text.Range)] = c.Timezone.Text
		}
	}
	for _, u := range datasets(p) {
		if t := u.ds.Timezone.Text; t != nil {
			out[rangeKey(t.Range)] = t
		}
	}
	return out
}

func rangeKey(r hcl.Range) string {
	return fmt.Sprintf("%s:%d:%d", r.Filename, r.Start.Byte, r.End.Byte)
}

// uniqueZoneSuggestion reports whether sug is the only valid ID that close
// to id. SuggestZone's exact case-insensitive, GMT-offset and city matches
// are unique by construction; an edit-distance match is unique when no
// other ID is as close.
func uniqueZoneSuggestion(id, sug string) bool {
	folded := strings.ToLower(strings.ReplaceAll(trimJava(id), " ", "_"))
	best := levenshtein(folded, strings.ToLower(sug))
	if best == 0 || strings.HasPrefix(sug, "GMT") && !strings.EqualFold(folded, sug) {
		return true
	}
	if i := strings.LastIndexByte(sug, '/'); i >= 0 && strings.ToLower(sug[i+1:]) == folded {
		return true
	}
	for _, z := range oozietime.ZoneIDs() {
		if z != sug && levenshtein(folded, strings.ToLower(z)) <= best {
			return false
		}
	}
	return true
}

// levenshtein is the edit distance between a and b, in bytes.
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
