package lsp

import (
	"net/url"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// text is a file's contents with its line starts, converting between byte
// offsets (coordc's ranges) and LSP positions (0-based lines, UTF-16
// columns). Lines end at \n, \r\n or a lone \r, as LSP counts them.
type text struct {
	data   []byte
	starts []int // byte offset of each line
	ends   []int // byte offset of each line's terminator (or the end)
}

func newText(data []byte) *text {
	t := &text{data: data, starts: []int{0}}
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '\n':
			t.ends = append(t.ends, i)
			t.starts = append(t.starts, i+1)
		case '\r':
			t.ends = append(t.ends, i)
			if i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			t.starts = append(t.starts, i+1)
		}
	}
	t.ends = append(t.ends, len(data))
	return t
}

// lineEnd is the offset of the end of line i (before its terminator).
func (t *text) lineEnd(i int) int { return t.ends[i] }

// position converts a byte offset to an LSP position.
func (t *text) position(off int) protocol.Position {
	off = max(0, min(off, len(t.data)))
	lo, hi := 0, len(t.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if t.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return protocol.Position{Line: uint32(lo), Character: uint32(utf16Len(t.data[t.starts[lo]:off]))}
}

// offset converts an LSP position to a byte offset, clamped to the line
// (a column past its end is its end) and the text.
func (t *text) offset(p protocol.Position) int {
	line := int(p.Line)
	if line >= len(t.starts) {
		return len(t.data)
	}
	off, end := t.starts[line], t.lineEnd(line)
	for units := 0; off < end; {
		r, size := utf8.DecodeRune(t.data[off:end])
		n := utf16.RuneLen(r)
		if n < 0 {
			n = 1
		}
		if units+n > int(p.Character) {
			break
		}
		units += n
		off += size
	}
	return off
}

// hclOffset is the byte offset of an hcl.Pos: its Byte when that agrees
// with its line, else its line and code-point column.
func (t *text) hclOffset(p hcl.Pos) int {
	line := p.Line - 1
	if line < 0 || line >= len(t.starts) {
		return max(0, min(p.Byte, len(t.data)))
	}
	if p.Byte >= t.starts[line] && p.Byte <= t.lineEnd(line) {
		return p.Byte
	}
	off, end := t.starts[line], t.lineEnd(line)
	for col := 1; col < p.Column && off < end; col++ {
		_, size := utf8.DecodeRune(t.data[off:end])
		off += size
	}
	return off
}

// lspRange converts an hcl.Range of this text.
func (t *text) lspRange(r hcl.Range) protocol.Range {
	return protocol.Range{Start: t.position(t.hclOffset(r.Start)), End: t.position(t.hclOffset(r.End))}
}

func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if k := utf16.RuneLen(r); k > 0 {
			n += k
		} else {
			n++
		}
		b = b[size:]
	}
	return n
}

// contains reports whether byte offset off is inside r (ends inclusive, so
// that a cursor just after a name still hits it).
func contains(r hcl.Range, off int) bool {
	return r.Filename != "" && r.Start.Byte <= off && off <= r.End.Byte && r.End.Byte > r.Start.Byte
}

// uriToPath turns a file:// URI into a clean absolute path; "" for other
// schemes.
func uriToPath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return ""
	}
	p := u.Path
	if p == "" {
		return ""
	}
	return filepath.Clean(filepath.FromSlash(p))
}

// pathToURI is the file:// URI of an absolute path.
func pathToURI(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path
	}
	return u.String()
}
