package main

import (
	"fmt"
	"runtime"

	"github.com/coordc/coordc/schemas"
	"github.com/urfave/cli/v2"
)

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print coordc's version, Go version and embedded tz database version",
		Action: func(c *cli.Context) error {
			fmt.Fprintf(c.App.Writer, "coordc %s\ngo %s\ntzdata %s\n", buildVersion(), runtime.Version(), schemas.TZDataVersion())
			return nil
		},
	}
}
