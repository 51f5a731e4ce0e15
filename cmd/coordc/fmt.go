package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/coordc/coordc/lint"

	"github.com/hashicorp/hcl/v2"
	"github.com/urfave/cli/v2"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/hclfront"
	"github.com/coordc/coordc/compiler/inputfile"
)

func fmtCommand() *cli.Command {
	return &cli.Command{
		Name:  "fmt",
		Usage: "rewrite .coord.hcl files in the canonical format",
		Description: "Like terraform fmt: formats the given .coord.hcl files (a directory means its .coord.hcl files,\n" +
			"\"-\" reads stdin and writes stdout; no PATH means the current directory) and lists the files it changed.\n" +
			"With -check nothing is written and the exit code is 1 when a file is not formatted.",
		ArgsUsage: "[PATH...]",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "check", Usage: "write nothing; exit 1 when any file would change"},
			&cli.BoolFlag{Name: "diff", Usage: "show the changes as a unified diff"},
			&cli.BoolFlag{Name: "write", Value: true, Usage: "write the result to the file (-write=false to only list)"},
		},
		Action: runFmt,
	}
}

func runFmt(c *cli.Context) error {
	args := c.Args().Slice()
	if len(args) == 0 {
		args = []string{"."}
	}
	if len(args) == 1 && args[0] == "-" {
		return fmtStdin(c)
	}
	var files []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			return usagef("fmt: %v", err)
		}
		if !st.IsDir() {
			if !hclfront.IsHCLFile(a) {
				return usagef("fmt: %s is not a %s file", a, hclfront.Extension)
			}
			files = append(files, a)
			continue
		}
		found, err := filepath.Glob(filepath.Join(a, "*"+hclfront.Extension))
		if err != nil {
			return usagef("fmt: %v", err)
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	write := c.Bool("write") && !c.Bool("check")
	changed, problems := false, false
	src := diag.Sources{}
	var diags hcl.Diagnostics
	for _, f := range files {
		data, err := inputfile.Read(f, 0)
		if err != nil {
			return usagef("fmt: %v", err)
		}
		src[f] = data
		out, d := formatHCL(f, data)
		diags = append(diags, d...)
		if d.HasErrors() {
			problems = true
			continue
		}
		if bytes.Equal(out, data) {
			continue
		}
		changed = true
		fmt.Fprintln(c.App.Writer, f)
		if c.Bool("diff") {
			writeDiff(c.App.Writer, f, string(data), string(out))
		}
		if write {
			if err := os.WriteFile(f, out, 0o644); err != nil {
				return withCode(exitProblems, fmt.Errorf("fmt: %v", err))
			}
		}
	}
	if problems {
		diag.WriteText(c.App.ErrWriter, errorsOnly(diags), src)
		return withCode(exitProblems, nil)
	}
	if changed && c.Bool("check") {
		return withCode(exitProblems, nil)
	}
	return nil
}

// fmtStdin formats standard input to standard output.
func fmtStdin(c *cli.Context) error {
	data, err := inputfile.ReadAll(c.App.Reader, 0)
	if err != nil {
		return withCode(exitInternal, err)
	}
	out, diags := formatHCL("<stdin>", data)
	if diags.HasErrors() {
		diag.WriteText(c.App.ErrWriter, diags, diag.Sources{"<stdin>": data})
		return withCode(exitProblems, nil)
	}
	if c.Bool("check") {
		if !bytes.Equal(out, data) {
			return withCode(exitProblems, nil)
		}
		return nil
	}
	if c.Bool("diff") {
		writeDiff(c.App.Writer, "<stdin>", string(data), string(out))
		return nil
	}
	_, err = c.App.Writer.Write(out)
	return err
}

// formatHCL is the canonical format of a file (hclfront.Format).
func formatHCL(name string, data []byte) ([]byte, hcl.Diagnostics) {
	return hclfront.Format(name, data)
}

// writeDiff writes a unified diff of a and b (lint.UnifiedDiff).
func writeDiff(w io.Writer, name, a, b string) {
	io.WriteString(w, lint.UnifiedDiff(name, []byte(a), []byte(b)))
}
