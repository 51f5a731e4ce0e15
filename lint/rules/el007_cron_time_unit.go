package rules

import (
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lint"
)

// EL007 reports the time unit 'CRON' given to coord:dateOffset or
// coord:offset: Oozie's TimeUnit.CRON has the java.util.Calendar field 0,
// Calendar.ERA, so the call adds eras, not anything cron-like.
var EL007 = &lint.Analyzer{
	ID:       "EL007",
	Name:     "cron-time-unit",
	Severity: lint.Warning,
	Run:      runEL007,
	Doc: lint.Doc{
		Title: "Time unit CRON adds Java eras",
		Rationale: "`coord:dateOffset(ts, n, unit)` and `coord:offset(n, unit)` take a name of Oozie's TimeUnit enum and add " +
			"`n` of its `java.util.Calendar` field. `CRON` is a member of the enum, so Oozie accepts it, but its field is 0, " +
			"`Calendar.ERA`: a positive `n` changes nothing, and a negative one moves the date to the same day BC in the " +
			"Julian calendar, which Oozie prints without the era. `coord:dateOffset('2016-02-29T10:00Z', -1, 'CRON')` is " +
			"`2016-03-01T10:00Z` (2016 BC has no February 29th); other dates come back unchanged.\n\n" +
			"Write the unit you mean: MINUTE, HOUR, DAY, WEEK, MONTH or YEAR.",
		Bad:  exampleCoordOpen + exampleActionOpen + "${coord:dateOffset(coord:nominalTime(), -1, 'CRON')}" + exampleActionClose + exampleCoordClose,
		Good: exampleCoordOpen + exampleActionOpen + "${coord:dateOffset(coord:nominalTime(), -1, 'DAY')}" + exampleActionClose + exampleCoordClose,
	},
}

func runEL007(pass *lint.Pass) {
	r := newReporter(pass)
	for _, c := range coordinators(pass.Project) {
		coordTexts(c, func(t *ir.Text) {
			for _, call := range callsTo(t, "coord:dateOffset", "coord:offset") {
				unit := call.Args[len(call.Args)-1]
				if lit, ok := unit.(*ir.Literal); ok && lit.Kind == ir.LitString && lit.Str == "CRON" {
					r.report(unit.SrcRange(), nil,
						"Oozie's TimeUnit CRON has the Calendar field ERA: a positive amount changes nothing, a negative one moves the date "+
							"to the same day BC in the Julian calendar and Oozie prints it without the era (February 29th becomes March 1st). "+
							"Write the unit you mean: MINUTE, HOUR, DAY, WEEK, MONTH or YEAR.",
						"%s with time unit 'CRON' adds Java eras", call.QualifiedName())
				}
			}
		})
	}
}
