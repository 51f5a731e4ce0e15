package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lint"
)

// Oozie's control limits (oozie-default.xml): the maximum timeout
// (oozie.service.coord.default.max.timeout) and the throttle ceiling
// (materialization queue size 10000 × throttling factor 0.05).
const (
	maxTimeoutMinutes = 86400
	maxThrottle       = 500
)

// CTL001 reports controls Oozie silently replaces because they are out of
// its range: a timeout above 86400 minutes (or negative, other than the -1
// of CTL002) becomes 86400, a throttle below 1 or above 500 becomes 500.
// A literal value gets a fix that writes the value Oozie uses.
var CTL001 = &lint.Analyzer{
	ID:       "CTL001",
	Name:     "control-out-of-range",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Control value is out of range and silently replaced",
		Rationale: "Oozie does not reject out-of-range controls, it replaces them without a word:\n\n" +
			"- `timeout` (minutes) above `oozie.service.coord.default.max.timeout` (86400, 60 days), or negative, becomes 86400;\n" +
			"- `throttle` below 1 or above 500 (the materialization queue size times the throttling factor, 10000 × 0.05) becomes 500.\n\n" +
			"So `<throttle>0</throttle>` does not stop materialization and `<timeout>${coord:days(90)}</timeout>` waits 60 days, " +
			"not 90. The fix writes the value Oozie uses, so the definition says what happens; choose another value if that is " +
			"not what you want.",
		Bad: exampleCoordOpen + `  <controls>
    <timeout>129600</timeout>
    <throttle>1000</throttle>
  </controls>
` + exampleActionOpen + "${coord:formatTime(coord:nominalTime(), 'yyyy-MM-dd')}" + exampleActionClose + exampleCoordClose,
		Good: exampleCoordOpen + `  <controls>
    <timeout>86400</timeout>
    <throttle>500</throttle>
  </controls>
` + exampleActionOpen + "${coord:formatTime(coord:nominalTime(), 'yyyy-MM-dd')}" + exampleActionClose + exampleCoordClose,
		Fixable: true,
	},
	Run: runCTL001,
}

func runCTL001(p *lint.Pass) {
	for _, c := range p.Project.Coordinators {
		if t := c.Controls.Timeout; t.Resolved && t.Written != -1 && (t.Written < 0 || t.Written > maxTimeoutMinutes) {
			why := "above Oozie's maximum of 86400 minutes (60 days)"
			if t.Written < 0 {
				why = "negative, and only -1 is documented (see CTL002)"
			}
			reportClamped(p, t, "Timeout", fmt.Sprintf("A timeout of %d minutes is %s, so Oozie replaces it with 86400 (oozie.service.coord.default.max.timeout): waiting actions time out after 60 days. ", t.Written, why))
		}
		if t := c.Controls.Throttle; t.Resolved && (t.Written < 1 || t.Written > maxThrottle) {
			why := "above Oozie's ceiling of 500 (materialization queue size 10000 × throttling factor 0.05)"
			if t.Written < 1 {
				why = "below 1"
			}
			reportClamped(p, t, "Throttle", fmt.Sprintf("A throttle of %d is %s, so Oozie replaces it with 500: up to 500 actions may wait for their inputs at once. ", t.Written, why))
		}
	}
}

// reportClamped reports a control Oozie replaces by its Effective value.
func reportClamped(p *lint.Pass, t ir.IntControl, name, detail string) {
	reportControl(p, t, detail+fmt.Sprintf("Write %d to say what happens, or a value in Oozie's range.", t.Effective),
		fmt.Sprintf("%s %d is out of range; Oozie uses %d", name, t.Written, t.Effective))
}

// reportControl reports at a control's value, with a fix that writes the
// Effective value when the control is a plain number.
func reportControl(p *lint.Pass, t ir.IntControl, detail, summary string) {
	raw := t.Text.Raw
	num := strings.TrimSpace(raw)
	if _, err := strconv.Atoi(num); err == nil {
		lead := leadingSpace(raw)
		if rng, ok := subRange(p.Sources, t.Text, lead, len(num)); ok {
			reportFix(p, rng, []diag.Edit{{Range: rng, Text: strconv.Itoa(t.Effective)}}, detail, "%s", summary)
			return
		}
	}
	p.Reportf(t.Text.Range, detail, "%s", summary)
}
