package xmlfront

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/java"
)

// lineIndex turns byte offsets of the raw file into hcl positions: 1-based
// lines (a line ends at \n, \r\n or a lone \r, as XML reads them), 1-based
// columns counting Unicode code points, and 0-based byte offsets.
type lineIndex struct {
	filename string
	data     []byte
	starts   []int // byte offset of the first byte of each line
	bom      int   // length of a leading byte order mark, not counted as a column
	// checkpoints hold the column of a character start about every
	// checkpointGap bytes, so finding a column never counts more than that
	// many bytes, however long the line.
	checkpoints []checkpoint
}

const checkpointGap = 512

type checkpoint struct{ off, col int }

func newLineIndex(filename string, data []byte) *lineIndex {
	lx := &lineIndex{filename: filename, data: data, starts: []int{0}}
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		lx.bom = 3
	}
	col, next := 1, checkpointGap
	for i := lx.bom; i < len(data); {
		if i >= next {
			lx.checkpoints = append(lx.checkpoints, checkpoint{i, col})
			next = i + checkpointGap
		}
		switch data[i] {
		case '\n':
			i++
			lx.starts, col = append(lx.starts, i), 1
			continue
		case '\r':
			i++
			if i < len(data) && data[i] == '\n' {
				i++
			}
			lx.starts, col = append(lx.starts, i), 1
			continue
		}
		_, n := utf8.DecodeRune(data[i:])
		i += n
		col++
	}
	return lx
}

// pos returns the position of byte off (clamped to the file).
func (lx *lineIndex) pos(off int) hcl.Pos {
	off = max(0, min(off, len(lx.data)))
	line := sort.Search(len(lx.starts), func(i int) bool { return lx.starts[i] > off }) - 1
	start, col := lx.starts[line], 1
	if line == 0 && off >= lx.bom {
		start = lx.bom
	}
	if c := sort.Search(len(lx.checkpoints), func(i int) bool { return lx.checkpoints[i].off > off }) - 1; c >= 0 && lx.checkpoints[c].off >= start {
		start, col = lx.checkpoints[c].off, lx.checkpoints[c].col
	}
	return hcl.Pos{Line: line + 1, Column: col + utf8.RuneCount(lx.data[start:off]), Byte: off}
}

// rng returns the range of the raw bytes [start, end).
func (lx *lineIndex) rng(start, end int) hcl.Range {
	return hcl.Range{Filename: lx.filename, Start: lx.pos(start), End: lx.pos(end)}
}

// runeRange returns the range of the character that starts at off, or an
// empty range at the end of the file.
func (lx *lineIndex) runeRange(off int) hcl.Range {
	off = max(0, min(off, len(lx.data)))
	_, n := utf8.DecodeRune(lx.data[off:])
	return lx.rng(off, off+n)
}

// sourceBuilder accumulates decoded text and the segments that map it back
// to the raw file.
type sourceBuilder struct {
	lx     *lineIndex
	text   strings.Builder
	segs   []el.Segment
	rawEnd int // raw offset just after the last verbatim byte appended; -1 forces a new segment
}

func newSourceBuilder(lx *lineIndex) *sourceBuilder {
	return &sourceBuilder{lx: lx, rawEnd: -1}
}

// segmentGap is the longest verbatim segment: el.Source.Pos counts from
// the segment start, so positions in long text stay cheap.
const segmentGap = 256

// verbatim appends raw bytes copied as they are, starting at raw offset off.
func (b *sourceBuilder) verbatim(off int, s []byte) {
	for len(s) > 0 {
		last := len(b.segs) - 1
		if b.rawEnd != off || last < 0 || !b.segs[last].Verbatim ||
			b.text.Len()-b.segs[last].Offset >= segmentGap && utf8.RuneStart(s[0]) {
			b.segs = append(b.segs, el.Segment{Offset: b.text.Len(), Pos: b.lx.pos(off), Verbatim: true})
			last++
		}
		n := min(len(s), max(1, segmentGap-(b.text.Len()-b.segs[last].Offset)))
		b.text.Write(s[:n])
		off += n
		b.rawEnd = off
		s = s[n:]
	}
}

// newline appends "\n" for a line break written as \r\n (rawLen 2) or a
// lone \r (rawLen 1) at off. The decoded newline maps to the last raw byte of
// the break, so positions before, inside and after it stay exact.
func (b *sourceBuilder) newline(off, rawLen int) {
	b.verbatim(off+rawLen-1, []byte{'\n'})
}

// replace appends decoded text that replaces rawLen raw bytes at off (an
// entity or character reference, or a normalized attribute character).
func (b *sourceBuilder) replace(off, rawLen int, decoded string) {
	b.segs = append(b.segs, el.Segment{Offset: b.text.Len(), Pos: b.lx.pos(off), SrcLen: rawLen})
	b.text.WriteString(decoded)
	b.rawEnd = -1
}

// source returns the accumulated text; at is the raw offset used for the
// position of empty text.
func (b *sourceBuilder) source(at int) *el.Source {
	segs := b.segs
	if len(segs) == 0 {
		segs = []el.Segment{{Offset: 0, Pos: b.lx.pos(at), Verbatim: true}}
	}
	return &el.Source{Filename: b.lx.filename, Text: b.text.String(), Segments: segs}
}

// subSource returns the part [a, b) of src with its own segments.
func subSource(src *el.Source, a, b int) *el.Source {
	out := &el.Source{Filename: src.Filename, Text: src.Text[a:b]}
	for i, seg := range src.Segments {
		end := len(src.Text)
		if i+1 < len(src.Segments) {
			end = src.Segments[i+1].Offset
		}
		if end <= a || seg.Offset >= b {
			continue
		}
		ns := seg
		if seg.Offset < a {
			if seg.Verbatim {
				ns.Pos = src.Pos(a)
			}
			ns.Offset = 0
		} else {
			ns.Offset = seg.Offset - a
		}
		out.Segments = append(out.Segments, ns)
	}
	if len(out.Segments) == 0 {
		out.Segments = []el.Segment{{Offset: 0, Pos: src.Pos(a), Verbatim: true}}
	}
	return out
}

// trimSource trims src the way Java's String.trim does.
func trimSource(src *el.Source) *el.Source {
	a := len(src.Text) - len(strings.TrimLeftFunc(src.Text, java.IsSpace[rune]))
	b := len(strings.TrimRightFunc(src.Text, java.IsSpace[rune]))
	if a == 0 && b == len(src.Text) {
		return src
	}
	if b < a {
		b = a
	}
	return subSource(src, a, b)
}

// fullRange is the range of the whole text of src.
func fullRange(src *el.Source) hcl.Range {
	return src.Range(0, len(src.Text))
}
