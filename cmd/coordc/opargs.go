package main

import (
	"flag"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// opArgs are an ops command's positional arguments and flags, with flags
// allowed after the positional arguments as Oozie's CLI users write them
// (`coordc kill JOB --action 1-3`): urfave/cli stops parsing flags at the
// first positional argument, so the rest is parsed again here. A flag given
// after the arguments wins over the same flag given before.
type opArgs struct {
	c    *cli.Context
	tail *flag.FlagSet
	set  map[string]bool
	pos  []string
}

// parseOpArgs parses c's arguments; a flag error is a usage error.
func parseOpArgs(c *cli.Context) (*opArgs, error) {
	fs := flag.NewFlagSet(c.Command.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	for _, f := range c.Command.Flags {
		if err := f.Apply(fs); err != nil {
			return nil, err
		}
	}
	o := &opArgs{c: c, tail: fs, set: map[string]bool{}}
	rest := c.Args().Slice()
	for len(rest) > 0 {
		if !strings.HasPrefix(rest[0], "-") || rest[0] == "-" {
			o.pos = append(o.pos, rest[0])
			rest = rest[1:]
			continue
		}
		if rest[0] == "--" {
			o.pos = append(o.pos, rest[1:]...)
			break
		}
		if err := fs.Parse(rest); err != nil {
			return nil, usagef("%s: %v", c.Command.Name, err)
		}
		rest = fs.Args()
	}
	fs.Visit(func(f *flag.Flag) { o.set[f.Name] = true })
	return o, nil
}

// given returns the value of flag name (or one of its aliases) when it was
// given after the positional arguments.
func (o *opArgs) given(name string) (string, bool) {
	for _, f := range o.c.Command.Flags {
		names := f.Names()
		if !slices.Contains(names, name) {
			continue
		}
		for _, n := range names {
			if o.set[n] {
				return o.tail.Lookup(n).Value.String(), true
			}
		}
	}
	return "", false
}

// String is the value of a string flag.
func (o *opArgs) String(name string) string {
	if v, ok := o.given(name); ok {
		return v
	}
	return o.c.String(name)
}

// Bool is the value of a boolean flag.
func (o *opArgs) Bool(name string) bool {
	if v, ok := o.given(name); ok {
		return v == "true"
	}
	return o.c.Bool(name)
}
