package main

import (
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// hoistFlags moves a subcommand's flags written after its arguments in
// front of them, so `coordc plan FILE --properties F` works like
// `coordc plan --properties F FILE`: urfave/cli stops reading flags at the
// first argument. Flags move with their value (unless written
// --flag=value or the flag is a boolean); an unknown flag moves alone, so
// that it is reported as an unknown flag; everything after "--" stays an
// argument.
func hoistFlags(cmds []*cli.Command, args []string) []string {
	if len(args) < 3 {
		return args
	}
	if !slices.ContainsFunc(args[2:], func(a string) bool { return len(a) > 1 && a[0] == '-' }) {
		return args // no flag (nor "--") after the command: nothing to move
	}
	i := slices.IndexFunc(cmds, func(c *cli.Command) bool { return c.Name == args[1] || slices.Contains(c.Aliases, args[1]) })
	if i < 0 {
		return args
	}
	takesValue := map[string]bool{}
	for _, f := range cmds[i].Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	var flags, rest []string
	in := args[2:]
	for k := 0; k < len(in); k++ {
		a := in[k]
		if a == "--" {
			rest = append(rest, in[k:]...)
			break
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		value, known := takesValue[name]
		if !strings.HasPrefix(a, "-") || a == "-" {
			rest = append(rest, a)
			continue
		}
		if !known {
			// An unknown flag stays a flag, so that it is reported as one
			// rather than read as a file name.
			flags = append(flags, a)
			continue
		}
		flags = append(flags, a)
		if value && !hasValue && k+1 < len(in) {
			flags = append(flags, in[k+1])
			k++
		}
	}
	out := append([]string{}, args[:2]...)
	return append(append(out, flags...), rest...)
}
