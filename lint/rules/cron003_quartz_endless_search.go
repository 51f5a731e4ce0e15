package rules

import (
	"time"

	"github.com/coordc/coordc/compiler/cron"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/java"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/lint"
)

// CRON003 reports cron frequencies on which Quartz's search for the next
// fire never ends before the job's end ('L-nW' with n ≥ 28 in some months),
// so Oozie's materialization would hang. (0W, on which Oozie's submit itself
// hangs, is a load error reported under CRON001.)
var CRON003 = &lint.Analyzer{
	ID:       "CRON003",
	Name:     "cron-hangs-oozie",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "Cron frequency makes Oozie hang",
		Rationale: "Oozie hands cron frequencies to Quartz 2.3.2, whose search for the next fire loops forever on some " +
			"day-of-month terms: `L-28W`, `L-29W` and `L-30W` reach before the first day of a short month, and from " +
			"some months on (for `40 15 L-28W * ?`, after 2034-01-03) Quartz never returns. Oozie submits the job, " +
			"materializes the actions up to that point and then spins in its materialization thread; coordc's plan " +
			"stops there and says so. (`0W`, on which Oozie's submit itself hangs, is a CRON001 error.)\n\n" +
			"Write `L-n` without W, `LW`, or the days you mean.",
		Bad:  exampleCoordStart + `frequency="40 15 L-28W * ?" start="2033-06-01T00:00Z" end="2035-01-01T00:00Z" timezone="UTC"` + exampleCoordNS + exampleActionOpen + "${coord:formatTime(coord:nominalTime(), 'yyyy-MM-dd')}" + exampleActionClose + exampleCoordClose,
		Good: exampleCoordStart + `frequency="40 15 LW * ?" start="2033-06-01T00:00Z" end="2035-01-01T00:00Z" timezone="UTC"` + exampleCoordNS + exampleActionOpen + "${coord:formatTime(coord:nominalTime(), 'yyyy-MM-dd')}" + exampleActionClose + exampleCoordClose,
	},
	Run: runCRON003,
}

func runCRON003(pass *lint.Pass) {
	r := newReporter(pass)
	for _, c := range coordinators(pass.Project) {
		f := c.Frequency
		if !f.Resolved || f.Unit != ir.UnitCron || f.Text == nil || !c.Start.Resolved || !c.End.Resolved {
			continue
		}
		expr, err := cron.Parse(f.Cron)
		if err != nil {
			continue // CRON001
		}
		after, loops := expr.LoopsBefore(c.Start.Time, c.End.Time)
		if !loops {
			continue
		}
		when := "the first action"
		if after.After(c.Start.Time.Add(-time.Minute)) {
			when = "the action of " + oozietime.FormatDateTime(after)
		}
		r.report(valueToken(f.Text), nil,
			"Quartz never finds the fire after "+oozietime.FormatDateTime(after)+" (its search loops forever on 'L-nW' with n ≥ 28 in some months), "+
				"so Oozie's materialization of this job would spin there instead of creating the next action; coordc's plan stops there too. "+
				"Write 'L-n' without W, 'LW', or the days you mean.",
			"Cron frequency %q makes Oozie hang after %s", java.Trim(f.Cron), when)
	}
}
