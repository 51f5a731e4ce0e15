package rules

import (
	"fmt"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/java"
	"github.com/coordc/coordc/lint"
)

// DST005 reports coord:days and coord:months in a timeout, and the DAYS
// constant in an SLA, which are fixed durations (24 hours, 30 days) rather
// than calendar days and months.
var DST005 = &lint.Analyzer{
	ID:       "DST005",
	Name:     "fixed-duration-units",
	Severity: lint.Info,
	Run:      runDST005,
	Doc: lint.Doc{
		Title: "Timeout or SLA duration written in days or months is a fixed number of minutes",
		Rationale: "Oozie converts a `<timeout>` to minutes: `${coord:days(n)}` becomes n × 1440 and " +
			"`${coord:months(n)}` n × 43200, i.e. months of exactly 30 days. In an SLA, `DAYS` is the constant " +
			"1440. None of them is a calendar day or month: around a daylight saving change a \"day\" ends an hour " +
			"off the same local time, and a \"month\" is 30 days whatever the month's length.\n\n" +
			"`coord:days` is reported only in zones with daylight saving time, where the difference shows. The " +
			"fix writes a timeout in hours, which Oozie reads as the same number of minutes.",
		Bad: `<coordinator-app name="daily" frequency="${coord:days(1)}"
    start="2009-01-02T08:00Z" end="2010-01-02T08:00Z" timezone="UTC"
    xmlns="uri:oozie:coordinator:0.4">
  <controls>
    <timeout>${coord:months(1)}</timeout>
  </controls>
  <action>
    <workflow>
      <app-path>hdfs:///apps/daily</app-path>
    </workflow>
  </action>
</coordinator-app>
`,
		Good: `<coordinator-app name="daily" frequency="${coord:days(1)}"
    start="2009-01-02T08:00Z" end="2010-01-02T08:00Z" timezone="UTC"
    xmlns="uri:oozie:coordinator:0.4">
  <controls>
    <timeout>${coord:hours(720)}</timeout>
  </controls>
  <action>
    <workflow>
      <app-path>hdfs:///apps/daily</app-path>
    </workflow>
  </action>
</coordinator-app>
`,
		Fixable: true,
	},
}

func runDST005(pass *lint.Pass) {
	r := newReporter(pass)
	for _, c := range coordinators(pass.Project) {
		timeout := c.Controls.Timeout.Text
		if len(callsTo(timeout, "coord:days", "coord:months")) == 0 && c.SLA == nil {
			continue
		}
		dst := false
		if c.Timezone.Resolved {
			from, to := coordWindow(c)
			_, dst = firstDSTChange(c.Timezone.Location, from, to)
		}
		if timeout != nil && c.Controls.Timeout.Resolved {
			checkTimeoutUnits(r, c, timeout, dst)
		}
		if c.SLA == nil || !dst {
			continue
		}
		for _, f := range c.SLA.Fields {
			checkSLADays(r, c, f)
		}
	}
}

// checkTimeoutUnits reports the coord:days (in a DST zone) and coord:months
// calls of a timeout.
func checkTimeoutUnits(r *reporter, c *ir.Coordinator, t *ir.Text, dst bool) {
	whole, _ := singleExpr(t)
	for _, call := range callsTo(t, "coord:days", "coord:months") {
		months := call.QualifiedName() == "coord:months"
		if !months && !dst {
			continue
		}
		n, lit := int64(0), false
		if len(call.Args) == 1 {
			n, lit = intLit(call.Args[0])
		}
		fixes := editFix(call.Range, fnCall(call.Range, "coord:hours", n*24))
		what := fmt.Sprintf("a fixed 24 hours per day, not calendar days: around a daylight saving change in %s it ends an hour before or after the same local time", c.Timezone.ID)
		if months {
			fixes = editFix(call.Range, fnCall(call.Range, "coord:hours", n*720))
			what = "months of exactly 30 days (43200 minutes), whatever the length of the month"
		}
		if e, ok := whole.(*ir.Call); !lit || !ok || e != call {
			// Oozie's unit is a side channel: rewriting part of a larger
			// expression could change how the rest is read.
			fixes = nil
		}
		detail := fmt.Sprintf("Oozie converts a timeout to minutes, so %s is %d minutes: %s. Write the timeout in hours or minutes "+
			"(for example %s) so the definition says what Oozie does.", java.Trim(t.Raw), c.Controls.Timeout.Written, what,
			wholeValue(call.Range, fnName(call.Range, "coord:hours")+"(n)"))
		r.report(call.Range, fixes, detail, "Timeout %q is a fixed number of minutes, not calendar %s",
			callText(call), map[bool]string{true: "months", false: "days"}[months])
	}
}

// checkSLADays reports the DAYS constant in an SLA field.
func checkSLADays(r *reporter, c *ir.Coordinator, f *ir.SLAField) {
	if f.Value == nil {
		return
	}
	ir.WalkTemplate(f.Value.Template, func(e ir.Expr) bool {
		id, ok := e.(*ir.Ident)
		if !ok || id.Name != "DAYS" {
			return true
		}
		detail := fmt.Sprintf("In an SLA, DAYS is the constant 1440 minutes: a fixed 24 hours, so around a daylight saving change in %s "+
			"the %s limit is an hour before or after the same local time on the next day. If that is what you mean, write %s "+
			"so it reads as what Oozie does.", c.Timezone.ID, f.Name, wholeValue(id.Range, "24 * HOURS"))
		r.report(id.Range, nil, detail, "SLA field %q uses DAYS, a fixed 24 hours, not a calendar day", f.Name)
		return true
	})
}

// callText renders a call with integer literal arguments as written,
// "coord:days(2)"; other arguments are shown as "…".
func callText(c *ir.Call) string {
	s := c.QualifiedName() + "("
	for i, a := range c.Args {
		if i > 0 {
			s += ", "
		}
		if v, ok := intLit(a); ok {
			s += fmt.Sprint(v)
		} else {
			s += "…"
		}
	}
	return s + ")"
}
