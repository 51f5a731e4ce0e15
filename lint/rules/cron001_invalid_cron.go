package rules

import (
	"strconv"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/java"
	"github.com/coordc/coordc/lint"
	"github.com/hashicorp/hcl/v2"
)

// CRON001 reports cron frequencies Oozie rejects (a malformed field, a
// value out of range, an expression that never fires or not before the
// end) and cron text Quartz accepts but reads differently than written
// ("*/0" is every minute, "JANUARY" is read as JAN). The compiler finds
// both; the runner files its CRON001 warnings under this rule, and the rule
// re-reports the rejections (E1003) under its ID with the exact field.
var CRON001 = &lint.Analyzer{
	ID:       "CRON001",
	Name:     "invalid-cron-field",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Cron frequency field is invalid or not read as written",
		Rationale: "A coordinator frequency that is not an integer is a cron expression of exactly five fields separated " +
			"by single spaces (minute, hour, day-of-month, month, day-of-week), read by Quartz and evaluated in UTC. " +
			"Oozie rejects the job (E1003) when a field is malformed or out of range (day-of-week is 1–7, 0 is an error), " +
			"when the expression never fires (`0 0 30 2 *`), or when it does not fire before the end.\n\n" +
			"Quartz also accepts text it does not read the way it looks: it reads only the first three letters of a name " +
			"(`JANUARY` is JAN), ignores what follows a number (`5X` is 5) and reads a step of 0 as 1 (`*/0` is every " +
			"minute). Write each field so that it says what it does.",
		Bad:  exampleCoordStart + `frequency="*/0 * * * *" start="2024-01-01T00:00Z" end="2025-01-01T00:00Z" timezone="UTC"` + exampleCoordNS + exampleActionOpen + "${coord:formatTime(coord:nominalTime(), 'yyyy-MM-dd')}" + exampleActionClose + exampleCoordClose,
		Good: exampleCoordStart + `frequency="*/15 * * * *" start="2024-01-01T00:00Z" end="2025-01-01T00:00Z" timezone="UTC"` + exampleCoordNS + exampleActionOpen + "${coord:formatTime(coord:nominalTime(), 'yyyy-MM-dd')}" + exampleActionClose + exampleCoordClose,
	},
	Run: runCRON001,
}

// cronRejectCodes are the codes of the compiler's cron rejections: E1003
// for parse and submit checks, E0803 when only one of Oozie's two
// day-field readings never fires (a NullPointerException in Oozie).
var cronRejectCodes = map[diag.Code]bool{diag.E1003: true, diag.E0803: true}

func runCRON001(p *lint.Pass) {
	for _, c := range p.Project.Coordinators {
		t := c.Frequency.Text
		if t == nil || !t.Known {
			continue
		}
		v := java.Trim(t.Value)
		if _, err := strconv.ParseInt(v, 10, 32); err == nil || v == "" {
			continue // an integer frequency, or none at all: not cron
		}
		for _, d := range p.Compile {
			if d.Severity == hcl.DiagError && cronRejectCodes[diag.CodeOf(d)] && within(d, t.Range) {
				p.Reportf(*d.Subject, d.Detail, "%s", d.Summary)
			}
		}
	}
}
