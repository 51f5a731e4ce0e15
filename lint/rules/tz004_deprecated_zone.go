package rules

import (
	"fmt"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/lint"
)

// TZ004 reports the JDK's deprecated SystemV/* zone IDs. Java, and so
// Oozie, still accepts them; the tz database retired them in 2020.
var TZ004 = &lint.Analyzer{
	ID:       "TZ004",
	Name:     "deprecated-zone",
	Severity: lint.Warning,
	Run:      runTZ004,
	Doc: lint.Doc{
		Title: "Deprecated SystemV time zone ID",
		Rationale: "Java keeps 13 `SystemV/*` IDs from the tz database's retired `systemv` file, so Oozie accepts them, " +
			"but they are not what they seem. `SystemV/EST5`, `CST6`, `MST7`, `PST8`, `YST9`, `AST4` and `HST10` are " +
			"fixed offsets without daylight saving time. `SystemV/EST5EDT` and the other `…DT` IDs follow the United " +
			"States rule of 1976 in every year (last Sunday of April to last Sunday of October), not today's: in 2024 " +
			"`SystemV/EST5EDT` is on standard time from March 10 to April 28 while New York is not.\n\n" +
			"Write a Region/City ID, or GMT±hh:mm for a fixed offset. The fix writes the GMT offset for the fixed " +
			"IDs, which Java reads the same way.",
		Bad:     exampleCoordStart + `frequency="${coord:days(1)}" start="2024-01-01T05:00Z" end="2025-01-01T05:00Z" timezone="SystemV/EST5"` + exampleCoordNS + exampleActionOpen + "${coord:formatTime(coord:nominalTime(), 'yyyy-MM-dd')}" + exampleActionClose + exampleCoordClose,
		Good:    exampleCoordStart + `frequency="${coord:days(1)}" start="2024-01-01T05:00Z" end="2025-01-01T05:00Z" timezone="GMT-05:00"` + exampleCoordNS + exampleActionOpen + "${coord:formatTime(coord:nominalTime(), 'yyyy-MM-dd')}" + exampleActionClose + exampleCoordClose,
		Fixable: true,
	},
}

func runTZ004(pass *lint.Pass) {
	r := newReporter(pass)
	eachZone(pass.Project, func(z ir.Zone, what string) { checkSystemV(r, pass, z, what) })
}

func checkSystemV(r *reporter, pass *lint.Pass, z ir.Zone, what string) {
	id, ok := knownText(z.Text)
	if !ok || !z.Resolved || !oozietime.IsSystemVZone(id) {
		return
	}
	dst := len(dstChanges(z.Location, unknownFrom, unknownFrom.AddDate(scanYears, 0, 0))) > 0
	var detail string
	var fixes []diag.Edit
	if dst {
		detail = fmt.Sprintf("Java keeps %q from the tz database's retired systemv file: it follows the United States daylight saving rule of 1976 "+
			"(last Sunday of April to last Sunday of October) in every year, not any place's current rule. "+
			"Write the Region/City ID you mean, such as America/New_York.", id)
	} else {
		_, off := unknownFrom.In(z.Location).Zone()
		better := "GMT" + offsetText(off)
		fixes = editFix(valueToken(z.Text), better)
		detail = fmt.Sprintf("Java keeps %q from the tz database's retired systemv file: a fixed UTC%s offset without daylight saving time. "+
			"Write %s, which Java reads the same way, or the Region/City ID you mean.", id, offsetText(off), better)
	}
	if _, plain := plainLiteral(pass, z.Text); !plain {
		fixes = nil
	}
	r.report(valueToken(z.Text), fixes, detail, "%s %q is a deprecated SystemV ID", what, id)
}
