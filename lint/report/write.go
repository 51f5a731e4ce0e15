package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/lint"
)

// Formats lists the output formats Write accepts.
var Formats = []string{"text", "compact", "json", "sarif", "github", "markdown"}

// Options are what some formats need besides the report.
type Options struct {
	// Sources are the file contents, for text snippets.
	Sources diag.Sources
	// Rules are all known rules, listed in SARIF output.
	Rules []*lint.Analyzer
	// Locator places files in SARIF output (relative to the repository
	// root).
	Locator Locator
	// Palette colours the text format for a terminal; the zero value is
	// plain.
	Palette diag.Palette
}

// Write renders r in format (one of Formats).
func Write(w io.Writer, format string, r *Report, opts Options) error {
	switch format {
	case "text":
		return writeText(w, r, opts.Sources, opts.Palette)
	case "compact":
		return writeCompact(w, r)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	case "sarif":
		return writeSARIF(w, r, opts.Rules, opts.Locator)
	case "github":
		return writeGitHub(w, r)
	case "markdown":
		return writeMarkdown(w, r, 0)
	}
	return fmt.Errorf("unknown format %q", format)
}
