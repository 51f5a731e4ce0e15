package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/props"
	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/workflow"
)

// rerunWorkflowFlags are the flags of `coordc rerun WFJOB`: the job
// properties merged over the workflow's configuration (Oozie's -config and
// -D of job -rerun) and --failnodes.
func rerunWorkflowFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "properties", Usage: "workflow rerun: Java .properties `FILE` merged over the workflow's configuration (repeatable)"},
		&cli.StringSliceFlag{Name: "D", Usage: "workflow rerun: property `name=value`, e.g. " + workflow.ConfRerunSkipNodes + "=a,b (repeatable; wins over --properties)"},
		&cli.BoolFlag{Name: "failnodes", Usage: "workflow rerun: run again only the nodes that did not end OK (" + workflow.ConfRerunFailNodes + "=true)"},
	}
}

// rerunWorkflowJob is `coordc rerun WFJOB`: Oozie's job -rerun of a
// workflow job, which runs it again under its ID, skipping the nodes of
// oozie.wf.rerun.skip.nodes, or with --failnodes those that ended OK.
func rerunWorkflowJob(c *cli.Context, wfID string) error {
	for _, f := range []string{"action", "date", "refresh", "nocleanup", "failed"} {
		if c.IsSet(f) {
			return usagef("rerun: --%s is for coordinator jobs; a workflow job %s takes -D, --properties and --failnodes", f, wfID)
		}
	}
	conf, err := rerunConf(c)
	if err != nil {
		return err
	}
	if c.Bool("failnodes") {
		conf[workflow.ConfRerunFailNodes] = "true"
	}
	done := "workflow job " + wfID + " rerun"
	cl, err := remoteClient(c)
	if err != nil {
		return err
	}
	if cl != nil {
		if err := cl.RerunWorkflow(c.Context, wfID, conf); err != nil {
			return remoteError(err)
		}
		fmt.Fprintln(c.App.Writer, done)
		return nil
	}
	if err := withLocalScheduler(c, func(s *scheduler.Scheduler) error { return s.RerunWorkflow(c.Context, wfID, conf) }); err != nil {
		return err
	}
	fmt.Fprintln(c.App.Writer, done)
	return nil
}

// rerunConf reads --properties files, then -D (which wins).
func rerunConf(c *cli.Context) (map[string]string, error) {
	conf := map[string]string{}
	for _, file := range c.StringSlice("properties") {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, usagef("rerun: %v", err)
		}
		ps, diags := props.Parse(file, data)
		if diags.HasErrors() {
			diag.WriteText(c.App.ErrWriter, diags, diag.Sources{file: data})
			return nil, withCode(exitUsage, fmt.Errorf("rerun: %s is not a valid properties file", file))
		}
		for k, v := range props.ToMap(ps) {
			conf[k] = v
		}
	}
	for _, d := range c.StringSlice("D") {
		k, v, err := props.ParseAssignment(d)
		if err != nil {
			return nil, usagef("rerun: -D %s: %v", d, err)
		}
		conf[k] = v
	}
	return conf, nil
}

// withWorkflowRerun extends `coordc rerun JOB` (coordinator actions) with
// `coordc rerun WFJOB`: its flags are added, and a workflow job ID goes to
// rerunWorkflowJob; a coordinator job given a workflow-only flag is a
// usage error.
func withWorkflowRerun(cmd *cli.Command) *cli.Command {
	cmd.Usage += ", or a workflow job skipping nodes"
	cmd.ArgsUsage += " | WFJOB (-D oozie.wf.rerun.skip.nodes=a,b | --failnodes) [--properties F]"
	cmd.Flags = append(cmd.Flags, rerunWorkflowFlags()...)
	coordinator := cmd.Action
	cmd.Action = func(c *cli.Context) error {
		if c.NArg() == 1 && scheduler.IsWorkflowJobID(c.Args().First()) {
			return rerunWorkflowJob(c, c.Args().First())
		}
		for _, f := range []string{"properties", "D", "failnodes"} {
			if c.IsSet(f) {
				return usagef("rerun: --%s is for workflow jobs (WFJOB, e.g. 0000001-daily-C@3-W0)", f)
			}
		}
		return coordinator(c)
	}
	return cmd
}
