package main

import (
	"github.com/coordc/coordc/compiler"
	"github.com/urfave/cli/v2"
)

// paramFlags are the job-property flags shared by validate, plan and eval.
func paramFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "properties", Usage: "Java .properties `FILE` with job properties (repeatable; later files win)"},
		&cli.StringSliceFlag{Name: "D", Usage: "job property `name=value` (repeatable; wins over properties files)"},
		&cli.StringSliceFlag{Name: "var-file", Usage: "HCL variable definitions `FILE` (repeatable; wins over -D)"},
		&cli.StringSliceFlag{Name: "var", Usage: "HCL variable `name=value` (repeatable; wins over everything else)"},
	}
}

// loadOptions reads the shared flags.
func loadOptions(c *cli.Context) compiler.Options {
	return compiler.Options{
		PropertiesFiles: c.StringSlice("properties"),
		Defines:         c.StringSlice("D"),
		VarFiles:        c.StringSlice("var-file"),
		Vars:            c.StringSlice("var"),
		Strict:          c.Bool("strict"),
	}
}
