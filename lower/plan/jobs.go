package plan

import (
	"fmt"
	"strconv"
	"time"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lower/schedule"
	"github.com/hashicorp/hcl/v2"
)

// Jobs turns every coordinator of the project, and every enabled
// coordinator of its bundles (compiler.EnabledCoordinators), into a Job
// whose actions are opts' window of its schedule. Values a schedule needs
// must be known: a coordinator where one depends on an undefined parameter
// is an error (see Plannable), and so is a project with nothing to plan.
func Jobs(p *ir.Project, opts Options) ([]Job, hcl.Diagnostics) {
	type entry struct {
		name  string
		coord *ir.Coordinator
	}
	var entries []entry
	for _, c := range p.Coordinators {
		entries = append(entries, entry{coord: c})
	}
	for _, b := range p.Bundles {
		for _, bc := range compiler.EnabledCoordinators(b) {
			var name string
			if bc.Name != nil && bc.Name.Known {
				name = bc.Name.Value
			}
			entries = append(entries, entry{name: name, coord: bc.Coordinator})
		}
	}
	var jobs []Job
	var diags hcl.Diagnostics
	if len(entries) == 0 {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Nothing to plan",
			Detail: "The file defines no coordinator, and no bundle coordinator could be loaded from the local file system. Plan a coordinator-app file, or a bundle whose app-paths are local."})
	}
	for _, e := range entries {
		c := e.coord
		if d := Plannable(c); d != nil {
			diags = append(diags, d)
			continue
		}
		name := e.name
		if name == "" {
			name = c.Name.Value
		}
		sopts := schedule.Options{From: opts.WindowFrom, To: opts.WindowTo, Count: opts.Count}
		total, shown, capped := 0, 0, false
		if opts.Horizon > 0 && opts.Count <= 0 && opts.WindowTo.IsZero() {
			if total, capped = countActions(c, opts.WindowFrom); total > opts.Horizon {
				sopts.Count, shown = opts.Horizon, opts.Horizon
			} else {
				total, capped = 0, false
			}
		}
		jobs = append(jobs, Job{
			Total:                total,
			Shown:                shown,
			TotalCapped:          capped,
			Name:                 name,
			Range:                c.Name.Range,
			Timezone:             c.Timezone.ID,
			Frequency:            frequencyValue(c),
			FrequencyDescription: DescribeFrequency(c),
			Start:                c.Start.Time,
			End:                  c.End.Time,
			Each: func(yield func(*schedule.Action) bool) hcl.Diagnostics {
				return schedule.Walk(c, sopts, yield)
			},
		})
	}
	return jobs, diags
}

// countActions counts the nominal times of c from from (inclusive), up to
// MaxCount.
func countActions(c *ir.Coordinator, from time.Time) (int, bool) {
	it := schedule.Nominals(c)
	n := 0
	for {
		nom, ok := it.Next()
		if !ok {
			return n, false
		}
		if !from.IsZero() && nom.Time.Before(from) {
			continue
		}
		if n++; n >= MaxCount {
			return n, true
		}
	}
}

// Plannable returns an error diagnostic when a value the schedule of c
// needs is unknown (it depends on an undefined parameter), and nil when c
// can be planned.
func Plannable(c *ir.Coordinator) *hcl.Diagnostic {
	type need struct {
		ok   bool
		t    *ir.Text
		what string
	}
	needs := []need{
		{c.Name != nil && c.Name.Known, c.Name, "name"},
		{c.Frequency.Resolved, c.Frequency.Text, "frequency"},
		{c.Start.Resolved, c.Start.Text, "start"},
		{c.End.Resolved, c.End.Text, "end"},
		{c.Timezone.Resolved, c.Timezone.Text, "timezone"},
	}
	var used []*ir.Dataset
	for _, in := range c.Inputs {
		used = append(used, in.Dataset)
	}
	for _, out := range c.Outputs {
		used = append(used, out.Dataset)
	}
	for _, ds := range used {
		if ds == nil {
			continue
		}
		q := fmt.Sprintf(" of dataset %q", ds.Name)
		needs = append(needs,
			need{ds.Frequency.Resolved, ds.Frequency.Text, "frequency" + q},
			need{ds.InitialInstance.Resolved, ds.InitialInstance.Text, "initial-instance" + q},
			need{ds.Timezone.Resolved, ds.Timezone.Text, "timezone" + q},
			need{ds.URITemplate != nil && ds.URITemplate.Known, ds.URITemplate, "uri-template" + q})
	}
	for _, n := range needs {
		if !n.ok {
			rng := c.DeclRange
			if n.t != nil {
				rng = n.t.Range
			}
			d := diag.Errorf(rng, "", "Cannot plan: the %s is not known", n.what)
			d.Detail = "It depends on a parameter that no properties file or -D defines (see the warnings of coordc validate). Pass the job's properties with --properties FILE or -D name=value."
			return d
		}
	}
	return nil
}

