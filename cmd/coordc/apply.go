package main

import (
	"context"
	"errors"
	"log/slog"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/redact"
	"github.com/coordc/coordc/runtime/scheduler"
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
			stateFlag(), showSecretsFlag(),
			&cli.BoolFlag{Name: "until-done", Usage: "return when every job is finished, or none can make progress without a change from outside (saying what it waits for): exit 0 when all actions succeeded (or were skipped), 1 otherwise"},
			&cli.DurationFlag{Name: "wait-limit", Usage: "with --until-done: actions waiting for inputs with a timeout longer than `DURATION` are not waited for (default: the longest timeout)"},
			&cli.StringFlag{Name: "log-level", Value: "info", Usage: "log `LEVEL`: debug, info, warn or error"},
			&cli.StringFlag{Name: "log-format", Value: "text", Usage: "log `FORMAT`: text or json"},
			&cli.StringFlag{Name: "log-dir", Usage: "`DIR` for each action's stdout, stderr and launcher files (default: <state>-logs next to the state file)"},
			&cli.StringFlag{Name: "error-dir", Usage: "copy the output of failed actions into `DIR`"},
			&cli.DurationFlag{Name: "poll-interval", Value: defaultPoll, Usage: "the longest wait before running actions are checked again (`DURATION`); a local action's end is noticed at once"},
			&cli.DurationFlag{Name: "lease", Value: scheduler.DefaultLease, Usage: "with several schedulers on one state: how long the actions of a silent scheduler stay its own before another adopts them (`DURATION`)"},
		),
		Action: runApply,
	}
}

func runApply(c *cli.Context) error {
	if c.NArg() == 0 {
		return usagef("apply: give at least one FILE or DIR")
	}
	if c.Duration("lease") <= 0 {
		return usagef("apply: --lease must be positive")
	}
	if c.Duration("poll-interval") <= 0 {
		return usagef("apply: --poll-interval must be positive")
	}
	runnerGC()
	prog := newProgress(c.App.ErrWriter)
	logger, err := newLogger(prog, c.String("log-level"), c.String("log-format"))
	if err != nil {
		return err
	}
	rt, err := loadRuntime(c)
	if err != nil {
		return err
	}
	age, err := purgeAge(c)
	if err != nil {
		return err
	}
	// Strict: Oozie refuses to submit a job with an undefined parameter.
	opts := loadOptions(c)
	opts.Strict = true
	res, diags := compiler.Load(c.Args().Slice(), opts)
	pol := secretPolicy(c, res.Project)
	errw := redact.NewWriter(c.App.ErrWriter, pol)
	defer errw.Flush()
	logger = slog.New(redact.Handler(logger.Handler(), pol))
	if rt != nil {
		rt.Outages.SetLogger(logger)
	}
	if code := usageCode(diags); code != 0 {
		diag.WriteText(errw, diags, res.Sources)
		return withCode(code, nil)
	}
	ctx, stop := signal.NotifyContext(c.Context, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	// After the first signal, the default handling is back: a second
	// SIGINT or SIGTERM ends the process at once. Every step is crash-safe,
	// as TestApplyCrash shows for SIGKILL.
	defer context.AfterFunc(ctx, stop)()
	var targets []applyTarget
	if !diags.HasErrors() {
		var tdiags hcl.Diagnostics
		targets, tdiags = applyTargets(ctx, res, rt)
		diags = append(diags, tdiags...)
	}
	if ctx.Err() != nil { // a signal while waiting for the cluster
		if c.Bool("until-done") {
			return withCode(exitProblems, errInterrupted)
		}
		return nil
	}
	if diags.HasErrors() {
		diag.WriteText(errw, errorsOnly(diags), res.Sources)
		return withCode(exitProblems, nil)
	}
	if len(diags) > 0 {
		diag.WriteText(errw, diags, res.Sources)
	}
	statePath, err := stateTarget(c)
	if err != nil {
		return err
	}
	logDir := c.String("log-dir")
	if logDir == "" {
		logDir = defaultLogDir(statePath)
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
	notifyCfg, err := loadNotify(c)
	if err != nil {
		return err
	}
	stopNotify := startNotifications(ctx, st, notifyCfg, logger, pol)
	defer func() { stopNotify(ctx.Err() == nil) }() // before the store closes
	if pol != nil {
		if jobs, err := st.ListJobs(c.Context); err == nil {
			for _, j := range jobs {
				pol.AddJSON(j.Conf) // jobs submitted earlier, with other properties
			}
		}
	}

	wake := newWakeup()
	s := newScheduler(st, logger, logDir, c.Duration("poll-interval"), rt, wake.notify)
	s.Lease = c.Duration("lease")
	ids, _, err := submitTargets(ctx, s, targets)
	if err != nil {
		return err
	}
	l := &applyLoop{s: s, st: st, rt: rt, wake: wake, jobs: ids, untilDone: c.Bool("until-done"), waitLimit: c.Duration("wait-limit"), progress: prog, log: logger,
		errors: newErrorCopier(c.String("error-dir"), st, logger, pol), purge: &autoPurge{age: age, logDir: logDir}}
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
