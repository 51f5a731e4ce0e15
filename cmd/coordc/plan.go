package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/compiler/redact"
	"github.com/coordc/coordc/lower/plan"
	"github.com/coordc/coordc/lower/schedule"
	"github.com/coordc/coordc/schemas"
	"github.com/hashicorp/hcl/v2"
	"github.com/urfave/cli/v2"
)

func planCommand() *cli.Command {
	return &cli.Command{
		Name:      "plan",
		Usage:     "expand a coordinator (or bundle) into its exact schedule of actions",
		ArgsUsage: "FILE",
		Flags: append(paramFlags(),
			&cli.StringFlag{Name: "from", Usage: "first nominal `TIME` to show (UTC yyyy-MM-ddTHH:mmZ, inclusive)"},
			&cli.StringFlag{Name: "to", Usage: "nominal `TIME` to stop before (UTC yyyy-MM-ddTHH:mmZ, exclusive)"},
			&cli.IntFlag{Name: "count", Usage: "show only the first `N` actions of the window"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: "text", Usage: "output `FORMAT`: text, markdown or json"},
			&cli.StringFlag{Name: "out", Usage: "also write the plan as a JSON snapshot to `FILE`"},
			&cli.StringFlag{Name: "against", Usage: "show only what changed since the snapshot `FILE`"},
			&cli.BoolFlag{Name: "check", Usage: "with --against: exit 2 when the snapshot is stale"},
			&cli.BoolFlag{Name: "detailed-exitcode", Usage: "with --against: exit 2 when there are changes, 0 when none"},
			showSecretsFlag(),
		),
		Action: runPlan,
	}
}

func runPlan(c *cli.Context) error {
	if c.NArg() != 1 {
		return usagef("plan: give exactly one FILE")
	}
	opts, err := planOptions(c)
	if err != nil {
		return err
	}
	if (c.Bool("check") || c.Bool("detailed-exitcode")) && c.String("against") == "" {
		return usagef("plan: --check and --detailed-exitcode need --against SNAPSHOT")
	}
	res, diags := compiler.Load(c.Args().Slice(), loadOptions(c))
	pol := secretPolicy(c, res.Project)
	errw := redact.NewWriter(c.App.ErrWriter, pol)
	defer errw.Flush()
	if code := usageCode(diags); code != 0 {
		diag.WriteText(errw, diags, res.Sources)
		return withCode(code, nil)
	}
	jobs, jdiags := planJobs(res.Project, opts)
	jobs = redactJobs(jobs, pol)
	diags = append(diags, jdiags...)
	if diags.HasErrors() {
		diag.WriteText(errw, errorsOnly(diags), res.Sources)
		return withCode(exitProblems, nil)
	}
	if path := c.String("out"); path != "" {
		if err := writeSnapshot(path, jobs, opts); err != nil {
			return err
		}
	}
	if snap := c.String("against"); snap != "" {
		return runDiff(c, snap, jobs, opts, res.Sources, pol)
	}
	rw := redact.NewWriter(c.App.Writer, pol)
	w := bufio.NewWriterSize(rw, 64<<10)
	_, pdiags := plan.Write(w, jobs, opts)
	if err := errors.Join(w.Flush(), rw.Flush()); err != nil {
		return withCode(exitInternal, err)
	}
	if pdiags.HasErrors() {
		diag.WriteText(errw, pdiags, res.Sources)
		return withCode(exitProblems, nil)
	}
	return nil
}

func runDiff(c *cli.Context, snapshot string, jobs []plan.Job, opts plan.Options, src diag.Sources, pol *redact.Policy) error {
	f, err := os.Open(snapshot)
	if err != nil {
		return usagef("plan: %v", err)
	}
	defer f.Close()
	rw := redact.NewWriter(c.App.Writer, pol)
	w := bufio.NewWriter(rw)
	changed, _, diags := plan.Diff(w, bufio.NewReader(f), jobs, opts)
	if err := errors.Join(w.Flush(), rw.Flush()); err != nil {
		return withCode(exitInternal, err)
	}
	if diags.HasErrors() {
		errw := redact.NewWriter(c.App.ErrWriter, pol)
		diag.WriteText(errw, diags, src)
		errw.Flush()
		return withCode(exitProblems, nil)
	}
	if changed && (c.Bool("check") || c.Bool("detailed-exitcode")) {
		return withCode(exitChanges, nil)
	}
	return nil
}

func writeSnapshot(path string, jobs []plan.Job, opts plan.Options) error {
	f, err := os.Create(path)
	if err != nil {
		return usagef("plan: %v", err)
	}
	w := bufio.NewWriterSize(f, 64<<10)
	opts.Format = plan.FormatJSON
	_, diags := plan.Write(w, jobs, opts)
	if err := w.Flush(); err != nil {
		f.Close()
		return withCode(exitInternal, err)
	}
	if err := f.Close(); err != nil {
		return withCode(exitInternal, err)
	}
	if diags.HasErrors() {
		return withCode(exitProblems, fmt.Errorf("plan: writing %s: %s", path, diags.Error()))
	}
	return nil
}

