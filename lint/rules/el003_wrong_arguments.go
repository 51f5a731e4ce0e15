package rules

import "github.com/coordc/coordc/lint"

// EL003 reports EL calls with the wrong number of arguments or with an
// argument of the wrong type. The compiler finds them; the runner files its
// EL003 diagnostics under this rule, and Run restates those of HCL files
// with fixes in HCL syntax.
var EL003 = &lint.Analyzer{
	ID:       "EL003",
	Name:     "wrong-arguments",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "EL call has the wrong number or type of arguments",
		Rationale: "Every coordinator EL function takes a fixed list of typed arguments: `coord:formatTime(ts, pattern)` needs both, " +
			"`coord:current(n)` an integer, `coord:offset(n, unit)` a unit name such as `'DAY'`. Oozie resolves the function " +
			"by name and argument count and converts each argument, so a missing argument or a value it cannot convert fails " +
			"the submission or, in the action configuration, every action.",
		Bad:  exampleCoordOpen + exampleActionOpen + "${coord:formatTime(coord:nominalTime())}" + exampleActionClose + exampleCoordClose,
		Good: exampleCoordOpen + exampleActionOpen + "${coord:formatTime(coord:nominalTime(), 'yyyy-MM-dd')}" + exampleActionClose + exampleCoordClose,
	}, Run: runCompileFixes,
}
