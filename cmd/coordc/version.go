package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/coordc/coordc/schemas"
	"github.com/urfave/cli/v2"
)

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print coordc's version, Go version and embedded tz database version",
		Action: func(c *cli.Context) error {
			v := "(devel)"
			if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
				v = bi.Main.Version
			}
			fmt.Fprintf(c.App.Writer, "coordc %s\ngo %s\ntzdata %s\n", v, runtime.Version(), schemas.TZDataVersion())
			return nil
		},
	}
}
