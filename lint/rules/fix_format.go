package rules

import (
	"bytes"
	"sort"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/lint"
)

// reportFix reports a finding with fixes, kept formatted in HCL files (see
// keepFormatted).
func reportFix(p *lint.Pass, rng hcl.Range, fixes []diag.Edit, detail, format string, args ...any) {
	p.ReportFix(rng, keepFormatted(p.Sources, fixes), detail, format, args...)
}

// keepFormatted makes a fix of an HCL file that coordc fmt accepts keep it
// that way. coordc fmt (hclwrite) aligns the trailing comments of
// consecutive attribute lines, so a fix that makes a value longer or
// shorter can leave its neighbours misaligned. When the file is formatted
// and the edits would unformat it, they are replaced by one edit of the
// lines that change, with their formatted text. Fixes of XML files, of
// unformatted HCL files, and fixes that keep the format are returned as
// they are.
func keepFormatted(src diag.Sources, fixes []diag.Edit) []diag.Edit {
	if len(fixes) == 0 || !inHCL(fixes[0].Range) {
		return fixes
	}
	name := fixes[0].Range.Filename
	data, ok := src[name]
	if !ok {
		return fixes
	}
	edits := append([]diag.Edit(nil), fixes...)
	sort.Slice(edits, func(i, j int) bool { return edits[i].Range.Start.Byte < edits[j].Range.Start.Byte })
	at := 0
	var fixed []byte
	for _, e := range edits {
		r := e.Range
		if r.Filename != name || r.Start.Byte < at || r.End.Byte > len(data) || r.Start.Byte > r.End.Byte {
			return fixes
		}
		fixed = append(append(fixed, data[at:r.Start.Byte]...), e.Text...)
		at = r.End.Byte
	}
	fixed = append(fixed, data[at:]...)
	if !bytes.Equal(hclwrite.Format(data), data) {
		return fixes
	}
	formatted := hclwrite.Format(fixed)
	if bytes.Equal(formatted, fixed) {
		return fixes
	}
	// fixed and data agree before lo and, shifted by delta, after hi.
	lo, hi := edits[0].Range.Start.Byte, edits[len(edits)-1].Range.End.Byte
	delta := len(fixed) - len(data)
	prefix := commonPrefix(fixed, formatted)
	suffix := commonSuffix(fixed[prefix:], formatted[prefix:])
	start, end := min(lo, prefix), max(hi+delta, len(fixed)-suffix)
	for start > 0 && fixed[start-1] != '\n' {
		start--
	}
	for end < len(fixed) && fixed[end] != '\n' {
		end++
	}
	text := formatted[start : end+len(formatted)-len(fixed)]
	return []diag.Edit{{Range: byteRange(name, data, start, end-delta), Text: string(text)}}
}

func commonPrefix(a, b []byte) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func commonSuffix(a, b []byte) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

// byteRange is the range of data[from:to] in the file name.
func byteRange(name string, data []byte, from, to int) hcl.Range {
	return hcl.Range{Filename: name, Start: bytePos(data, from), End: bytePos(data, to)}
}

// bytePos is the position of byte off of data: 1-based line, column in
// Unicode code points, 0-based byte.
func bytePos(data []byte, off int) hcl.Pos {
	line, ls := 1, 0
	for i, c := range data[:off] {
		if c == '\n' {
			line, ls = line+1, i+1
		}
	}
	return hcl.Pos{Line: line, Column: utf8.RuneCount(data[ls:off]) + 1, Byte: off}
}
