package main

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/urfave/cli/v2"
)

// Exit codes, the same for every subcommand (README "Exit codes").
const (
	exitOK       = 0 // success, valid, clean
	exitProblems = 1 // problems in the user's definitions, lint findings, failed actions
	exitChanges  = 2 // plan has changes (only with --check / --detailed-exitcode)
	exitUsage    = 3 // invalid invocation or configuration
	exitInternal = 4 // internal error
)

// exitError carries an exit code out of a command action.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

// withCode returns an error that makes run exit with code; a nil err exits
// silently.
func withCode(code int, err error) error { return &exitError{code: code, err: err} }

// usagef reports an invalid invocation (exit 3).
func usagef(format string, args ...any) error {
	return withCode(exitUsage, fmt.Errorf(format, args...))
}

// run is the whole CLI as a function, so tests drive it in-process.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "coordc: internal error: %v\n%s", r, debug.Stack())
			code = exitInternal
		}
	}()
	app := newApp(stdin, stdout, stderr)
	err := app.Run(hoistFlags(app.Commands, args))
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(stderr, "coordc: %v\n", ee.err)
		}
		return ee.code
	}
	// Anything else urfave/cli returns is a flag or argument problem.
	fmt.Fprintf(stderr, "coordc: %v\n", err)
	return exitUsage
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:                      "coordc",
		Usage:                     "compile, validate, lint, plan and run Oozie-style coordinators",
		Reader:                    stdin,
		Writer:                    stdout,
		ErrWriter:                 stderr,
		HideVersion:               true,
		DisableSliceFlagSeparator: true,
		ExitErrHandler:            func(*cli.Context, error) {},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return withCode(exitUsage, err)
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("unknown command %q (see coordc --help)", c.Args().First())
			}
			return cli.ShowAppHelp(c)
		},
		Commands: []*cli.Command{
			validateCommand(),
			planCommand(),
			evalCommand(),
			convertCommand(),
			fmtCommand(),
			versionCommand(),
			lintCommand(),
			lspCommand(),
			explainCommand(),
			rulesCommand(),
			applyCommand(),
			runWorkflowCommand(),
			jobsCommand(),
			statusCommand(),
			killCommand(),
			suspendCommand(),
			resumeCommand(),
			rerunCommand(),
			logsCommand(),
		},
	}
	return app
}