func planOptions(c *cli.Context) (plan.Options, error) {
	opts := plan.Options{TZDataVersion: schemas.TZDataVersion(), Count: c.Int("count")}
	switch f := plan.Format(c.String("output")); f {
	case plan.FormatText, plan.FormatMarkdown, plan.FormatJSON:
		opts.Format = f
	default:
		return opts, usagef("plan: unknown output format %q (text, markdown or json)", f)
	}
	if opts.Count < 0 {
		return opts, usagef("plan: --count must not be negative")
	}
	for _, fl := range []struct {
		name string
		dst  *time.Time
	}{{"from", &opts.WindowFrom}, {"to", &opts.WindowTo}} {
		if v := c.String(fl.name); v != "" {
			t, err := oozietime.ParseDateTime(v)
			if err != nil {
				return opts, usagef("plan: --%s: %v", fl.name, err)
			}
			*fl.dst = t
		}
	}
	return opts, nil
}

// planJobs turns every coordinator of the project, and every enabled
// coordinator of its bundles, into a plan job. Values a schedule needs must
// be known: an undefined parameter there is an error.
func planJobs(p *ir.Project, opts plan.Options) ([]plan.Job, hcl.Diagnostics) {
	type entry struct {
		name  string
		coord *ir.Coordinator
	}
	var entries []entry
	for _, c := range p.Coordinators {
		entries = append(entries, entry{coord: c})
	}
	for _, b := range p.Bundles {
		for _, bc := range b.Coordinators {
			if bc.Coordinator == nil || !bundleEntryEnabled(bc) {
				continue
			}
			var name string
			if bc.Name != nil && bc.Name.Known {
				name = bc.Name.Value
			}
			entries = append(entries, entry{name: name, coord: bc.Coordinator})
		}
	}
	var jobs []plan.Job
	var diags hcl.Diagnostics
	if len(entries) == 0 {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Nothing to plan",
			Detail: "The file defines no coordinator, and no bundle coordinator could be loaded from the local file system. Plan a coordinator-app file, or a bundle whose app-paths are local."})
	}
	for _, e := range entries {
		c := e.coord
		if d := plannable(c); d != nil {
			diags = append(diags, d)
			continue
		}
		name := e.name
		if name == "" {
			name = c.Name.Value
		}
		sopts := schedule.Options{From: opts.WindowFrom, To: opts.WindowTo, Count: opts.Count}
		jobs = append(jobs, plan.Job{
			Name:                 name,
			Timezone:             c.Timezone.ID,
			Frequency:            canonical(c.Frequency.Text),
			FrequencyDescription: describeFrequency(c),
			Start:                c.Start.Time,
			End:                  c.End.Time,
			Each: func(yield func(*schedule.Action) bool) hcl.Diagnostics {
				return schedule.Walk(c, sopts, yield)
			},
		})
	}
	return jobs, diags
}

// bundleEntryEnabled applies Boolean.parseBoolean to a bundle entry's
// enabled flag (absent means enabled), as Oozie does.
func bundleEntryEnabled(bc *ir.BundleCoordinator) bool {
	if bc.Enabled == nil {
		return true
	}
	return bc.Enabled.Known && strings.EqualFold(strings.TrimSpace(bc.Enabled.Value), "true")
}

// plannable returns an error diagnostic when a value the schedule needs is
// unknown (it depends on an undefined parameter).
func plannable(c *ir.Coordinator) *hcl.Diagnostic {
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

func describeFrequency(c *ir.Coordinator) string {
	f := c.Frequency
	switch f.Unit {
	case ir.UnitCron:
		return fmt.Sprintf("cron %q evaluated in UTC", f.Cron)
	case ir.UnitMinute:
		if f.N%60 == 0 {
			return fmt.Sprintf("every %d hours (absolute time)", f.N/60)
		}
		return fmt.Sprintf("every %d minutes (absolute time)", f.N)
	}
	unit := map[ir.TimeUnit]string{ir.UnitDay: "day", ir.UnitWeek: "week", ir.UnitMonth: "month", ir.UnitYear: "year"}[f.Unit]
	s := fmt.Sprintf("every %d %s(s) of local time in %s", f.N, unit, c.Timezone.ID)
	if f.EndOf != ir.EndOfNone && f.EndOf != "" {
		s += fmt.Sprintf(", aligned to the %s boundary", unit)
	}
	return s
}

func errorsOnly(diags hcl.Diagnostics) hcl.Diagnostics {
	var out hcl.Diagnostics
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			out = append(out, d)
		}
	}
	return out
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
