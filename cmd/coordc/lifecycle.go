package main

import (
	"context"
	"strings"

	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/urfave/cli/v2"
)

// change and ignore: Oozie's -change and -ignore (runtime/scheduler's
// Change and Ignore).

func changeCommand() *cli.Command {
	return &cli.Command{
		Name:      "change",
		Usage:     "change a coordinator job's end time, concurrency or pause time",
		ArgsUsage: "JOB [--endtime T] [--concurrency N] [--pausetime T|\"\"] | JOB --value 'endtime=T;concurrency=N;pausetime=T'",
		Flags: []cli.Flag{stateFlag(),
			&cli.StringFlag{Name: "endtime", Usage: "new end `TIME` (UTC yyyy-MM-ddTHH:mmZ); WAITING/READY actions at or after it are revoked"},
			&cli.StringFlag{Name: "concurrency", Usage: "new concurrency `N` (-1: unlimited)"},
			&cli.StringFlag{Name: "pausetime", Usage: "pause `TIME`: nothing at or after it is materialized (\"\" resets it)"},
			&cli.StringFlag{Name: "value", Usage: "Oozie's -value `PAIRS`: endtime=…;concurrency=…;pausetime=…"},
		},
		Action: func(c *cli.Context) error {
			var pairs []string
			for _, name := range []string{"endtime", "concurrency", "pausetime"} {
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
