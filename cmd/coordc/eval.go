package main

import (
	"fmt"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/inputfile"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/lint"
	"github.com/coordc/coordc/lint/rules"
	"github.com/coordc/coordc/lower/plan"
	"github.com/coordc/coordc/lower/schedule"
	"github.com/coordc/coordc/runtime/settings"
	"github.com/hashicorp/hcl/v2"
	"github.com/urfave/cli/v2"
)

// evalInput is the pseudo file name of the expression given on the command line.
const evalInput = "<expression>"

func evalCommand() *cli.Command {
	return &cli.Command{
		Name:      "eval",
		Usage:     "evaluate an EL template in the context of one action of a coordinator",
		ArgsUsage: "FILE EXPR",
		Flags: append(append(paramFlags(), settings.Flags()...),
			&cli.StringFlag{Name: "nominal-time", Required: true, Usage: "the action's nominal `TIME` (UTC yyyy-MM-ddTHH:mmZ)"},
			&cli.StringFlag{Name: "actual-time", Usage: "the action's actual (materialization) `TIME`; default: the nominal time"},
			&cli.StringFlag{Name: "dataset", Usage: "evaluate as an instance expression of dataset `NAME`"},
			&cli.StringFlag{Name: "data-in", Usage: "evaluate as an instance expression of data-in `NAME`"},
		),
		Action: runEval,
	}
}

func runEval(c *cli.Context) error {
	if c.NArg() != 2 {
		return usagef("eval: give FILE and EXPR")
	}
	if c.String("dataset") != "" && c.String("data-in") != "" {
		return usagef("eval: give --dataset or --data-in, not both")
	}
	nominal, err := oozietime.ParseDateTime(c.String("nominal-time"))
	if err != nil {
		return usagef("eval: --nominal-time: %v", err)
	}
	actual := nominal
	if v := c.String("actual-time"); v != "" {
		if actual, err = oozietime.ParseDateTime(v); err != nil {
			return usagef("eval: --actual-time: %v", err)
		}
	}
	res, diags := compiler.Load(c.Args().Slice()[:1], loadOptions(c))
	if code := usageCode(diags); code != 0 {
		diag.WriteText(c.App.ErrWriter, diags, res.Sources)
		return withCode(code, nil)
	}
	if diags.HasErrors() {
		diag.WriteText(c.App.ErrWriter, errorsOnly(diags), res.Sources)
		return withCode(exitProblems, nil)
	}
	if len(res.Project.Coordinators) != 1 {
		return usagef("eval: %s must define exactly one coordinator", c.Args().First())
	}
	coord := res.Project.Coordinators[0]
	if d := plan.Plannable(coord); d != nil {
		diag.WriteText(c.App.ErrWriter, hcl.Diagnostics{d}, res.Sources)
		return withCode(exitProblems, nil)
	}
	src := c.Args().Get(1)
	res.Sources[evalInput] = []byte(src)
	tmpl, pdiags := el.ParseTemplate(el.Plain(evalInput, src, hcl.Pos{Line: 1, Column: 1}))
	if pdiags.HasErrors() {
		diag.WriteText(c.App.ErrWriter, pdiags, res.Sources)
		return withCode(exitProblems, nil)
	}
	if udiags := compiler.UnresolvedReferences(coord, tmpl); udiags.HasErrors() {
		diag.WriteText(c.App.ErrWriter, udiags, res.Sources)
		return withCode(exitProblems, nil)
	}
	dataIn, err := evalDataIn(coord, c.String("dataset"), c.String("data-in"))
	if err != nil {
		return err
	}
	rt, err := loadRuntime(c)
	if err != nil {
		return err
	}
	rt.Storage.BeginTick(c.Context)
	opts := schedule.Options{Storage: rt.Storage}
	v, vdiags := schedule.EvalInAction(coord, nominal, actual, dataIn, tmpl, opts)
	if vdiags.HasErrors() {
		diag.WriteText(c.App.ErrWriter, vdiags, res.Sources)
		return withCode(exitProblems, nil)
	}
	fmt.Fprintln(c.App.Writer, v)
	return nil
}

// evalDataIn returns the data-in to evaluate in. For --dataset it is the
// first data-in of that dataset, or a synthetic one added to the coordinator.
func evalDataIn(c *ir.Coordinator, dataset, dataIn string) (string, error) {
	switch {
	case dataIn != "":
		for _, in := range c.Inputs {
			if in.Name == dataIn {
				return dataIn, nil
			}
		}
		return "", usagef("eval: the coordinator has no data-in %q", dataIn)
	case dataset != "":
		for _, in := range c.Inputs {
			if in.DatasetName == dataset && in.Dataset != nil {
				return in.Name, nil
			}
		}
		for _, ds := range c.Datasets {
			if ds.Name == dataset {
				name := "eval:" + dataset
				c.Inputs = append(c.Inputs, &ir.DataIn{Name: name, DatasetName: dataset, Dataset: ds})
				return name, nil
			}
		}
		return "", usagef("eval: the coordinator has no dataset %q", dataset)
	}
	return "", nil
}

// loadRuntime builds the runtime connections (WebHDFS, Flink) from the
// --webhdfs and --flink flags, COORDC_WEBHDFS and COORDC_FLINK, and the
// runtime block of the .coordc.hcl found from the working directory, in
// that order of precedence. An invalid configuration exits 3.
func loadRuntime(c *cli.Context) (*settings.Runtime, error) {
	var file *settings.File
	if path := lint.FindConfig("."); path != "" {
		cfg, diags := lint.LoadConfig(path, rules.All())
		f, rdiags := settings.DecodeBody(cfg.Runtime, path)
		if diags = append(diags, rdiags...); diags.HasErrors() {
			src := diag.Sources{}
			if data, err := inputfile.Read(path, 0); err == nil {
				src[path] = data
			}
			diag.WriteText(c.App.ErrWriter, diags, src)
			return nil, withCode(exitUsage, fmt.Errorf("invalid configuration %s", path))
		}
		file = f
	}
	s, err := settings.FromCLI(c, file)
	if err != nil {
		return nil, usagef("%v", err)
	}
	rt, err := s.Build()
	if err != nil {
		return nil, usagef("%v", err)
	}
	return rt, nil
}
