package main

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/props"
	"github.com/coordc/coordc/compiler/wfapp"
	"github.com/coordc/coordc/runtime/settings"
	"github.com/coordc/coordc/runtime/storage"
)

// confAppPath is the job property naming the workflow application, as in
// Oozie's `oozie job -run` of a workflow.
const confAppPath = "oozie.wf.application.path"

func runWorkflowCommand() *cli.Command {
	return &cli.Command{
		Name:      "run",
		Usage:     "run a workflow as a job of its own (Oozie's job -run of a workflow) until it ends",
		ArgsUsage: "[WORKFLOW.xml|APP-DIR]",
		Flags: append(append(paramFlags(), settings.Flags()...),
			stateFlag(),
			&cli.StringFlag{Name: "log-level", Value: "info", Usage: "log `LEVEL`: debug, info, warn or error"},
			&cli.StringFlag{Name: "log-format", Value: "text", Usage: "log `FORMAT`: text or json"},
			&cli.StringFlag{Name: "log-dir", Usage: "`DIR` for the job's files (default: <state>-logs next to the state file)"},
			&cli.StringFlag{Name: "error-dir", Usage: "copy the output of failed actions into `DIR`"},
			&cli.DurationFlag{Name: "poll-interval", Value: defaultPoll, Usage: "how often running actions are checked (`DURATION`)"},
		),
		Action: runWorkflow,
	}
}

// runWorkflow runs one workflow application as a job of its own. The job
// is a one-action coordinator generated under the log directory
// (runs/<name>-<time>/coordinator.xml, due now, its app-path the
// workflow's directory), so that `coordc jobs`, `status`, `kill`, `logs`
// and a later `coordc apply` of that file operate it like any other; the
// job properties are its properties, which the workflow gets as its
// configuration, as with Oozie. The run itself is `coordc apply
// --until-done` of that file with run's flags.
func runWorkflow(c *cli.Context) error {
	if c.NArg() > 1 {
		return usagef("run: give one WORKFLOW.xml or application directory")
	}
	if c.Duration("poll-interval") <= 0 {
		return usagef("run: --poll-interval must be positive")
	}
	target := c.Args().First()
	if target == "" {
		var err error
		if target, err = appPathProperty(c); err != nil {
			return err
		}
	}
	wfFile, err := workflowFile(target)
	if err != nil {
		return usagef("run: %v", err)
	}
	data, err := os.ReadFile(wfFile)
	if err != nil {
		return usagef("run: %v", err)
	}
	w, diags := wfapp.Compile(wfFile, data)
	if w == nil { // apply reports the warnings of a valid one
		diag.WriteText(c.App.ErrWriter, diags, diag.Sources{wfFile: data})
		return withCode(exitProblems, nil)
	}
	logDir := c.String("log-dir")
	if logDir == "" {
		statePath := c.String("state")
		logDir = strings.TrimSuffix(statePath, filepath.Ext(statePath)) + "-logs"
	}
	now := time.Now().UTC()
	coordFile := filepath.Join(logDir, "runs", fmt.Sprintf("%s-%s", w.Name, now.Format("20060102T150405.000000000Z")), "coordinator.xml")
	if err := writeRunCoordinator(coordFile, w.Name, filepath.Dir(wfFile), now); err != nil {
		return withCode(exitInternal, err)
	}
	fmt.Fprintf(c.App.ErrWriter, "coordc run: Running workflow %s (%s) as %s\n", w.Name, wfFile, coordFile)
	app := newApp(c.App.Reader, c.App.Writer, c.App.ErrWriter)
	return app.RunContext(c.Context, append([]string{"coordc", "apply", "--until-done"}, forwardFlags(c, coordFile)...))
}

// forwardFlags repeats the flags given to run, which are apply's, for
// `coordc apply --until-done FILE`.
func forwardFlags(c *cli.Context, file string) []string {
	var args []string
	for _, f := range c.Command.Flags {
		name := f.Names()[0]
		if !c.IsSet(name) {
			continue
		}
		if vs := c.StringSlice(name); len(vs) > 0 {
			for _, v := range vs {
				args = append(args, "--"+name, v)
			}
			continue
		}
		args = append(args, fmt.Sprintf("--%s=%v", name, c.Value(name)))
	}
	return append(args, file)
}

// appPathProperty reads oozie.wf.application.path from -D and the
// properties files (later files win, -D over files).
func appPathProperty(c *cli.Context) (string, error) {
	for _, d := range c.StringSlice("D") {
		if k, v, err := props.ParseAssignment(d); err == nil && k == confAppPath {
			return v, nil
		}
	}
	files := c.StringSlice("properties")
	for i := len(files) - 1; i >= 0; i-- {
		data, err := os.ReadFile(files[i])
		if err != nil {
			return "", usagef("run: %v", err)
		}
		ps, _ := props.Parse(files[i], data)
		if v, ok := props.ToMap(ps)[confAppPath]; ok {
			return v, nil
		}
	}
	return "", usagef("run: give a WORKFLOW.xml or application directory, or the property %s", confAppPath)
}

// workflowFile is the workflow.xml named by a path: the file itself, or
// workflow.xml in a directory (a local path or file:// URI).
func workflowFile(p string) (string, error) {
	local, err := storage.LocalPath(p)
	if err != nil {
		return "", fmt.Errorf("%s: coordc run runs local workflow applications (a path or file:// URI): %v", p, err)
	}
	st, err := os.Stat(local)
	if err != nil {
		return "", err
	}
	if st.IsDir() {
		local = filepath.Join(local, "workflow.xml")
	}
	return filepath.Abs(local)
}

// writeRunCoordinator writes the one-action coordinator of a run: daily,
// from now to a minute later in UTC, whose action runs the workflow
// application dir with the job properties.
func writeRunCoordinator(path, name, dir string, now time.Time) error {
	start := now.Truncate(time.Minute)
	var b bytes.Buffer
	b.WriteString("<!-- Generated by coordc run: the workflow application below as a job of its own. -->\n")
	fmt.Fprintf(&b, `<coordinator-app name="%s" frequency="${coord:days(1)}" start="%s" end="%s" timezone="UTC" xmlns="uri:oozie:coordinator:0.4">`+"\n",
		xmlEscape(name), start.Format("2006-01-02T15:04Z"), start.Add(time.Minute).Format("2006-01-02T15:04Z"))
	fmt.Fprintf(&b, "  <action><workflow><app-path>%s</app-path></workflow></action>\n</coordinator-app>\n", xmlEscape(dir))
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o600)
}

func xmlEscape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
