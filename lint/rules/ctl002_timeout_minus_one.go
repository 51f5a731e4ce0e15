package rules

import "github.com/coordc/coordc/lint"

// CTL002 reports a timeout of -1. Oozie's documentation says it waits
// forever; the code replaces every negative timeout with the maximum,
// 86400 minutes (60 days). The fix writes 86400.
var CTL002 = &lint.Analyzer{
	ID:       "CTL002",
	Name:     "timeout-minus-one",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Timeout -1 means 60 days, not forever",
		Rationale: "The coordinator specification documents `<timeout>-1</timeout>` as \"wait forever\". Oozie's code " +
			"replaces any negative timeout with `oozie.service.coord.default.max.timeout`, 86400 minutes by default, so " +
			"an action whose input never arrives times out after 60 days.\n\n" +
			"The fix writes 86400 so the definition says what happens. If inputs can really be later than that, the " +
			"server's maximum must be raised; the definition cannot ask for more.",
		Bad: exampleCoordOpen + `  <controls>
    <timeout>-1</timeout>
  </controls>
` + exampleActionOpen + "${coord:formatTime(coord:nominalTime(), 'yyyy-MM-dd')}" + exampleActionClose + exampleCoordClose,
		Good: exampleCoordOpen + `  <controls>
    <timeout>86400</timeout>
  </controls>
` + exampleActionOpen + "${coord:formatTime(coord:nominalTime(), 'yyyy-MM-dd')}" + exampleActionClose + exampleCoordClose,
		Fixable: true,
	},
	Run: runCTL002,
}

func runCTL002(p *lint.Pass) {
	for _, c := range p.Project.Coordinators {
		if t := c.Controls.Timeout; t.Resolved && t.Written == -1 {
			reportControl(p, t, "Oozie replaces a negative timeout with oozie.service.coord.default.max.timeout, 86400 minutes by default, so an action whose inputs never arrive times out after 60 days, although the specification documents -1 as no timeout. Write 86400 to say what happens.",
				"Timeout -1 means 60 days, not forever")
		}
	}
}
