package rules

import "github.com/coordc/coordc/lint"

// EL002 reports calls of functions Oozie coordinators do not have, with a
// did-you-mean fix when one catalog name is clearly meant. The compiler
// finds them; the runner files its EL002 diagnostics under this rule, and
// Run restates those of HCL files with fixes in HCL syntax.
var EL002 = &lint.Analyzer{
	ID:       "EL002",
	Name:     "unknown-function",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "EL function does not exist",
		Rationale: "Coordinator EL knows the `coord:` functions and `hadoop:conf`; names are case-sensitive and need their prefix. " +
			"A misspelt name (`coord:nominaltime`, `dateOffset` without `coord:`) makes Oozie reject the job, or fail each action " +
			"when the call is in the action configuration.\n\n" +
			"When exactly one known function is a likely typo of the name, the finding carries a fix that renames the call.",
		Bad:     exampleCoordOpen + exampleActionOpen + "${coord:formatTime(coord:nominaltime(), 'yyyy-MM-dd')}" + exampleActionClose + exampleCoordClose,
		Good:    exampleCoordOpen + exampleActionOpen + "${coord:formatTime(coord:nominalTime(), 'yyyy-MM-dd')}" + exampleActionClose + exampleCoordClose,
		Fixable: true,
	}, Run: runCompileFixes,
}
