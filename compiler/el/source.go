package el

import (
	"sort"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
)

// Source is decoded text to parse, together with where each byte of it was
// written. Front ends decode entities (&amp;), CDATA sections and line-end
// normalization before parsing; Segments map the decoded offsets back so that
// every EL token gets its exact file position.
type Source struct {
	Filename string
	Text     string
	// Segments are sorted by Offset and the first one starts at offset 0.
	Segments []Segment
}

// Segment maps a run of decoded bytes, from Offset up to the next segment's
// Offset (or the end of Text), to the source.
type Segment struct {
	// Offset is the first byte of Text the segment covers.
	Offset int
	// Pos is the source position of that byte.
	Pos hcl.Pos
	// Verbatim segments were copied byte for byte from the source: positions
	// advance with the bytes (a newline starts a new line, columns count
	// Unicode code points). A non-verbatim segment is one replacement, such as
	// an entity reference: all its bytes map to Pos, and the position after it
	// is Pos advanced by SrcLen bytes on the same line.
	Verbatim bool
	SrcLen   int
}

// Plain returns a Source whose text was written verbatim starting at start.
func Plain(filename, text string, start hcl.Pos) *Source {
	return &Source{Filename: filename, Text: text, Segments: []Segment{{Offset: 0, Pos: start, Verbatim: true}}}
}

// Pos returns the source position of byte off of Text (off may equal
// len(Text), giving the position just after the text).
func (s *Source) Pos(off int) hcl.Pos {
	if len(s.Segments) == 0 {
		return hcl.Pos{Line: 1, Column: 1}
	}
	if off < 0 {
		off = 0
	}
	if off > len(s.Text) {
		off = len(s.Text)
	}
	i := sort.Search(len(s.Segments), func(i int) bool { return s.Segments[i].Offset > off }) - 1
	if i < 0 {
		i = 0
	}
	seg := s.Segments[i]
	if !seg.Verbatim {
		if off == seg.Offset {
			return seg.Pos
		}
		// Past the start of a replacement: only its end is meaningful.
		end := segEnd(s, i)
		if off >= end {
			return hcl.Pos{Line: seg.Pos.Line, Column: seg.Pos.Column + seg.SrcLen, Byte: seg.Pos.Byte + seg.SrcLen}
		}
		return seg.Pos
	}
	p := seg.Pos
	chunk := s.Text[seg.Offset:off]
	for j := 0; j < len(chunk); {
		r, n := utf8.DecodeRuneInString(chunk[j:])
		if r == '\n' {
			p.Line++
			p.Column = 1
		} else {
			p.Column++
		}
		p.Byte += n
		j += n
	}
	return p
}

func segEnd(s *Source, i int) int {
	if i+1 < len(s.Segments) {
		return s.Segments[i+1].Offset
	}
	return len(s.Text)
}

// Range returns the source range of Text[start:end].
func (s *Source) Range(start, end int) hcl.Range {
	r := hcl.Range{Filename: s.Filename, Start: s.Pos(start), End: s.Pos(end)}
	if end > start && !s.isVerbatimAt(end-1) {
		// The range ends inside a replacement: extend to its end.
		r.End = s.Pos(segEnd(s, s.segIndex(end-1)))
	}
	return r
}

func (s *Source) segIndex(off int) int {
	i := sort.Search(len(s.Segments), func(i int) bool { return s.Segments[i].Offset > off }) - 1
	if i < 0 {
		return 0
	}
	return i
}

func (s *Source) isVerbatimAt(off int) bool {
	if len(s.Segments) == 0 {
		return true
	}
	return s.Segments[s.segIndex(off)].Verbatim
}
