package rules

import (
	"fmt"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/lint"
)

// TZ001 reports a three-letter time zone ID (PST, EST, BST…) that Oozie
// accepts with a warning, saying what Java reads it as: a region with its
// daylight saving time, or a fixed offset.
var TZ001 = &lint.Analyzer{
	ID:       "TZ001",
	Name:     "three-letter-zone",
	Severity: lint.Warning,
	Run:      runTZ001,
	Doc: lint.Doc{
		Title: "Three-letter time zone ID",
		Rationale: "Oozie accepts three-letter IDs such as `PST` but logs a warning: they are Java's legacy aliases and " +
			"often mean something else than they seem. `PST` is America/Los_Angeles *with* daylight saving time; " +
			"`EST`, `MST` and `HST` are fixed offsets *without* it (not New York or Denver); `BST` is " +
			"Asia/Dhaka, not British Summer Time; `IST` is Asia/Kolkata; `CST` is America/Chicago.\n\n" +
			"Write a Region/City ID, UTC, or GMT±hh:mm. The fix writes the ID Java uses for the alias, so the " +
			"schedule does not change.",
		Bad: `<coordinator-app name="nightly" frequency="${coord:days(1)}"
    start="2009-01-02T08:00Z" end="2010-01-02T08:00Z" timezone="PST"
    xmlns="uri:oozie:coordinator:0.4">
  <action>
    <workflow>
      <app-path>hdfs:///apps/nightly</app-path>
    </workflow>
  </action>
</coordinator-app>
`,
		Good: `<coordinator-app name="nightly" frequency="${coord:days(1)}"
    start="2009-01-02T08:00Z" end="2010-01-02T08:00Z" timezone="America/Los_Angeles"
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

// javaAliases are the three-letter IDs java.util.TimeZone resolves to a
// region, DST included (the JDK's old-mapping table, as oozietime.LoadZone
// applies it; a test checks that both agree).
var javaAliases = map[string]string{
	"ACT": "Australia/Darwin", "AET": "Australia/Sydney", "AGT": "America/Argentina/Buenos_Aires",
	"ART": "Africa/Cairo", "AST": "America/Anchorage", "BET": "America/Sao_Paulo", "BST": "Asia/Dhaka",
	"CAT": "Africa/Harare", "CNT": "America/St_Johns", "CST": "America/Chicago", "CTT": "Asia/Shanghai",
	"EAT": "Africa/Addis_Ababa", "ECT": "Europe/Paris", "IET": "America/Indiana/Indianapolis",
	"IST": "Asia/Kolkata", "JST": "Asia/Tokyo", "MIT": "Pacific/Apia", "NET": "Asia/Yerevan",
	"NST": "Pacific/Auckland", "PLT": "Asia/Karachi", "PNT": "America/Phoenix", "PRT": "America/Puerto_Rico",
	"PST": "America/Los_Angeles", "SST": "Pacific/Guadalcanal", "VST": "Asia/Ho_Chi_Minh",
}

func runTZ001(pass *lint.Pass) {
	r := newReporter(pass)
	eachZone(pass.Project, func(z ir.Zone, what string) { checkThreeLetter(r, pass, z, what) })
}

// eachZone calls fn with every coordinator and dataset time zone of p and
// how a message names it ("Time zone", "Dataset \"logs\" time zone").
func eachZone(p *ir.Project, fn func(z ir.Zone, what string)) {
	for _, c := range coordinators(p) {
		fn(c.Timezone, "Time zone")
	}
	for _, u := range datasets(p) {
		fn(u.ds.Timezone, fmt.Sprintf("Dataset %q time zone", u.ds.Name))
	}
}

// checkThreeLetter reports z when it is a valid three-letter ID.
func checkThreeLetter(r *reporter, pass *lint.Pass, z ir.Zone, what string) {
	id, ok := knownText(z.Text)
	if !ok || !z.Resolved || !oozietime.IsThreeLetterID(id) {
		return
	}
	loc := z.Location
	dst := len(dstChanges(loc, unknownFrom, unknownFrom.AddDate(scanYears, 0, 0))) > 0
	_, off := unknownFrom.In(loc).Zone()
	var means, better string
	switch region, alias := javaAliases[id]; {
	case alias && dst:
		means = fmt.Sprintf("an alias of %s, which observes daylight saving time", region)
		better = region
	case alias:
		means = fmt.Sprintf("an alias of %s (UTC%s, no daylight saving time today)", region, offsetText(off))
		better = region
	case dst:
		means = "a legacy tz database zone that observes daylight saving time"
	default:
		means = fmt.Sprintf("a fixed UTC%s offset without daylight saving time", offsetText(off))
		better = "GMT" + offsetText(off)
	}
	var fixes = editFix(valueToken(z.Text), better)
	if _, plain := plainLiteral(pass, z.Text); !plain || better == "" {
		fixes = nil
	}
	fix := "Write the Region/City ID you mean, UTC, or GMT±hh:mm."
	if better != "" {
		fix = fmt.Sprintf("Write %s, which Java reads the same way, or the Region/City ID you mean.", better)
	}
	detail := fmt.Sprintf("Oozie accepts three-letter IDs with a warning (GMT, UTC or Region/City IDs are preferred) because they are ambiguous: "+
		"Java reads %q as %s. %s", id, means, fix)
	r.report(valueToken(z.Text), fixes, detail, "%s %q is a three-letter ID", what, id)
}

// offsetText formats an offset in seconds east of UTC as "+05:30".
func offsetText(off int) string {
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	d := time.Duration(off) * time.Second
	return fmt.Sprintf("%s%02d:%02d", sign, int(d.Hours()), int(d.Minutes())%60)
}