// DescribeFrequency says in words how often c runs and on which clock: the
// frequency_description of a plan.
func DescribeFrequency(c *ir.Coordinator) string {
	f := c.Frequency
	switch f.Unit {
	case ir.UnitCron:
		return fmt.Sprintf("cron %q evaluated in UTC", f.Cron)
	case ir.UnitMinute:
		if f.N%60 == 0 {
			return fmt.Sprintf("every %s (absolute time)", countNoun(f.N/60, "hour"))
		}
		return fmt.Sprintf("every %s (absolute time)", countNoun(f.N, "minute"))
	}
	unit := map[ir.TimeUnit]string{ir.UnitDay: "day", ir.UnitWeek: "week", ir.UnitMonth: "month", ir.UnitYear: "year"}[f.Unit]
	s := fmt.Sprintf("every %s of local time in %s", countNoun(f.N, unit), c.Timezone.ID)
	if f.EndOf != ir.EndOfNone && f.EndOf != "" {
		s += fmt.Sprintf(", aligned to the %s boundary", unit)
	}
	return s
}

// countNoun writes "1 day", "2 days".
func countNoun(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// frequencyValue is the frequency as written, canonical; when it reads
// job properties (${frequency}), the value they give, written as Oozie
// EL (canonical, as written frequencies are) from the resolved unit, so a
// plan never shows a parameter's name.
func frequencyValue(c *ir.Coordinator) string {
	t := c.Frequency.Text
	if t.Template == nil || !c.Frequency.Resolved || !readsVariables(t.Template) {
		return canonical(t)
	}
	f := c.Frequency
	switch {
	case f.Unit == ir.UnitCron:
		return f.Cron
	case f.Unit == ir.UnitMinute:
		return strconv.Itoa(f.N)
	case f.EndOf == ir.EndOfDay:
		return fmt.Sprintf("coord:endOfDays(%d)", f.N)
	case f.EndOf == ir.EndOfMonth:
		return fmt.Sprintf("coord:endOfMonths(%d)", f.N)
	case f.EndOf == ir.EndOfWeek:
		return fmt.Sprintf("coord:endOfWeeks(%d)", f.N)
	}
	fn := map[ir.TimeUnit]string{ir.UnitHour: "hours", ir.UnitDay: "days", ir.UnitWeek: "weeks", ir.UnitMonth: "months", ir.UnitYear: "years"}[f.Unit]
	if fn == "" {
		return canonical(t)
	}
	return fmt.Sprintf("coord:%s(%d)", fn, f.N)
}

// readsVariables reports whether a template refers to a variable.
func readsVariables(t *ir.Template) bool {
	found := false
	ir.WalkTemplate(t, func(e ir.Expr) bool {
		if _, ok := e.(*ir.Ident); ok {
			found = true
		}
		return !found
	})
	return found
}

// canonical prints a text as canonical EL, so plans of an XML definition and
// of its HCL conversion are byte-identical; as written if it does not parse.
func canonical(t *ir.Text) string {
	if t.Template != nil {
		if s, err := el.Format(t.Template); err == nil {
			return s
		}
	}
	return t.Raw
}
