package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/inputfile"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/wfapp"
	"github.com/coordc/coordc/runtime/storage"
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
	defs, workflows := splitWorkflowFiles(c.Args().Slice())
	res, diags := compiler.Load(defs, loadOptions(c))
	if len(defs) == 0 {
		diags = nil // only workflow files were named
	}
	diags = append(diags, validateWorkflows(res, workflows)...)
	diag.Sort(diags)
	if code := usageCode(diags); code != 0 {
		writeDiags(c, format, diags, res.Sources)
		return withCode(code, nil)
	}
	if err := writeDiags(c, format, diags, res.Sources); err != nil {
		return withCode(exitInternal, err)
	}
	if format == "text" {
		n := len(res.Project.Coordinators) + len(res.Project.Bundles) + len(res.Project.DatasetFiles) + len(workflows)
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
	return diag.WriteTextPalette(c.App.Writer, diags, src, palette(c))
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
	if strings.HasSuffix(noun, "x") || strings.HasSuffix(noun, "s") || strings.HasSuffix(noun, "ch") {
		return fmt.Sprintf("%d %ses", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// splitWorkflowFiles separates the Oozie workflow definitions named on the
// command line (root <workflow-app>) from the coordinator, bundle and
// dataset definitions the compiler loads.
func splitWorkflowFiles(paths []string) (defs, workflows []string) {
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && !st.IsDir() && compiler.IsWorkflowApp(p) {
			workflows = append(workflows, p)
			continue
		}
		defs = append(defs, p)
	}
	return defs, workflows
}

// validateWorkflows compiles workflow definitions as the workflow engine
// does (package compiler/wfapp): the files named on the command line, and the workflow.xml of every
// coordinator whose app-path is on the local file system (as coordc apply
// resolves it). An unsupported action type (hive, pig, spark …) is a
// positioned error here, not a failure at run time. Remote app-paths are not
// read.
func validateWorkflows(res *compiler.Result, files []string) hcl.Diagnostics {
	var diags hcl.Diagnostics
	seen := map[string]bool{}
	check := func(path string) {
		if seen[path] {
			return
		}
		seen[path] = true
		data, err := inputfile.Read(path, 0)
		if err != nil {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: fmt.Sprintf("Cannot read %q", path), Detail: err.Error(), Extra: &diag.Extra{Code: compiler.CodeUsage}})
			return
		}
		res.Sources[path] = data
		_, d := wfapp.Compile(path, data)
		diags = append(diags, d...)
	}
	for _, f := range files {
		check(f)
	}
	coords := append([]*ir.Coordinator(nil), res.Project.Coordinators...)
	for _, b := range res.Project.Bundles {
		for _, bc := range b.Coordinators {
			if bc.Coordinator != nil {
				coords = append(coords, bc.Coordinator)
			}
		}
	}
	for _, c := range coords {
		rc, err := resolveAppPath(c, c.File)
		if err != nil || rc.Action == nil || rc.Action.AppPath == nil || !rc.Action.AppPath.Known {
			continue
		}
		dir, err := storage.LocalPath(rc.Action.AppPath.Value)
		if err != nil {
			continue
		}
		if path := filepath.Join(dir, "workflow.xml"); fileExists(path) {
			check(path)
		}
	}
	return diags
}

func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir()
}
