package main

import (
	"fmt"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/hashicorp/hcl/v2"
	"github.com/urfave/cli/v2"
)

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "check coordinator, bundle and dataset definitions without computing a schedule",
		ArgsUsage: "FILE|DIR...",
		Flags: append(paramFlags(),
			&cli.BoolFlag{Name: "strict", Usage: "treat undefined parameters as errors"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: "text", Usage: "output `FORMAT`: text or json"},
		),
		Action: runValidate,
	}
}

func runValidate(c *cli.Context) error {
	if c.NArg() == 0 {
		return usagef("validate: give at least one FILE or DIR")
	}
	format := c.String("output")
	if format != "text" && format != "json" {
		return usagef("validate: unknown output format %q (text or json)", format)
	}
	res, diags := compiler.Load(c.Args().Slice(), loadOptions(c))
	if code := usageCode(diags); code != 0 {
		writeDiags(c, format, diags, res.Sources)
		return withCode(code, nil)
	}
	if err := writeDiags(c, format, diags, res.Sources); err != nil {
		return withCode(exitInternal, err)
	}
	if format == "text" {
		n := len(res.Project.Coordinators) + len(res.Project.Bundles) + len(res.Project.DatasetFiles)
		errs, warns := count(diags)
		fmt.Fprintf(c.App.Writer, "%s: %s, %s\n", countOf(n, "definition"), countOf(errs, "error"), countOf(warns, "warning"))
	}
	if diags.HasErrors() {
		return withCode(exitProblems, nil)
	}
	return nil
}

// usageCode returns exitUsage when any diagnostic is about the invocation.
func usageCode(diags hcl.Diagnostics) int {
	for _, d := range diags {
		if diag.CodeOf(d) == compiler.CodeUsage {
			return exitUsage
		}
	}
	return 0
}

func writeDiags(c *cli.Context, format string, diags hcl.Diagnostics, src diag.Sources) error {
	if format == "json" {
		return diag.WriteJSON(c.App.Writer, diags)
	}
	return diag.WriteText(c.App.Writer, diags, src)
}

func count(diags hcl.Diagnostics) (errs, warns int) {
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			errs++
		} else {
			warns++
		}
	}
	return errs, warns
}

// countOf formats n with a noun, plural unless n is 1.
func countOf(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
