package main

import (
	"io"

	"github.com/coordc/coordc/lint/lsp"
	"github.com/urfave/cli/v2"
)

func lspCommand() *cli.Command {
	return &cli.Command{
		Name:      "lsp",
		Usage:     "run the language server (Language Server Protocol over stdin/stdout) for editors",
		ArgsUsage: " ",
		Flags: []cli.Flag{
			&cli.DurationFlag{Name: "debounce", Value: lsp.DefaultDebounce, Usage: "quiet `TIME` after a change before diagnostics run"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("lsp: takes no arguments (the editor opens the files)")
			}
			srv := lsp.NewServer(lsp.Options{Debounce: c.Duration("debounce"), Version: buildVersion()})
			return srv.Serve(c.Context, stdio{r: c.App.Reader, w: c.App.Writer})
		},
	}
}

// stdio joins the app's standard input and output into one stream.
type stdio struct {
	r io.Reader
	w io.Writer
}

func (s stdio) Read(p []byte) (int, error)  { return s.r.Read(p) }
func (s stdio) Write(p []byte) (int, error) { return s.w.Write(p) }
func (s stdio) Close() error                { return nil }
