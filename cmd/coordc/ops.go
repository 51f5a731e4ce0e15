package main

import (
	"fmt"
	"log/slog"

	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/state"
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
			return jobOp(c, false, func(req *scheduler.Request) error {
				req.Op = scheduler.OpKill
				return nil
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
			return jobOp(c, false, func(req *scheduler.Request) error {
				req.Op = scheduler.OpSuspend
				return nil
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
			return jobOp(c, false, func(req *scheduler.Request) error {
				req.Op = scheduler.OpResume
				return nil
			})
		},
	}
}

func rerunCommand() *cli.Command {
	return &cli.Command{
		Name:      "rerun",
		Usage:     "run finished actions of a coordinator job (or of a bundle job's coordinators) again",
		ArgsUsage: "JOB (--action 1-3,7 | --date FROM::TO,...) [--refresh] [--nocleanup] [--failed] | BUNDLE (--coordinator NAMES | --date FROM::TO,...)",
		Flags: withServerFlags(stateFlag(),
			&cli.StringFlag{Name: "coordinator", Usage: "with a bundle job: rerun only the coordinators `NAMES` (entry names or job IDs, comma-separated)"},
			&cli.StringFlag{Name: "action", Usage: "rerun the actions `SCOPE` (numbers and ranges: 1-3,7)"},
			&cli.StringFlag{Name: "date", Usage: "rerun the actions with nominal times in `SCOPE` (2024-01-01T00:00Z::2024-01-03T00:00Z,...)"},
			&cli.BoolFlag{Name: "refresh", Usage: "resolve the input dependencies again"},
			&cli.BoolFlag{Name: "nocleanup", Usage: "keep the output directories (deleted before the rerun otherwise)"},
			&cli.BoolFlag{Name: "failed", Usage: "rerun only the failed workflow actions: each action's workflow runs again in place, its nodes that ended OK skipped"},
		),
		Action: func(c *cli.Context) error {
			if c.Args().Len() == 1 && state.IsBundleID(c.Args().First()) {
				return rerunBundle(c)
			}
			if c.IsSet("coordinator") {
				return usagef("rerun: --coordinator applies to a bundle job (an ID ending in -B)")
			}
			return jobOp(c, true, func(req *scheduler.Request) error {
				req.Op = scheduler.OpRerun
				req.Rerun = scheduler.RerunOptions{Refresh: c.Bool("refresh"), NoCleanup: c.Bool("nocleanup"), Failed: c.Bool("failed")}
				return nil
			})
		},
	}
}

// jobOperation completes the request of an ops command: the job and the
// selection (--action, --date) are filled in; it sets the operation and
// its options.
type jobOperation func(req *scheduler.Request) error

// jobOp parses `JOB [flags]` and runs the operation op makes, on the state
// database or through --server: both print the operation's result
// (scheduler.Result); needSel makes --action or --date mandatory.
func jobOp(c *cli.Context, needSel bool, op jobOperation) error {
	pos := c.Args().Slice()
	name := c.Command.Name
	if len(pos) != 1 {
		return usagef("%s: give exactly one JOB id (see coordc jobs)", name)
	}
	req := scheduler.Request{Job: pos[0]}
	var err error
	if hasFlag(c, "action") {
		if req.Sel, err = parseSelection(name, c.String("action"), c.String("date")); err != nil {
			return err
		}
	}
	if needSel && req.Sel == nil {
		return usagef("%s: give --action SCOPE or --date SCOPE", name)
	}
	if err := op(&req); err != nil {
		return err
	}
	cl, err := remoteClient(c)
	if err != nil {
		return err
	}
	if cl != nil {
		if err := cl.Do(c.Context, req); err != nil {
			return remoteError(err)
		}
		fmt.Fprintln(c.App.Writer, req.Result())
		return nil
	}
	return withLocalScheduler(c, func(s *scheduler.Scheduler) error {
		res, err := s.Do(c.Context, req)
		if err == nil {
			fmt.Fprintln(c.App.Writer, res)
		}
		return err
	})
}

// withLocalScheduler runs an operation with a scheduler on the state
// database (--state, COORDC_STATE or the runtime settings); an error of
// the operation is reported as opError reports it.
func withLocalScheduler(c *cli.Context, op func(*scheduler.Scheduler) error) error {
	st, err := openExisting(c)
	if err != nil {
		return err
	}
	defer st.Close()
	rt, err := loadRuntime(c)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(c.App.ErrWriter, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if err := op(newScheduler(st, logger, "", 0, rt, nil)); err != nil {
		return opError(err)
	}
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
