package lint

import (
	"sort"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
)

// lineIndex converts byte offsets of one file to hcl positions (1-based
// line, 1-based column counted in Unicode code points, 0-based byte).
type lineIndex struct {
	name   string
	data   []byte
	starts []int // byte offset of each line's first byte
}

func newLineIndex(name string, data []byte) *lineIndex {
	ix := &lineIndex{name: name, data: data, starts: []int{0}}
	for i, c := range data {
		if c == '\n' {
			ix.starts = append(ix.starts, i+1)
		}
	}
	return ix
}

func (ix *lineIndex) pos(off int) hcl.Pos {
	off = max(0, min(off, len(ix.data)))
	line := sort.Search(len(ix.starts), func(i int) bool { return ix.starts[i] > off }) - 1
	return hcl.Pos{Line: line + 1, Column: utf8.RuneCount(ix.data[ix.starts[line]:off]) + 1, Byte: off}
}

func (ix *lineIndex) rng(start, end int) hcl.Range {
	return hcl.Range{Filename: ix.name, Start: ix.pos(start), End: ix.pos(end)}
}

// lineBounds returns the offsets of the start of the line holding off and
// of its end (the '\n', or the end of the file).
func (ix *lineIndex) lineBounds(off int) (int, int) {
	off = max(0, min(off, len(ix.data)))
	line := sort.Search(len(ix.starts), func(i int) bool { return ix.starts[i] > off }) - 1
	end := len(ix.data)
	if line+1 < len(ix.starts) {
		end = ix.starts[line+1] - 1
	}
	return ix.starts[line], end
}

// blank reports whether data[from:to] is only spaces and tabs (and a CR).
func blank(data []byte, from, to int) bool {
	for _, c := range data[from:to] {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}
