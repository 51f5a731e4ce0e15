package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/coordc/coordc/lint"
	"github.com/coordc/coordc/lint/report"
	"github.com/coordc/coordc/lint/rules"
	"github.com/urfave/cli/v2"
)

func explainCommand() *cli.Command {
	return &cli.Command{
		Name:      "explain",
		Usage:     "print a lint rule's documentation (Markdown)",
		ArgsUsage: "RULE",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("explain: give one rule ID or name, such as DST001 (see coordc rules)")
			}
			a := findRule(c.Args().First())
			if a == nil {
				return usagef("explain: unknown rule %q (see coordc rules)", c.Args().First())
			}
			_, err := fmt.Fprint(c.App.Writer, report.RuleMarkdown(a))
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

// findRule returns the rule with this ID (any case) or name, or nil.
func findRule(s string) *lint.Analyzer {
	for _, a := range rules.All() {
		if strings.EqualFold(a.ID, s) || a.Name == s {
			return a
		}
	}
	return nil
}
