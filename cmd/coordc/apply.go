package main

import (
	"errors"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/runtime/settings"
	"github.com/coordc/coordc/runtime/state"
	"github.com/hashicorp/hcl/v2"
	"github.com/urfave/cli/v2"
)

// defaultPoll is how often apply checks running actions by default.
const defaultPoll = time.Second

func applyCommand() *cli.Command {
	return &cli.Command{
		Name:      "apply",
		Usage:     "submit coordinators to the state database and run them until stopped (or done)",
		ArgsUsage: "FILE|DIR...",
		Flags: append(append(paramFlags(), settings.Flags()...),
			stateFlag(),
			&cli.BoolFlag{Name: "until-done", Usage: "return when every job is finished: exit 0 when all actions succeeded (or were skipped), 1 otherwise"},
			&cli.StringFlag{Name: "log-level", Value: "info", Usage: "log `LEVEL`: debug, info, warn or error"},
			&cli.StringFlag{Name: "log-format", Value: "text", Usage: "log `FORMAT`: text or json"},
			&cli.StringFlag{Name: "log-dir", Usage: "`DIR` for each action's stdout, stderr and launcher files (default: <state>-logs next to the state file)"},
			&cli.StringFlag{Name: "error-dir", Usage: "copy the output of failed actions into `DIR`"},
			&cli.DurationFlag{Name: "poll-interval", Value: defaultPoll, Usage: "how often running actions are checked (`DURATION`)"},
		),
		Action: runApply,
	}
}

func runApply(c *cli.Context) error {
	if c.NArg() == 0 {
		return usagef("apply: give at least one FILE or DIR")
	}
	if c.Duration("poll-interval") <= 0 {
		return usagef("apply: --poll-interval must be positive")
	}
	prog := newProgress(c.App.ErrWriter)
	logger, err := newLogger(prog, c.String("log-level"), c.String("log-format"))
	if err != nil {
		return err
	}
	rt, err := loadRuntime(c)
	if err != nil {
		return err
	}
	// Strict: Oozie refuses to submit a job with an undefined parameter.
	opts := loadOptions(c)
	opts.Strict = true
	res, diags := compiler.Load(c.Args().Slice(), opts)
	if code := usageCode(diags); code != 0 {
		diag.WriteText(c.App.ErrWriter, diags, res.Sources)
		return withCode(code, nil)
	}
	var targets []applyTarget
	if !diags.HasErrors() {
		var tdiags hcl.Diagnostics
		targets, tdiags = applyTargets(c.Context, res, rt)
		diags = append(diags, tdiags...)
	}
	if diags.HasErrors() {
		diag.WriteText(c.App.ErrWriter, errorsOnly(diags), res.Sources)
		return withCode(exitProblems, nil)
	}
	if len(diags) > 0 {
		diag.WriteText(c.App.ErrWriter, diags, res.Sources)
	}
	statePath := c.String("state")
	logDir := c.String("log-dir")
	if logDir == "" {
		logDir = strings.TrimSuffix(statePath, filepath.Ext(statePath)) + "-logs"
	}
	if logDir, err = filepath.Abs(logDir); err != nil {
		return usagef("apply: --log-dir: %v", err)
	}
	st, err := state.Open(statePath)
	if err != nil {
		return withCode(exitUsage, err)
	}
	defer st.Close()
	useJarCache(rt, st)

	ctx, stop := signal.NotifyContext(c.Context, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	s := newScheduler(st, logger, logDir, c.Duration("poll-interval"), rt)
	ids, err := submitTargets(ctx, s, targets)
	if err != nil {
		return err
	}
	l := &applyLoop{s: s, st: st, rt: rt, jobs: ids, untilDone: c.Bool("until-done"), progress: prog, log: logger,
		errors: newErrorCopier(c.String("error-dir"), st, logger)}
	failed, err := l.run(ctx)
	prog.clear()
	switch {
	case errors.Is(err, errInterrupted):
		return withCode(exitProblems, err)
	case err != nil:
		return withCode(exitInternal, err)
	case failed:
		return withCode(exitProblems, nil)
	}
	return nil
}
