package props

import (
	"sort"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
)

// text is the decoded file: one rune per Java char position, with the byte
// offset where each starts, plus what is needed to turn byte offsets into
// hcl positions.
type text struct {
	filename   string
	data       []byte
	chars      []rune
	offs       []int // offs[i] = byte offset of chars[i]; offs[len(chars)] = len(data)
	utf8       bool
	lineStarts []int // byte offset of the first byte of each line
}

// decode reads data as UTF-8 when it is valid UTF-8, else as ISO-8859-1.
func decode(filename string, data []byte) *text {
	t := &text{filename: filename, data: data, utf8: utf8.Valid(data)}
	t.chars = make([]rune, 0, len(data))
	t.offs = make([]int, 0, len(data)+1)
	for i := 0; i < len(data); {
		r, n := rune(data[i]), 1
		if t.utf8 {
			r, n = utf8.DecodeRune(data[i:])
		}
		t.chars = append(t.chars, r)
		t.offs = append(t.offs, i)
		i += n
	}
	t.offs = append(t.offs, len(data))
	t.lineStarts = []int{0}
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			t.lineStarts = append(t.lineStarts, i+1)
		case '\n':
			t.lineStarts = append(t.lineStarts, i+1)
		}
	}
	return t
}

// pos converts a byte offset to a position: 1-based line, 1-based column
// counted in characters (code points; bytes for ISO-8859-1 files).
func (t *text) pos(off int) hcl.Pos {
	line := sort.Search(len(t.lineStarts), func(i int) bool { return t.lineStarts[i] > off }) - 1
	start := t.lineStarts[line]
	col := off - start
	if t.utf8 {
		col = utf8.RuneCount(t.data[start:off])
	}
	return hcl.Pos{Line: line + 1, Column: col + 1, Byte: off}
}

// rng returns the range of bytes [start, end).
func (t *text) rng(start, end int) hcl.Range {
	return hcl.Range{Filename: t.filename, Start: t.pos(start), End: t.pos(end)}
}
