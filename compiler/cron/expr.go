package cron

import (
	"fmt"
	"strings"

	"github.com/coordc/coordc/compiler/java"
)

// Expr is a parsed Oozie cron expression. It is immutable and safe for
// concurrent use.
type Expr struct {
	text     string    // the expression after Java trim, as Oozie stores it
	fields   [5]string // the five fields as written
	variants [2]variant
	n        int // number of Quartz expressions evaluated (1, or 2 for OR)
	warnings []ParseError
}

// ParseError describes why an expression is not a valid Oozie cron
// expression. Offset and Length locate the offending text in Expr.
type ParseError struct {
	Expr   string // the expression as given to Parse
	Field  int    // 0..4 (minute, hour, day-of-month, month, day-of-week), or -1 for the whole expression
	Offset int    // byte offset within Expr of the offending token
	Length int    // its length in bytes (at least 1)
	Msg    string // plain words, without Oozie's prefix
}

// Error returns the message in Oozie's words: "must have 5 bit fields" for
// field-count problems, "must be an integer or a cron syntax" otherwise.
func (e *ParseError) Error() string {
	if e.Field < 0 {
		return fmt.Sprintf("parameter [frequency] = [%s] %s", e.Expr, e.Msg)
	}
	return fmt.Sprintf("parameter [frequency] = [%s] must be an integer or a cron syntax: %s", e.Expr, e.Msg)
}

// Parse parses a 5-field Oozie cron expression (minute hour day-of-month
// month day-of-week). Leading and trailing characters up to U+0020 are
// trimmed first, as Oozie trims the frequency. The error is a *ParseError.
func Parse(s string) (*Expr, error) {
	lead, t := javaTrim(s)
	if i := strings.IndexByte(t, '\t'); i >= 0 {
		return nil, &ParseError{Expr: s, Field: -1, Offset: lead + i, Length: 1,
			Msg: "must have 5 bit fields separated by single spaces, not tabs"}
	}
	parts := strings.Split(t, " ")
	if len(parts) != 5 {
		return nil, fieldCountError(s, lead, t, parts)
	}
	e := &Expr{text: t}
	var fs [5]field
	off := lead
	for i, part := range parts {
		e.fields[i] = part
		if part == "" {
			return nil, &ParseError{Expr: s, Field: i, Offset: off - 1, Length: 1,
				Msg: fmt.Sprintf("the %s field is empty (two spaces in a row)", fieldNames[i])}
		}
		a, tp := javaTrim(part)
		p := &fieldParser{expr: s, kind: i, base: off + a, s: asciiUpper(tp)}
		if err := p.parse(); err != nil {
			return nil, err
		}
		fs[i] = p.f
		e.warnings = append(e.warnings, p.warns...)
		off += len(part) + 1
	}
	if err := e.buildVariants(s, fs, lead); err != nil {
		return nil, err
	}
	return e, nil
}

func fieldCountError(s string, lead int, t string, parts []string) *ParseError {
	e := &ParseError{Expr: s, Field: -1, Offset: lead, Length: len(t),
		Msg: fmt.Sprintf("must have 5 bit fields separated by single spaces, found %d", len(parts))}
	if t == "" {
		e.Offset, e.Length = 0, max(1, len(s))
	}
	if i := strings.Index(t, "  "); i >= 0 {
		e.Offset, e.Length = lead+i, 2
		e.Msg += " (two spaces in a row)"
	} else if len(parts) > 5 {
		at := len(strings.Join(parts[:5], " ")) + 1
		e.Offset, e.Length = lead+at, len(t)-at
		e.Msg += "; Oozie has no seconds or year field"
	}
	return e
}

// buildVariants applies Oozie's day-of-month/day-of-week adaptation. Oozie
// validates two Quartz expressions: v1 with day-of-month replaced by '?'
// unless day-of-week is '?', and v2 with day-of-week replaced by '?' unless
// day-of-month is '?'. It evaluates v1 when either field is '?' or
// day-of-month is '*', v2 when day-of-week is '*', and the earlier fire of
// both otherwise.
func (e *Expr) buildVariants(s string, fs [5]field, lead int) error {
	_, dom := javaTrim(e.fields[fDOM])
	_, dow := javaTrim(e.fields[fDOW])
	question := field{noSpec: true}
	v1dom, v2dow := fs[fDOM], fs[fDOW]
	if dow != "?" {
		v1dom = question
	}
	if dom != "?" {
		// The synthetic '?' stands where the replaced field was written.
		v2dow = question
		v2dow.noSpecAt = lead + fieldOffset(e.fields, fDOW)
	}
	v1 := variant{minutes: fs[fMinute].bits, hours: fs[fHour].bits, months: fs[fMonth].bits, dom: v1dom, dow: fs[fDOW]}
	v2 := variant{minutes: fs[fMinute].bits, hours: fs[fHour].bits, months: fs[fMonth].bits, dom: fs[fDOM], dow: v2dow}
	for _, v := range []*variant{&v1, &v2} {
		if err := v.check(s, e.fields, lead); err != nil {
			return err
		}
	}
	switch {
	case dom == "?" || dow == "?" || dom == "*":
		e.variants[0], e.n = v1, 1
	case dow == "*":
		e.variants[0], e.n = v2, 1
	default:
		e.variants[0], e.variants[1], e.n = v1, v2, 2
	}
	return nil
}

func fieldOffset(fields [5]string, i int) int {
	off := 0
	for _, f := range fields[:i] {
		off += len(f) + 1
	}
	return off
}

// String returns the expression as Oozie stores it (trimmed).
func (e *Expr) String() string { return e.text }

// Fields returns the five fields as written.
func (e *Expr) Fields() [5]string { return e.fields }

// Warnings lists text that Quartz accepts but ignores or reads in a
// surprising way ("JANUARY" is read as JAN, "5X" as 5, "1,15W" as 1W). Oozie
// accepts these expressions; a linter may want to flag them.
func (e *Expr) Warnings() []ParseError {
	return append([]ParseError(nil), e.warnings...)
}

// javaTrim trims like java.lang.String.trim and returns the number of bytes
// removed at the front.
func javaTrim(s string) (int, string) {
	i, j := java.TrimBounds(s)
	return i, s[i:j]
}

func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}
