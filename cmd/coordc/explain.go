package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/coordc/coordc/lint/report"
	"github.com/coordc/coordc/lint/rules"
	"github.com/urfave/cli/v2"
)

func explainCommand() *cli.Command {
	return &cli.Command{
		Name:      "explain",
		Usage:     "print the documentation of a lint rule or a diagnostic code (Markdown)",
		ArgsUsage: "RULE|CODE",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("explain: give one rule ID or name, such as DST001 (see coordc rules), or a code such as E0701")
			}
			doc, ok := report.Explain(c.Args().First(), rules.All())
			if !ok {
				return usagef("explain: unknown rule or code %q (see coordc rules)", c.Args().First())
			}
			_, err := fmt.Fprint(c.App.Writer, doc)
			return err
		},
	}
}

func rulesCommand() *cli.Command {
	return &cli.Command{
		Name:  "rules",
		Usage: "list the lint rules",
		Action: func(c *cli.Context) error {
			tw := tabwriter.NewWriter(c.App.Writer, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNAME\tSEVERITY\tFIX\tTITLE")
			for _, a := range rules.All() {
				fix := ""
				if a.Doc.Fixable {
					fix = "yes"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", a.ID, a.Name, a.Severity, fix, a.Doc.Title)
			}
			return tw.Flush()
		},
	}
}
