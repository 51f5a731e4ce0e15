package main

import (
	"bufio"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/redact"

	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/server"
	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/runtime/submit"
	"github.com/urfave/cli/v2"
)

// change, ignore and update: Oozie's -change, -ignore and -update
// (runtime/scheduler's Change, Ignore, Update and UpdateDiff).

func changeCommand() *cli.Command {
	return &cli.Command{
		Name:      "change",
		Usage:     "change a coordinator job's end time, concurrency or pause time, or revive it",
		ArgsUsage: "JOB [--endtime T] [--concurrency N] [--pausetime T|\"\"] | JOB --status RUNNING | JOB --value 'endtime=T;concurrency=N;pausetime=T'",
		Flags: withServerFlags(stateFlag(),
			&cli.StringFlag{Name: "endtime", Usage: "new end `TIME` (UTC yyyy-MM-ddTHH:mmZ); WAITING/READY actions at or after it are revoked"},
			&cli.StringFlag{Name: "concurrency", Usage: "new concurrency `N` (-1: unlimited)"},
			&cli.StringFlag{Name: "pausetime", Usage: "pause `TIME`: nothing at or after it is materialized (\"\" resets it)"},
			&cli.StringFlag{Name: "status", Usage: "`RUNNING`: revive a FAILED, KILLED or IGNORED job (alone)"},
			&cli.StringFlag{Name: "value", Usage: "Oozie's -value `PAIRS`: endtime=…;concurrency=…;pausetime=… or status=RUNNING"},
		),
		Action: func(c *cli.Context) error {
			var pairs []string
			for _, name := range []string{"endtime", "concurrency", "pausetime", "status"} {
				if c.IsSet(name) {
					pairs = append(pairs, name+"="+c.String(name))
				}
			}
			if c.IsSet("value") {
				if len(pairs) > 0 {
					return usagef("change: give --value or the single flags, not both")
				}
				pairs = []string{c.String("value")}
			}
			if len(pairs) == 0 {
				return usagef("change: give --endtime, --concurrency, --pausetime or --value")
			}
			ch, err := scheduler.ParseChange(strings.Join(pairs, ";"))
			if err != nil {
				return usagef("change: %v", err)
			}
			return jobOp(c, false, func(req *scheduler.Request) error {
				req.Op, req.Change = scheduler.OpChange, ch
				return nil
			})
		},
	}
}

func ignoreCommand() *cli.Command {
	return &cli.Command{
		Name:      "ignore",
		Usage:     "ignore a KILLED or FAILED coordinator job, or failed actions of a job",
		ArgsUsage: "JOB [--action 1-3,7 | --date FROM::TO,...]",
		Flags: withServerFlags(stateFlag(),
			&cli.StringFlag{Name: "action", Usage: "ignore the KILLED, FAILED or TIMEDOUT actions `SCOPE` (numbers and ranges: 1-3,7)"},
			&cli.StringFlag{Name: "date", Usage: "ignore the actions with nominal times in `SCOPE` (2024-01-01T00:00Z::2024-01-03T00:00Z,...)"},
		),
		Action: func(c *cli.Context) error {
			return jobOp(c, false, func(req *scheduler.Request) error {
				req.Op = scheduler.OpIgnore
				return nil
			})
		},
	}
}

func updateCommand() *cli.Command {
	return &cli.Command{
		Name:      "update",
		Usage:     "run a new definition or new properties in a coordinator job, for the actions not yet materialized",
		ArgsUsage: "JOB [FILE] [--dry-run] [--properties F] [-D name=value]",
		Flags: append([]cli.Flag{stateFlag(),
			&cli.BoolFlag{Name: "dry-run", Usage: "change nothing; print how the actions left change (as plan --against)"},
			&cli.IntFlag{Name: "count", Usage: "with --dry-run: compare only the next `N` actions (0: all left)"},
			showSecretsFlag(),
		}, append(paramFlags(), serverFlags()...)...),
		Action: runUpdate,
	}
}

// runUpdate compiles FILE (default: the job's definition path) with the
// given properties (default: the job's stored ones) and updates the job or,
// with --dry-run, prints the plan diff; through --server the server
// compiles and answers the same.
func runUpdate(c *cli.Context) error {
	pos := c.Args().Slice()
	if len(pos) < 1 || len(pos) > 2 {
		return usagef("update: give a JOB id and optionally the new definition FILE")
	}
	file := ""
	if len(pos) == 2 {
		var err error
		if file, err = filepath.Abs(pos[1]); err != nil {
			return usagef("update: %v", err)
		}
	}
	cl, err := remoteClient(c)
	if err != nil {
		return err
	}
	if cl != nil {
		return runUpdateRemote(c, cl, pos[0], file)
	}
	st, err := openExisting(c)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := c.Context
	u, diags, err := submit.LoadUpdate(ctx, st, pos[0], file, loadOptions(c))
	if err != nil {
		if errors.Is(err, state.ErrNotFound) {
			return opError(err)
		}
		return withCode(exitProblems, err)
	}
	pol := secretPolicy(c, u.Result.Project)
	if diags.HasErrors() {
		errw := redact.NewWriter(c.App.ErrWriter, pol)
		diag.WriteText(errw, errorsOnly(diags), u.Result.Sources)
		errw.Flush()
		return withCode(exitProblems, nil)
	}
	logger := slog.New(slog.NewTextHandler(c.App.ErrWriter, &slog.HandlerOptions{Level: slog.LevelWarn}))
	s := newScheduler(st, logger, "", 0, nil, nil)
	if c.Bool("dry-run") {
		rw := redact.NewWriter(c.App.Writer, pol)
		w := bufio.NewWriter(rw)
		_, err := u.Diff(ctx, s, w, c.Int("count"))
		if ferr := errors.Join(w.Flush(), rw.Flush()); err == nil && ferr != nil {
			return withCode(exitInternal, ferr)
		}
		return opError(err)
	}
	if err := u.Apply(ctx, s); err != nil {
		return opError(err)
	}
	fmt.Fprintln(c.App.Writer, "job "+u.Job.ID+" updated")
	return nil
}

// runUpdateRemote is update through a server: the file (on the server's
// file system) and the properties go as Oozie's update configuration.
func runUpdateRemote(c *cli.Context, cl *server.Client, job, file string) error {
	if c.Bool("show-secrets") {
		return usagef("update: --show-secrets works on a state database, not through --server")
	}
	for _, name := range []string{"var-file", "var"} {
		if len(c.StringSlice(name)) > 0 {
			return usagef("update: --%s works on a state database, not through --server (give -D or --properties)", name)
		}
	}
	props, err := clientProperties(c, "update")
	if err != nil {
		return err
	}
	if file != "" {
		props["oozie.coord.application.path"] = file
	}
	diff, err := cl.Update(c.Context, job, props, c.Bool("dry-run"), c.Int("count"))
	if err != nil {
		return remoteCompileError(c, err)
	}
	if c.Bool("dry-run") {
		fmt.Fprint(c.App.Writer, diff)
		return nil
	}
	fmt.Fprintln(c.App.Writer, "job "+job+" updated")
	return nil
}
