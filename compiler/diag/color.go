package diag

// Palette colours renderer output for a terminal with ANSI escapes. The
// zero value (Color false) writes plain text, byte for byte what the
// renderers write without a palette. The CLI turns colour on when stdout is
// a terminal, unless NO_COLOR is set or --no-color is given.
type Palette struct {
	Color bool
}

// ANSI select graphic rendition sequences.
const (
	sgrReset   = "\x1b[0m"
	sgrBoldRed = "\x1b[1;31m"
	sgrBoldYel = "\x1b[1;33m"
	sgrBoldCya = "\x1b[1;36m"
	sgrDim     = "\x1b[2m"
	sgrBoldGrn = "\x1b[1;32m"
)

func (p Palette) wrap(sgr, s string) string {
	if !p.Color || s == "" {
		return s
	}
	return sgr + s + sgrReset
}

// Severity colours a severity name: error red, warning yellow, info cyan.
func (p Palette) Severity(name string) string {
	switch name {
	case "error":
		return p.wrap(sgrBoldRed, name)
	case "warning":
		return p.wrap(sgrBoldYel, name)
	}
	return p.wrap(sgrBoldCya, name)
}

// Label colours a rule ID or code label ("[DST001 fixed-day-frequency]").
func (p Palette) Label(s string) string { return p.wrap(sgrDim, s) }

// Caret colours the underline of a snippet.
func (p Palette) Caret(s string) string { return p.wrap(sgrBoldGrn, s) }

// Marker colours a plan's DST marker and the notes that explain it.
func (p Palette) Marker(s string) string { return p.wrap(sgrBoldYel, s) }
