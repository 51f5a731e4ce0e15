package main

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/props"
	"github.com/coordc/coordc/runtime/server"
	"github.com/hashicorp/hcl/v2"
	"github.com/urfave/cli/v2"
)

// The ops commands' --server mode: the same command against a coordc
// server instead of the state database, with the same output.

// serverFlags are --server (COORDC_SERVER) and --token-file
// (COORDC_TOKEN_FILE) of the ops commands and submit.
func serverFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "server", EnvVars: []string{"COORDC_SERVER"}, Usage: "work through the coordc server at `URL` instead of the state database"},
		&cli.StringFlag{Name: "token-file", EnvVars: []string{"COORDC_TOKEN_FILE"}, Usage: "`FILE` with the server's bearer token (default: <state>.token when it exists)"},
	}
}

// withServerFlags adds the server flags to an ops command's flags.
func withServerFlags(flags ...cli.Flag) []cli.Flag { return append(flags, serverFlags()...) }

// remoteClient is the client of --server, nil without it.
func remoteClient(c *cli.Context) (*server.Client, error) {
	u := c.String("server")
	if u == "" {
		return nil, nil
	}
	if pu, err := url.Parse(u); err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		return nil, usagef("--server %q is not an http:// or https:// URL", u)
	}
	cl := &server.Client{URL: u}
	switch {
	case c.String("token-file") != "":
		tok, err := readToken(c.String("token-file"))
		if err != nil {
			return nil, usagef("--token-file: %v", err)
		}
		cl.Token = tok
	default:
		// The state's own token, for local use.
		if tok, err := stateToken(c.String("state"), false); err == nil {
			cl.Token = tok
		}
	}
	return cl, nil
}

// remoteError maps an answer of the server to the exit code the same
// error has on the state database: unknown job 3, refused operation 1,
// unreachable server or a server failure 4.
func remoteError(err error) error {
	var ae *server.APIError
	if !errors.As(err, &ae) {
		return withCode(exitInternal, fmt.Errorf("server: %w", err))
	}
	switch {
	case ae.NotFound(), ae.Status == 401:
		return withCode(exitUsage, ae)
	case ae.Status >= 500:
		return withCode(exitInternal, ae)
	}
	return withCode(exitProblems, ae)
}

func submitCommand() *cli.Command {
	return &cli.Command{
		Name:      "submit",
		Usage:     "submit a coordinator (or bundle) to a coordc server, which compiles it as apply does",
		ArgsUsage: "FILE|DIR --server URL",
		Flags: append([]cli.Flag{stateFlag(),
			&cli.StringSliceFlag{Name: "properties", Usage: "Java .properties `FILE` with job properties (repeatable; later files win)"},
			&cli.StringSliceFlag{Name: "D", Usage: "job property `name=value` (repeatable; wins over properties files)"},
		}, serverFlags()...),
		Action: runSubmit,
	}
}

func runSubmit(c *cli.Context) error {
	if c.NArg() != 1 {
		return usagef("submit: give exactly one FILE or DIR")
	}
	cl, err := remoteClient(c)
	if err != nil {
		return err
	}
	if cl == nil {
		return usagef("submit: give --server URL (or set COORDC_SERVER); without a server, use coordc apply")
	}
	path, err := filepath.Abs(c.Args().First())
	if err != nil {
		return usagef("submit: %v", err)
	}
	conf := map[string]string{}
	var diags hcl.Diagnostics
	src := diag.Sources{}
	for _, f := range c.StringSlice("properties") {
		data, err := os.ReadFile(f)
		if err != nil {
			return usagef("submit: cannot read properties file %q: %v", f, err)
		}
		src[f] = data
		ps, pd := props.Parse(f, data)
		diags = append(diags, pd...)
		for _, p := range ps {
			conf[p.Key] = p.Value
		}
	}
	if diags.HasErrors() {
		diag.WriteText(c.App.ErrWriter, diags, src)
		return withCode(exitProblems, nil)
	}
	for _, d := range c.StringSlice("D") {
		k, v, err := props.ParseAssignment(d)
		if err != nil {
			return usagef("submit: -D: %v", err)
		}
		conf[k] = v
	}
	conf["oozie.coord.application.path"] = path
	ids, err := cl.Submit(c.Context, conf)
	if err != nil {
		var ae *server.APIError
		if errors.As(err, &ae) && ae.Submit != nil {
			fmt.Fprint(c.App.ErrWriter, ae.Submit.Text)
			return withCode(exitProblems, nil)
		}
		return remoteError(err)
	}
	for _, id := range ids {
		fmt.Fprintf(c.App.Writer, "job: %s\n", id)
	}
	return nil
}

// remoteOp runs an operation through the server: PUT job/{id} with Oozie's
// parameters for the command, sel as type and scope.
func remoteOp(c *cli.Context, cl *server.Client, job string) error {
	q := url.Values{}
	name := c.Command.Name
	switch name {
	case "rerun":
		q.Set("action", "coord-rerun")
		q.Set("refresh", fmt.Sprint(c.Bool("refresh")))
		q.Set("nocleanup", fmt.Sprint(c.Bool("nocleanup")))
		if c.Bool("failed") {
			q.Set("failed", "true")
		}
	default:
		q.Set("action", name)
	}
	if hasFlag(c, "action") {
		if s := c.String("action"); s != "" {
			q.Set("type", "action")
			q.Set("scope", s)
		} else if s := c.String("date"); s != "" {
			q.Set("type", "date")
			q.Set("scope", s)
		}
	}
	if err := cl.Manage(c.Context, job, q); err != nil {
		return remoteError(err)
	}
	return nil
}
