package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/suggest"
	"github.com/hashicorp/hcl/v2"
	"github.com/mattn/go-isatty"

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

// run is the whole CLI as a function, so tests drive it in-process. Colour
// is on when stdout is a terminal (see runWith).
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	f, ok := stdout.(*os.File)
	return runWith(args, stdin, stdout, stderr, ok && isatty.IsTerminal(f.Fd()))
}

// runWith runs the CLI; tty says whether stdout is a terminal, which turns
// colour on unless NO_COLOR is set or --no-color is given (anywhere before
// "--").
func runWith(args []string, stdin io.Reader, stdout, stderr io.Writer, tty bool) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "coordc: Internal error: %v\n%s", r, debug.Stack())
			code = exitInternal
		}
	}()
	args, noColor := withoutFlag(args, "--no-color")
	app := newApp(stdin, stdout, stderr)
	app.Metadata = map[string]any{paletteKey: diag.Palette{Color: tty && !noColor && os.Getenv("NO_COLOR") == ""}}
	err := app.Run(hoistFlags(app.Commands, args))
	if err == nil {
		return exitOK
	}
	code = exitUsage // anything urfave/cli returns itself is a flag or argument problem
	var ee *exitError
	if errors.As(err, &ee) {
		code, err = ee.code, ee.err
	}
	if err != nil {
		command, message := errorMessage(app, err)
		if wantsJSON(args) {
			writeErrorJSON(stdout, code, message)
		}
		fmt.Fprintf(stderr, "coordc%s: %s\n", command, message)
	}
	return code
}

// errorMessage splits an error of an invocation into the command it comes
// from (" lint", or "" for coordc itself) and its message in sentence case,
// as coordc prints every error: "coordc lint: Unknown format "x" (text,
// json …)." Commands write their errors as "lint: unknown format …"; the
// convention is applied here, once, so every command's errors read alike.
func errorMessage(app *cli.App, err error) (command, message string) {
	message = strings.TrimPrefix(err.Error(), "coordc: ")
	if name, rest, ok := strings.Cut(message, ": "); ok && !strings.ContainsAny(name, " \t\n") && app.Command(name) != nil {
		command, message = " "+app.Command(name).Name, rest
	}
	return command, sentence(message)
}

// sentence capitalizes the first word of s when it is an ordinary
// lower-case word; a flag, a quoted value, a path or an identifier
// (job.properties, --state, coord:days) is left as written.
func sentence(s string) string {
	word, _, _ := strings.Cut(s, " ")
	word = strings.TrimRight(word, ",;:")
	if word == "" || word == "coordc" {
		return s
	}
	for _, r := range word {
		if r < 'a' || r > 'z' {
			return s
		}
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// paletteKey holds the run's diag.Palette in the app's metadata.
const paletteKey = "palette"

// palette returns the colours of this run (none when piped).
func palette(c *cli.Context) diag.Palette {
	p, _ := c.App.Metadata[paletteKey].(diag.Palette)
	return p
}

// withoutFlag removes a boolean flag written anywhere before "--" and
// reports whether it was there.
func withoutFlag(args []string, flag string) ([]string, bool) {
	out := make([]string, 0, len(args))
	found := false
	for i, a := range args {
		if a == "--" {
			out = append(out, args[i:]...)
			break
		}
		if a == flag {
			found = true
			continue
		}
		out = append(out, a)
	}
	return out, found
}

// wantsJSON reports whether the invocation asked for JSON output
// (-o json, --output json, lint's -f/--format json), so that its errors
// are JSON too.
func wantsJSON(args []string) bool {
	for i, a := range args {
		if a == "--" {
			return false
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || (name != "o" && name != "output" && name != "f" && name != "format") {
			continue
		}
		if !hasValue && i+1 < len(args) {
			value = args[i+1]
		}
		if value == "json" {
			return true
		}
	}
	return false
}

// writeErrorJSON prints an error as a diagnostics document
// (schemas/diagnostics.v1.schema.json).
func writeErrorJSON(w io.Writer, code int, message string) {
	d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: message}
	if code == exitUsage {
		d.Extra = &diag.Extra{Code: diag.CodeUsage}
	}
	diag.WriteJSON(w, hcl.Diagnostics{d})
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
		Description: "Exit codes: 0 success; 1 problems in the definitions (lint findings at or above --fail-level, failed actions); " +
			"2 the plan has changes (--check, --detailed-exitcode); 3 invalid invocation or configuration; 4 internal error.\n\n" +
			"Environment: NO_COLOR (no colour even on a terminal), COORDC_WEBHDFS, COORDC_FLINK, GITHUB_STEP_SUMMARY.",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "version", Usage: "print the version and exit (as coordc version)"},
			&cli.BoolFlag{Name: "no-color", Usage: "never colour the output (also: NO_COLOR=1; colour is only used on a terminal)"},
		},
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			return withCode(exitUsage, flagError(c, "", err))
		},
		Action: func(c *cli.Context) error {
			if c.Bool("version") {
				return printVersion(c)
			}
			if c.NArg() > 0 {
				return usagef("unknown command %q (see coordc --help)%s", c.Args().First(), didYouMean(c.Args().First(), commandNames(c.App.Commands)))
			}
			// No command: the help is the answer to a misuse.
			c.App.Writer = c.App.ErrWriter
			cli.ShowAppHelp(c)
			return withCode(exitUsage, nil)
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
			slaCommand(),
			killCommand(),
			purgeCommand(),
			suspendCommand(),
			resumeCommand(),
			withWorkflowRerun(rerunCommand()),
			changeCommand(),
			ignoreCommand(),
			updateCommand(),
			logsCommand(),
			serverCommand(),
			submitCommand(),
			manCommand(),
			completionCommand(),
		},
	}
	for _, cmd := range app.Commands {
		cmd.OnUsageError = func(c *cli.Context, err error, _ bool) error {
			return withCode(exitUsage, flagError(c, c.Command.Name, err))
		}
	}
	return app
}

// flagError rewrites the flag package's "flag provided but not defined:
// -x" as "unknown flag --x", with a did-you-mean from the command's flags.
func flagError(c *cli.Context, command string, err error) error {
	prefix := "coordc"
	if command != "" {
		prefix = command
	}
	name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: ")
	if !ok {
		return fmt.Errorf("%s: %s (see coordc %s--help)", prefix, err, strings.TrimPrefix(command+" ", " "))
	}
	name = strings.TrimLeft(name, "-")
	var flags []cli.Flag
	if c.Command != nil && command != "" {
		flags = c.Command.Flags
	} else {
		flags = c.App.Flags
	}
	var names []string
	for _, f := range flags {
		for _, n := range f.Names() {
			names = append(names, dashed(n))
		}
	}
	return fmt.Errorf("%s: unknown flag %s (see coordc %s--help)%s", prefix, dashed(name), strings.TrimPrefix(command+" ", " "), didYouMean(dashed(name), names))
}

// dashed writes a flag name as it is typed: -D, --format.
func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// didYouMean returns ". Did you mean X?" for the one candidate close to
// word, or "". It ends a sentence: "unknown shell %q (bash, zsh or
// fish)%s".
func didYouMean(word string, candidates []string) string {
	if best, ok := suggest.Closest(word, candidates, max(2, suggest.DefaultMaxEdits(len(word))), suggest.TypoDistance); ok {
		return fmt.Sprintf(". Did you mean %s?", best)
	}
	return ""
}

func commandNames(cmds []*cli.Command) []string {
	var out []string
	for _, c := range cmds {
		out = append(out, c.Name)
		out = append(out, c.Aliases...)
	}
	return out
}
