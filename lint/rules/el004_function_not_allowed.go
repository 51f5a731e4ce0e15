package rules

import "github.com/coordc/coordc/lint"

// EL004 reports EL functions used where Oozie does not offer them, such as
// coord:current in the action configuration, coord:dataIn in an SLA or
// coord:hoursInDay in a frequency. The compiler finds them; the runner
// files its EL004 diagnostics under this rule.
var EL004 = &lint.Analyzer{
	ID:       "EL004",
	Name:     "function-not-allowed-here",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "EL function is not available where it is written",
		Rationale: "Oozie evaluates each part of a coordinator with its own set of EL functions. `coord:current` and " +
			"`coord:latest` exist only in `<instance>`, `<start-instance>` and `<end-instance>`; in the action configuration " +
			"use `coord:dataIn('event')` to get the URIs they resolved to. `coord:dataIn` is not available in an SLA, and " +
			"`coord:hoursInDay`, `coord:daysInMonth` and `coord:tzOffset` are not available in a frequency. Oozie rejects " +
			"the job, or fails the action when the expression is only evaluated at run time.",
		Bad:  exampleCoordOpen + exampleActionOpen + "${coord:current(0)}" + exampleActionClose + exampleCoordClose,
		Good: exampleCoordOpen + exampleActionOpen + "${coord:formatTime(coord:nominalTime(), 'yyyy-MM-dd')}" + exampleActionClose + exampleCoordClose,
	},
}
