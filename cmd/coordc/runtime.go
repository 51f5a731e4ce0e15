package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/settings"
	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/runtime/submit"
	"github.com/coordc/coordc/runtime/workflow"
	"github.com/urfave/cli/v2"
)

// defaultState is the state database apply and the ops commands use when
// --state is not given.
const defaultState = "coordc.db"

// stateFlag is the --state flag of apply and the ops commands.
func stateFlag() cli.Flag {
	return &cli.StringFlag{Name: "state", Value: defaultState, EnvVars: []string{settings.EnvState},
		Usage: "state database: a SQLite file `PATH` or a postgres:// URL (also " + settings.EnvState + " or the runtime block's state in .coordc.hcl)"}
}

// stateTarget is the state database of apply and the ops commands: --state,
// else COORDC_STATE, else the state of .coordc.hcl's runtime block, else
// coordc.db.
func stateTarget(c *cli.Context) (string, error) {
	if c.IsSet("state") {
		return c.String("state"), nil
	}
	file, err := runtimeFile(c)
	if err != nil {
		return "", err
	}
	if file != nil && file.State != "" {
		return file.State, nil
	}
	return defaultState, nil
}

// openExisting opens the state database of an ops command; a missing file
// is a usage error rather than a new, empty database.
func openExisting(c *cli.Context) (*state.Store, error) {
	path, err := stateTarget(c)
	if err != nil {
		return nil, err
	}
	if state.IsPostgres(path) {
		st, err := state.Open(path)
		if err != nil {
			return nil, withCode(exitUsage, err)
		}
		return st, nil
	}
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, usagef("no state database at %s; run coordc apply first or pass --state PATH", path)
		}
		return nil, usagef("cannot read the state database: %v", err)
	}
	st, err := state.Open(path)
	if err != nil {
		return nil, withCode(exitUsage, err)
	}
	return st, nil
}

// newScheduler is the scheduler apply and the ops commands share: the
// workflow engine as runner on the same database, the dataset storage and
// Flink connection of rt (local storage only when rt is nil), the system
// clock. logDir is where action directories go ("" for commands that start
// nothing). wake, when set, is called whenever a local action's process
// ends (apply's loop then ticks at once); the scheduler is then
// event-driven.
func newScheduler(st *state.Store, logger *slog.Logger, logDir string, poll time.Duration, rt *settings.Runtime, wake func()) *scheduler.Scheduler {
	eng := workflow.New(st.DB())
	if poll > 0 {
		eng.PollInterval = poll
	}
	s := &scheduler.Scheduler{
		Store: st, Runner: eng, Storage: scheduler.LocalStorage{}, Logger: logger,
		Load: loadDefinition, Dir: logDir, PollInterval: poll,
	}
	if rt != nil {
		eng.Files, eng.Flink, eng.Mail, eng.SSH = rt.Storage, rt.Flink, rt.Mail, rt.SSH
		eng.FlinkSQL, eng.FlinkSQLTimeout = rt.FlinkSQL, rt.FlinkSQLTimeout
		s.Storage = rt.Storage
	}
	if wake != nil {
		// A finished local process wakes apply's loop for its workflow only.
		s.EventDriven = true
		eng.Wake = func(jobID string) {
			s.Woken(jobID)
			wake()
		}
	}
	return s
}

// loadDefinition is scheduler.LoadDefinition with the workflow app-path
// made absolute (see resolveAppPath).
func loadDefinition(ctx context.Context, job state.Job) (*ir.Coordinator, error) {
	c, err := scheduler.LoadDefinition(ctx, job)
	if err != nil {
		return nil, err
	}
	return resolveAppPath(c, job.AppPath)
}

// resolveAppPath is submit.ResolveAppPath.
func resolveAppPath(c *ir.Coordinator, defFile string) (*ir.Coordinator, error) {
	return submit.ResolveAppPath(c, defFile)
}

// newLogger builds the slog logger of --log-level and --log-format.
func newLogger(w io.Writer, level, format string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, usagef("unknown log level %q (debug, info, warn or error)", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, usagef("unknown log format %q (text or json)", format)
}

// opError maps an error of a scheduler operation to an exit code: an
// unknown job or action is an invalid invocation (3), an operation that
// does not apply to the job's status a problem (1).
func opError(err error) error {
	if err == nil {
		return nil
	}
	var ee *exitError
	switch {
	case errors.As(err, &ee):
		return err
	case errors.Is(err, state.ErrNotFound):
		return withCode(exitUsage, err)
	case errors.Is(err, scheduler.ErrNotEligible):
		return withCode(exitProblems, err)
	}
	return withCode(exitProblems, err)
}
