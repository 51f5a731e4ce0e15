package main

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

func manCommand() *cli.Command {
	return &cli.Command{
		Name:  "man",
		Usage: "print coordc's manual page (roff, section 1), generated from the command definitions",
		Description: "Install it with: coordc man > /usr/local/share/man/man1/coordc.1\n" +
			"Read it without installing: coordc man | man -l -",
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("man: takes no arguments")
			}
			page, err := c.App.ToManWithSection(1)
			if err != nil {
				return withCode(exitInternal, err)
			}
			_, err = fmt.Fprint(c.App.Writer, page)
			return err
		},
	}
}
