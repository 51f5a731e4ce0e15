package main

import (
	"bufio"
	"errors"

	"github.com/coordc/coordc/compiler/redact"
	"github.com/coordc/coordc/runtime/actionlog"
	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/urfave/cli/v2"
)

func logsCommand() *cli.Command {
	return &cli.Command{
		Name:      "logs",
		Usage:     "print the workflow nodes, launcher records, stdout and stderr of a job's actions",
		ArgsUsage: "JOB [--action 1-3,7]",
		Flags: withServerFlags(stateFlag(),
			&cli.StringFlag{Name: "action", Usage: "only the actions `SCOPE` (numbers and ranges: 1-3,7)"},
			showSecretsFlag(),
		),
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
	cl, err := remoteClient(c)
	if err != nil {
		return err
	}
	pol := secretPolicy(c, nil)
	if cl != nil {
		// The server masks the secrets it knows (always: --show-secrets
		// shows nothing more through a server).
		rw := redact.NewWriter(c.App.Writer, pol)
		w := bufio.NewWriter(rw)
		if err := cl.Logs(c.Context, job, c.String("action"), w); err != nil {
			return remoteError(err)
		}
		if err := errors.Join(w.Flush(), rw.Flush()); err != nil {
			return withCode(exitInternal, err)
		}
		return nil
	}
	st, err := openExisting(c)
	if err != nil {
		return err
	}
	defer st.Close()
	if j, err := st.GetJob(c.Context, job); err == nil {
		pol.AddJSON(j.Conf)
	}
	rw := redact.NewWriter(c.App.Writer, pol)
	w := bufio.NewWriter(rw)
	if err := actionlog.WriteJob(c.Context, w, st, job, numbers, ""); err != nil {
		return opError(err)
	}
	if err := errors.Join(w.Flush(), rw.Flush()); err != nil {
		return withCode(exitInternal, err)
	}
	return nil
}
