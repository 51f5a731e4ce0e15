package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/urfave/cli/v2"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/hclfront"
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
		data, err := os.ReadFile(f)
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
	data, err := io.ReadAll(c.App.Reader)
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

// formatHCL is the canonical format of a file: hclwrite's, after checking
// that the file parses (hclwrite formats broken input without a word).
func formatHCL(name string, data []byte) ([]byte, hcl.Diagnostics) {
	if _, diags := hclsyntax.ParseConfig(data, name, hcl.InitialPos); diags.HasErrors() {
		return nil, diags
	}
	return hclwrite.Format(data), nil
}

// writeDiff writes a unified diff of a and b (whole-file hunk context of 3
// lines), computed from the longest common subsequence of their lines.
func writeDiff(w io.Writer, name, a, b string) {
	x, y := splitLines(a), splitLines(b)
	// lcs[i][j] is the LCS length of x[i:] and y[j:].
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type op struct {
		kind byte
		text string
	}
	var ops []op
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			ops = append(ops, op{' ', x[i]})
			i++
			j++
		case j < len(y) && (i == len(x) || lcs[i][j+1] >= lcs[i+1][j]):
			ops = append(ops, op{'+', y[j]})
			j++
		default:
			ops = append(ops, op{'-', x[i]})
			i++
		}
	}
	fmt.Fprintf(w, "--- old/%s\n+++ new/%s\n", name, name)
	const context = 3
	for k := 0; k < len(ops); {
		if ops[k].kind == ' ' {
			k++
			continue
		}
		start := max(0, k-context)
		end := k
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run-end > 2*context || run == len(ops) {
				end = min(run, end+context)
				break
			}
			end = run
		}
		aStart, aLen, bStart, bLen := hunkPos(ops[:start], ops[start:end], func(o op) byte { return o.kind })
		fmt.Fprintf(w, "@@ -%d,%d +%d,%d @@\n", aStart, aLen, bStart, bLen)
		for _, o := range ops[start:end] {
			line := o.text
			if !strings.HasSuffix(line, "\n") {
				line += "\n\\ No newline at end of file\n"
			}
			fmt.Fprintf(w, "%c%s", o.kind, line)
		}
		k = end
	}
}

// splitLines splits s after each newline, without a trailing empty line.
func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// hunkPos returns the 1-based start lines and lengths of a hunk in the old
// and new text.
func hunkPos[T any](before, hunk []T, kind func(T) byte) (aStart, aLen, bStart, bLen int) {
	for _, o := range before {
		if kind(o) != '+' {
			aStart++
		}
		if kind(o) != '-' {
			bStart++
		}
	}
	for _, o := range hunk {
		if kind(o) != '+' {
			aLen++
		}
		if kind(o) != '-' {
			bLen++
		}
	}
	return aStart + 1, aLen, bStart + 1, bLen
}
