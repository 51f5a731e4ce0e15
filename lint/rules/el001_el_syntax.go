package rules

import "github.com/coordc/coordc/lint"

// EL001 reports EL expressions that do not parse. The compiler finds them
// while loading; the runner files its EL001 diagnostics under this rule.
var EL001 = &lint.Analyzer{
	ID:       "EL001",
	Name:     "el-syntax",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "EL expression does not parse",
		Rationale: "Oozie evaluates `${...}` expressions with the JSP 2.0 expression language. " +
			"An expression that does not parse fails the submission (E1004) or, in an action's configuration, " +
			"fails every action when it is materialized, long after the job was accepted.\n\n" +
			"The finding points at the token where parsing stopped and says what was expected there.",
		Bad:  exampleCoordOpen + exampleActionOpen + "${coord:formatTime(coord:nominalTime(), 'yyyy-MM-dd'}" + exampleActionClose + exampleCoordClose,
		Good: exampleCoordOpen + exampleActionOpen + "${coord:formatTime(coord:nominalTime(), 'yyyy-MM-dd')}" + exampleActionClose + exampleCoordClose,
	},
}
