package rules

import (
	"unicode/utf8"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/hashicorp/hcl/v2"
)

// sourceOf returns the bytes rng covers in src, or false when the file is
// unknown or the range does not fit it.
func sourceOf(src diag.Sources, rng hcl.Range) (string, bool) {
	data, ok := src[rng.Filename]
	if !ok || rng.Start.Byte < 0 || rng.End.Byte > len(data) || rng.Start.Byte > rng.End.Byte {
		return "", false
	}
	return string(data[rng.Start.Byte:rng.End.Byte]), true
}

// verbatim reports whether t was written exactly as its decoded text (no
// entities, CDATA or line-end changes) on one line, so that byte offsets
// into t.Raw are offsets into the file.
func verbatim(src diag.Sources, t *ir.Text) bool {
	if t == nil || t.Range.Start.Line != t.Range.End.Line {
		return false
	}
	s, ok := sourceOf(src, t.Range)
	return ok && s == t.Raw
}

// subRange returns the range of t.Raw[off:off+n] when t is verbatim (see
// verbatim), else t's whole range and false.
func subRange(src diag.Sources, t *ir.Text, off, n int) (hcl.Range, bool) {
	if !verbatim(src, t) || off < 0 || n < 0 || off+n > len(t.Raw) {
		return t.Range, false
	}
	r := t.Range
	r.Start.Byte += off
	r.Start.Column += utf8.RuneCountInString(t.Raw[:off])
	r.End = r.Start
	r.End.Byte += n
	r.End.Column += utf8.RuneCountInString(t.Raw[off : off+n])
	return r, true
}

// sameRange reports whether d points exactly at rng.
func sameRange(d *hcl.Diagnostic, rng hcl.Range) bool {
	return d.Subject != nil && *d.Subject == rng
}

// within reports whether d points inside rng (same file, bytes included).
func within(d *hcl.Diagnostic, rng hcl.Range) bool {
	s := d.Subject
	return s != nil && s.Filename == rng.Filename && s.Start.Byte >= rng.Start.Byte && s.End.Byte <= rng.End.Byte
}

// leadingSpace counts the bytes java.lang.String.trim removes at the start
// of s (every byte up to U+0020).
func leadingSpace(s string) int {
	i := 0
	for i < len(s) && s[i] <= ' ' {
		i++
	}
	return i
}
