package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/redact"

	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/urfave/cli/v2"
)

// change, ignore and update: Oozie's -change, -ignore and -update
// (runtime/scheduler's Change, Ignore, Update and UpdateDiff).

func changeCommand() *cli.Command {
	return &cli.Command{
		Name:      "change",
		Usage:     "change a coordinator job's end time, concurrency or pause time, or revive it",
		ArgsUsage: "JOB [--endtime T] [--concurrency N] [--pausetime T|\"\"] | JOB --status RUNNING | JOB --value 'endtime=T;concurrency=N;pausetime=T'",
		Flags: []cli.Flag{stateFlag(),
			&cli.StringFlag{Name: "endtime", Usage: "new end `TIME` (UTC yyyy-MM-ddTHH:mmZ); WAITING/READY actions at or after it are revoked"},
			&cli.StringFlag{Name: "concurrency", Usage: "new concurrency `N` (-1: unlimited)"},
			&cli.StringFlag{Name: "pausetime", Usage: "pause `TIME`: nothing at or after it is materialized (\"\" resets it)"},
			&cli.StringFlag{Name: "status", Usage: "`RUNNING`: revive a FAILED, KILLED or IGNORED job (alone)"},
			&cli.StringFlag{Name: "value", Usage: "Oozie's -value `PAIRS`: endtime=…;concurrency=…;pausetime=… or status=RUNNING"},
		},
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
			return jobOp(c, false, func(ctx context.Context, s *scheduler.Scheduler, job string, _ *scheduler.Selection, _ *cli.Context) (string, error) {
				return "job " + job + " changed", s.Change(ctx, job, ch)
			})
		},
	}
}

func ignoreCommand() *cli.Command {
	return &cli.Command{
		Name:      "ignore",
		Usage:     "ignore a KILLED or FAILED coordinator job, or failed actions of a job",
		ArgsUsage: "JOB [--action 1-3,7 | --date FROM::TO,...]",
		Flags: []cli.Flag{stateFlag(),
			&cli.StringFlag{Name: "action", Usage: "ignore the KILLED, FAILED or TIMEDOUT actions `SCOPE` (numbers and ranges: 1-3,7)"},
			&cli.StringFlag{Name: "date", Usage: "ignore the actions with nominal times in `SCOPE` (2024-01-01T00:00Z::2024-01-03T00:00Z,...)"},
		},
		Action: func(c *cli.Context) error {
			return jobOp(c, false, func(ctx context.Context, s *scheduler.Scheduler, job string, sel *scheduler.Selection, _ *cli.Context) (string, error) {
				if sel == nil {
					return "job " + job + " ignored", s.Ignore(ctx, job, nil)
				}
				return "actions of job " + job + " ignored", s.Ignore(ctx, job, sel)
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
		}, paramFlags()...),
		Action: runUpdate,
	}
}

// runUpdate compiles FILE (default: the job's definition path) with the
// given properties (default: the job's stored ones) and updates the job or,
// with --dry-run, prints the plan diff.
func runUpdate(c *cli.Context) error {
	pos := c.Args().Slice()
	if len(pos) < 1 || len(pos) > 2 {
		return usagef("update: give a JOB id and optionally the new definition FILE")
	}
	st, err := openExisting(c)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := c.Context
	job, err := st.GetJob(ctx, pos[0])
	if err != nil {
		return opError(err)
	}
	file := job.AppPath
	if len(pos) == 2 {
		if file, err = filepath.Abs(pos[1]); err != nil {
			return usagef("update: %v", err)
		}
	}
	opts := loadOptions(c)
	if len(opts.PropertiesFiles)+len(opts.Defines)+len(opts.VarFiles)+len(opts.Vars) == 0 {
		var props map[string]string
		if err := json.Unmarshal([]byte(job.Conf), &props); err != nil {
			return withCode(exitInternal, fmt.Errorf("job %s: stored properties: %w", job.ID, err))
		}
		for _, k := range slices.Sorted(maps.Keys(props)) {
			opts.Defines = append(opts.Defines, k+"="+props[k])
		}
	}
	res, diags := compiler.Load([]string{file}, opts)
	pol := secretPolicy(c, res.Project)
	if diags.HasErrors() {
		errw := redact.NewWriter(c.App.ErrWriter, pol)
		diag.WriteText(errw, errorsOnly(diags), res.Sources)
		errw.Flush()
		return withCode(exitProblems, nil)
	}
	var coord *ir.Coordinator
	for _, co := range res.Project.Coordinators {
		if co.Name != nil && co.Name.Value == job.AppName {
			coord = co
		}
	}
	if coord == nil {
		return withCode(exitProblems, fmt.Errorf("update: %s has no coordinator named %q (job %s)", file, job.AppName, job.ID))
	}
	logger := slog.New(slog.NewTextHandler(c.App.ErrWriter, &slog.HandlerOptions{Level: slog.LevelWarn}))
	s := newScheduler(st, logger, "", 0, nil, nil)
	if c.Bool("dry-run") {
		rw := redact.NewWriter(c.App.Writer, pol)
		w := bufio.NewWriter(rw)
		_, err := s.UpdateDiff(ctx, w, job.ID, coord, c.Int("count"))
		if ferr := errors.Join(w.Flush(), rw.Flush()); err == nil && ferr != nil {
			return withCode(exitInternal, ferr)
		}
		return opError(err)
	}
	if err := s.Update(ctx, job.ID, coord, scheduler.Meta{AppPath: file, Sources: absSources(res.Sources)}); err != nil {
		return opError(err)
	}
	fmt.Fprintln(c.App.Writer, "job "+job.ID+" updated")
	return nil
}
