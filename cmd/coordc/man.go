package main

import (
	"fmt"
	"io"
	"strings"

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
			writeManPage(c.App.Writer, c.App)
			return nil
		},
	}
}

// writeManPage writes app's manual page in roff (man(7) macros, section 1)
// from its command and flag definitions. coordc writes the page itself
// rather than through urfave/cli's markdown-to-roff generator, so release
// builds can leave that generator (and its markdown parser's start-up
// cost) out with the urfave_cli_no_docs build tag; see the Makefile.
func writeManPage(w io.Writer, app *cli.App) {
	name := roffText(app.Name)
	fmt.Fprintf(w, ".TH %s 1\n.nh\n.ad l\n", strings.ToUpper(name))
	fmt.Fprintf(w, ".SH NAME\n%s \\- %s\n", name, roffText(app.Usage))
	fmt.Fprintf(w, ".SH SYNOPSIS\n.B %s\n[\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR...]\n", name)
	if app.Description != "" {
		fmt.Fprintf(w, ".SH DESCRIPTION\n%s", roffParagraphs(app.Description))
	}
	if flags := app.VisibleFlags(); len(flags) > 0 {
		fmt.Fprint(w, ".SH GLOBAL OPTIONS\n")
		writeManFlags(w, flags)
	}
	fmt.Fprint(w, ".SH COMMANDS\n")
	for _, cmd := range app.VisibleCommands() {
		writeManCommand(w, app.Name, cmd)
	}
}

// writeManCommand writes one command (and its subcommands) as a
// subsection: its synopsis, usage, description and options.
func writeManCommand(w io.Writer, parent string, cmd *cli.Command) {
	full := parent + " " + cmd.Name
	fmt.Fprintf(w, ".SS %s\n", roffText(full))
	synopsis := full
	if len(cmd.VisibleFlags()) > 0 {
		synopsis += " [OPTIONS]"
	}
	if cmd.ArgsUsage != "" {
		synopsis += " " + cmd.ArgsUsage
	}
	fmt.Fprintf(w, ".B %s\n.PP\n", roffText(synopsis))
	if len(cmd.Aliases) > 0 {
		fmt.Fprintf(w, "Aliases: %s.\n.PP\n", roffText(strings.Join(cmd.Aliases, ", ")))
	}
	fmt.Fprintf(w, "%s\n", roffText(cmd.Usage))
	if cmd.Description != "" {
		fmt.Fprintf(w, ".PP\n%s", roffParagraphs(cmd.Description))
	}
	writeManFlags(w, cmd.VisibleFlags())
	for _, sub := range cmd.VisibleCommands() {
		if sub.Name == "help" {
			continue
		}
		writeManCommand(w, full, sub)
	}
}

// writeManFlags writes flags as a tagged list: the flag's names and value
// placeholder, then its usage with the default value, if any.
func writeManFlags(w io.Writer, flags []cli.Flag) {
	for _, f := range flags {
		df, ok := f.(cli.DocGenerationFlag)
		if !ok {
			continue
		}
		placeholder, usage := unquoteUsage(df.GetUsage())
		var names []string
		for _, n := range f.Names() {
			n = "\\fB" + roffText(dashed(n)) + "\\fR"
			if df.TakesValue() {
				if placeholder == "" {
					placeholder = "value"
				}
				n += " \\fI" + roffText(placeholder) + "\\fR"
			}
			names = append(names, n)
		}
		fmt.Fprintf(w, ".TP\n%s\n%s", strings.Join(names, ", "), roffText(usage))
		if def := flagDefault(df); def != "" {
			fmt.Fprintf(w, " (default: %s)", roffText(def))
		}
		fmt.Fprint(w, "\n")
	}
}

// flagDefault is the default a value flag's help shows, "" when it is
// empty or zero.
func flagDefault(f cli.DocGenerationFlag) string {
	if !f.TakesValue() {
		return ""
	}
	switch v := f.GetDefaultText(); v {
	case "", `""`, "0", "false", "[]":
		return ""
	default:
		return v
	}
}

// roffParagraphs writes text whose paragraphs are separated by blank lines
// and whose lines are kept as written (.br between them).
func roffParagraphs(text string) string {
	var b strings.Builder
	for i, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		if i > 0 {
			b.WriteString(".PP\n")
		}
		for j, line := range strings.Split(para, "\n") {
			if j > 0 {
				b.WriteString(".br\n")
			}
			b.WriteString(roffText(line))
			b.WriteString("\n")
		}
	}
	return b.String()
}

// roffText escapes text for roff: backslashes, hyphens (so that options are
// copied as ASCII minus signs), non-ASCII characters (as \[uXXXX], which
// every roff reads whatever the locale) and a leading control character.
func roffText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\e`)
		case r == '-':
			b.WriteString(`\-`)
		case r > 0x7f:
			fmt.Fprintf(&b, `\[u%04X]`, r)
		default:
			b.WriteRune(r)
		}
	}
	s = b.String()
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

// unquoteUsage splits a flag's usage into its value placeholder (the first
// `back-quoted` word, as urfave/cli's help shows it) and the usage text
// without the back quotes.
func unquoteUsage(usage string) (placeholder, text string) {
	before, rest, ok := strings.Cut(usage, "`")
	if !ok {
		return "", usage
	}
	name, after, ok := strings.Cut(rest, "`")
	if !ok {
		return "", usage
	}
	return name, before + name + after
}
