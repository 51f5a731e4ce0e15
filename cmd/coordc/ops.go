package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/urfave/cli/v2"
)

// The operations on jobs, named after Oozie's CLI (oozie job -kill,
// -suspend, -resume, -rerun). They work on the state database while an
// apply runs on it: the change is committed here (with the runner calls it
// needs) and apply's next tick, which it starts as soon as it notices the
// commit, carries on from it.

func killCommand() *cli.Command {
	return &cli.Command{
		Name:      "kill",
		Usage:     "kill a coordinator job, or some of its actions",
		ArgsUsage: "JOB [--action 1-3,7 | --date FROM::TO,...]",
		Flags: withServerFlags(stateFlag(),
			&cli.StringFlag{Name: "action", Usage: "kill only the actions `SCOPE` (numbers and ranges: 1-3,7)"},
			&cli.StringFlag{Name: "date", Usage: "kill only the actions with nominal times in `SCOPE` (2024-01-01T00:00Z::2024-01-03T00:00Z,...)"},
		),
		Action: func(c *cli.Context) error {
			return jobOp(c, false, func(ctx context.Context, s *scheduler.Scheduler, job string, sel *scheduler.Selection, o *cli.Context) (string, error) {
				if sel == nil {
					return "job " + job + " killed", s.Kill(ctx, job)
				}
				return "actions of job " + job + " killed", s.KillActions(ctx, job, *sel)
			})
		},
	}
}

func suspendCommand() *cli.Command {
	return &cli.Command{
		Name:      "suspend",
		Usage:     "suspend a coordinator job: nothing new starts until resume",
		ArgsUsage: "JOB",
		Flags:     withServerFlags(stateFlag()),
		Action: func(c *cli.Context) error {
			return jobOp(c, false, func(ctx context.Context, s *scheduler.Scheduler, job string, _ *scheduler.Selection, _ *cli.Context) (string, error) {
				return "job " + job + " suspended", s.Suspend(ctx, job)
			})
		},
	}
}

func resumeCommand() *cli.Command {
	return &cli.Command{
		Name:      "resume",
		Usage:     "resume a suspended coordinator job",
		ArgsUsage: "JOB",
		Flags:     withServerFlags(stateFlag()),
		Action: func(c *cli.Context) error {
			return jobOp(c, false, func(ctx context.Context, s *scheduler.Scheduler, job string, _ *scheduler.Selection, _ *cli.Context) (string, error) {
				return "job " + job + " resumed", s.Resume(ctx, job)
			})
		},
	}
}

func rerunCommand() *cli.Command {
	return &cli.Command{
		Name:      "rerun",
		Usage:     "run finished actions of a coordinator job again",
		ArgsUsage: "JOB (--action 1-3,7 | --date FROM::TO,...) [--refresh] [--nocleanup]",
		Flags: withServerFlags(stateFlag(),
			&cli.StringFlag{Name: "action", Usage: "rerun the actions `SCOPE` (numbers and ranges: 1-3,7)"},
			&cli.StringFlag{Name: "date", Usage: "rerun the actions with nominal times in `SCOPE` (2024-01-01T00:00Z::2024-01-03T00:00Z,...)"},
			&cli.BoolFlag{Name: "refresh", Usage: "resolve the input dependencies again"},
			&cli.BoolFlag{Name: "nocleanup", Usage: "keep the output directories (deleted before the rerun otherwise)"},
		),
		Action: func(c *cli.Context) error {
			return jobOp(c, true, func(ctx context.Context, s *scheduler.Scheduler, job string, sel *scheduler.Selection, o *cli.Context) (string, error) {
				opts := scheduler.RerunOptions{Refresh: o.Bool("refresh"), NoCleanup: o.Bool("nocleanup")}
				return "actions of job " + job + " rerun", s.Rerun(ctx, job, *sel, opts)
			})
		},
	}
}

// jobOperation runs one operation on a job; sel is nil when neither
// --action nor --date was given. It returns the confirmation to print.
type jobOperation func(ctx context.Context, s *scheduler.Scheduler, job string, sel *scheduler.Selection, o *cli.Context) (string, error)

// jobOp parses `JOB [flags]`, opens the state database and runs op;
// needSel makes --action or --date mandatory.
func jobOp(c *cli.Context, needSel bool, op jobOperation) error {
	pos := c.Args().Slice()
	name := c.Command.Name
	if len(pos) != 1 {
		return usagef("%s: give exactly one JOB id (see coordc jobs)", name)
	}
	var sel *scheduler.Selection
	var err error
	if hasFlag(c, "action") {
		if sel, err = parseSelection(name, c.String("action"), c.String("date")); err != nil {
			return err
		}
	}
	if needSel && sel == nil {
		return usagef("%s: give --action SCOPE or --date SCOPE", name)
	}
	cl, err := remoteClient(c)
	if err != nil {
		return err
	}
	if cl != nil {
		if err := remoteOp(c, cl, pos[0]); err != nil {
			return err
		}
		fmt.Fprintln(c.App.Writer, opMessage(name, pos[0], sel))
		return nil
	}
	st, err := openExisting(c)
	if err != nil {
		return err
	}
	defer st.Close()
	logger := slog.New(slog.NewTextHandler(c.App.ErrWriter, &slog.HandlerOptions{Level: slog.LevelWarn}))
	rt, err := loadRuntime(c)
	if err != nil {
		return err
	}
	s := newScheduler(st, logger, "", 0, rt, nil)
	msg, err := op(c.Context, s, pos[0], sel, c)
	if err != nil {
		return opError(err)
	}
	fmt.Fprintln(c.App.Writer, msg)
	return nil
}

// hasFlag reports whether the command defines flag name.
func hasFlag(c *cli.Context, name string) bool {
	for _, f := range c.Command.Flags {
		for _, n := range f.Names() {
			if n == name {
				return true
			}
		}
	}
	return false
}

// parseSelection reads --action and --date (Oozie allows one of them);
// nil when neither is given.
func parseSelection(cmd, actions, dates string) (*scheduler.Selection, error) {
	switch {
	case actions != "" && dates != "":
		return nil, usagef("%s: give --action or --date, not both", cmd)
	case actions != "":
		nums, err := scheduler.ParseActions(actions)
		if err != nil {
			return nil, usagef("%s: --action: %v", cmd, err)
		}
		return &scheduler.Selection{Numbers: nums}, nil
	case dates != "":
		ranges, err := scheduler.ParseDates(dates)
		if err != nil {
			return nil, usagef("%s: --date: %v", cmd, err)
		}
		return &scheduler.Selection{Dates: ranges}, nil
	}
	return nil, nil
}

// opMessage is the confirmation of an operation done through a server
// (--server): the same words as the local operations print.
func opMessage(cmd, job string, sel *scheduler.Selection) string {
	switch {
	case cmd == "rerun":
		return "actions of job " + job + " rerun"
	case sel != nil:
		return "actions of job " + job + " killed"
	}
	return "job " + job + " " + map[string]string{"kill": "killed", "suspend": "suspended", "resume": "resumed"}[cmd]
}
