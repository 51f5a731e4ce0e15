package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/coordc/coordc/runtime/launch"
	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/state"
	"github.com/urfave/cli/v2"
)

func logsCommand() *cli.Command {
	return &cli.Command{
		Name:      "logs",
		Usage:     "print the workflow nodes, launcher records, stdout and stderr of a job's actions",
		ArgsUsage: "JOB [--action 1-3,7]",
		Flags: []cli.Flag{stateFlag(),
			&cli.StringFlag{Name: "action", Usage: "only the actions `SCOPE` (numbers and ranges: 1-3,7)"},
		},
		Action: runLogs,
	}
}

func runLogs(c *cli.Context) error {
	pos := c.Args().Slice()
	if len(pos) != 1 {
		return usagef("logs: give exactly one JOB id (see coordc jobs)")
	}
	job := pos[0]
	var numbers []int
	if scope := c.String("action"); scope != "" {
		var err error
		if numbers, err = scheduler.ParseActions(scope); err != nil {
			return usagef("logs: --action: %v", err)
		}
	}
	st, err := openExisting(c.String("state"))
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := c.Context
	if numbers == nil {
		rep, err := st.Status(ctx, job)
		if err != nil {
			return opError(err)
		}
		for _, a := range rep.Jobs[0].Actions {
			numbers = append(numbers, a.Number)
		}
	} else if _, err := st.GetJob(ctx, job); err != nil {
		return opError(err)
	}
	w := bufio.NewWriter(c.App.Writer)
	for _, n := range numbers {
		if err := writeActionLogs(ctx, w, st, state.ActionID(job, n)); err != nil {
			return opError(err)
		}
	}
	if err := w.Flush(); err != nil {
		return withCode(exitInternal, err)
	}
	return nil
}

// writeActionLogs prints every run of one action: its workflow job, each
// node entered, and for nodes that ran a process the launcher's exit record,
// stdout and stderr.
func writeActionLogs(ctx context.Context, w io.Writer, st *state.Store, actionID string) error {
	a, err := st.GetAction(ctx, actionID)
	if err != nil {
		return err
	}
	runs, err := workflowRuns(ctx, st.ReadDB(), actionID)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "==> action %s (nominal time %s): %s\n", a.ID, state.FormatTime(a.Nominal), a.Status)
	if a.ErrorMessage != "" {
		fmt.Fprintf(w, "    error %s: %s\n", dash(a.ErrorCode), a.ErrorMessage)
	}
	if len(runs) == 0 {
		fmt.Fprintln(w, "    no workflow has run yet")
	}
	for _, r := range runs {
		fmt.Fprintf(w, "==> workflow %s (%s, run %d): %s\n", r.ID, r.AppName, r.Run, r.Status)
		for _, n := range r.Nodes {
			writeNodeLogs(w, r, n)
		}
	}
	return nil
}

func writeNodeLogs(w io.Writer, r wfRun, n wfNode) {
	line := fmt.Sprintf("--> %s (%s): %s", n.Name, n.Type, n.Status)
	if n.Transition != "" {
		line += " → " + n.Transition
	}
	if n.Start != "" {
		line += fmt.Sprintf(", %s – %s", n.Start, dash(n.End))
	}
	fmt.Fprintln(w, line)
	if n.ErrorCode != "" || n.ErrorMessage != "" {
		fmt.Fprintf(w, "    error %s: %s\n", dash(n.ErrorCode), n.ErrorMessage)
	}
	if r.Dir == "" {
		return
	}
	writeAttempts(w, r.Dir, n.Name)
	dir := filepath.Join(r.Dir, n.Name)
	exit, err := os.ReadFile(filepath.Join(dir, launch.ExitFile))
	if errors.Is(err, os.ErrNotExist) && n.Type != "shell" {
		return // a node that ran no process
	}
	fmt.Fprintf(w, "    launcher: process %s, directory %s, exit record %q\n", dash(n.ExternalID), dir, strings.TrimSpace(string(exit)))
	writeOutputs(w, dir)
}

// writeOutputs prints the stdout and stderr files of a node directory.
func writeOutputs(w io.Writer, dir string) {
	for _, f := range []string{launch.StdoutFile, launch.StderrFile} {
		data, err := os.ReadFile(filepath.Join(dir, f))
		switch {
		case errors.Is(err, os.ErrNotExist):
			fmt.Fprintf(w, "--- %s: none\n", f)
		case err != nil:
			fmt.Fprintf(w, "--- %s: %v\n", f, err)
		default:
			fmt.Fprintf(w, "--- %s (%d bytes)\n", f, len(data))
			w.Write(data)
			if len(data) > 0 && data[len(data)-1] != '\n' {
				fmt.Fprintln(w)
			}
		}
	}
}
