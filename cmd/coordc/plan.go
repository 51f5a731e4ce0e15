package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/compiler/redact"
	"github.com/coordc/coordc/lower/plan"
	"github.com/coordc/coordc/schemas"
	"github.com/hashicorp/hcl/v2"
	"github.com/urfave/cli/v2"
)

func planCommand() *cli.Command {
	return &cli.Command{
		Name:      "plan",
		Usage:     "expand a coordinator (or bundle) into its exact schedule of actions",
		ArgsUsage: "FILE...",
		Flags: append(paramFlags(),
			&cli.StringFlag{Name: "from", Usage: "first nominal `TIME` to show (UTC yyyy-MM-ddTHH:mmZ, inclusive)"},
			&cli.StringFlag{Name: "to", Usage: "nominal `TIME` to stop before (UTC yyyy-MM-ddTHH:mmZ, exclusive)"},
			&cli.IntFlag{Name: "count", Usage: "show only the first `N` actions of the window"},
			&cli.BoolFlag{Name: "all", Usage: "text and markdown: show every action of an unbounded window (by default the first 1000 per coordinator)"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: "text", Usage: "output `FORMAT`: text, markdown, json, html (interactive timeline page) or svg (timeline picture)"},
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
	if c.NArg() == 0 {
		return usagef("plan: give a FILE (or several: the coordinators of a pipeline)")
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
	if opts.Format != plan.FormatJSON && !c.Bool("all") && c.String("out") == "" && c.String("against") == "" {
		opts.Horizon = plan.DefaultHorizon // Jobs applies it only to an unbounded window
	}
	jobs, jdiags := plan.Jobs(res.Project, opts)
	jobs = redactJobs(jobs, pol)
	diags = append(diags, jdiags...)
	if diags.HasErrors() {
		diag.WriteText(errw, errorsOnly(diags), res.Sources)
		return withCode(exitProblems, nil)
	}
	if isPicture(opts.Format) {
		addPictureData(&opts, c.Args().First(), res, jobs, diags)
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
	opts := plan.Options{TZDataVersion: schemas.TZDataVersion(), Count: c.Int("count"), Palette: palette(c)}
	switch f := plan.Format(c.String("output")); f {
	case plan.FormatText, plan.FormatMarkdown, plan.FormatJSON, plan.FormatHTML, plan.FormatSVG:
		opts.Format = f
	default:
		return opts, usagef("plan: unknown output format %q (text, markdown, json, html or svg)", f)
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

func errorsOnly(diags hcl.Diagnostics) hcl.Diagnostics {
	var out hcl.Diagnostics
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			out = append(out, d)
		}
	}
	return out
}
