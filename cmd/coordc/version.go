package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/coordc/coordc/schemas"
	"github.com/urfave/cli/v2"
)

// version is stamped by release builds from the git tag
// (go build -ldflags "-X main.version=v0.1.0", see the Makefile).
var version string

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:   "version",
		Usage:  "print coordc's version, Go version and embedded tz database version",
		Action: func(c *cli.Context) error { return printVersion(c) },
	}
}

// printVersion is `coordc version` and `coordc --version`.
func printVersion(c *cli.Context) error {
	fmt.Fprintf(c.App.Writer, "coordc %s\ngo %s\ntzdata %s\n", buildVersion(), runtime.Version(), schemas.TZDataVersion())
	return nil
}

// buildVersion is the release's tag when stamped, else the module version
// go install recorded, else "(devel)".
func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
