package plan

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/hashicorp/hcl/v2"
)

// snapshot reads a JSON plan as a stream of tokens and, for actions, single
// decoded values, so that memory does not grow with the number of actions.
// The first error stops reading; it is kept as a diagnostic with the
// position where the decoder stood.
type snapshot struct {
	dec      *json.Decoder
	pos      *posReader
	filename string
	err      *hcl.Diagnostic
}

func newSnapshot(r io.Reader, filename string) *snapshot {
	if filename == "" {
		filename = "<snapshot>"
	}
	p := &posReader{r: r, line: 1, col: 1}
	return &snapshot{dec: json.NewDecoder(p), pos: p, filename: filename}
}

// fail records the first error, at the decoder's current offset.
func (s *snapshot) fail(summary, detail string) {
	s.failAt(s.dec.InputOffset(), summary, detail)
}

func (s *snapshot) failAt(off int64, summary, detail string) {
	if s.err != nil {
		return
	}
	p := s.pos.at(off)
	end := p
	end.Column++
	end.Byte++
	s.err = &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  summary,
		Detail:   detail,
		Subject:  &hcl.Range{Filename: s.filename, Start: p, End: end},
	}
}

// readError turns a decoder error into the snapshot's error.
func (s *snapshot) readError(off int64, err error) {
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		s.failAt(s.pos.end(), "Snapshot ends early", "The plan snapshot is cut short. Write it again with coordc plan --out.")
	case errors.As(err, &typeErr):
		s.failAt(off, fmt.Sprintf("Snapshot field %q has the wrong type", typeErr.Field),
			fmt.Sprintf("The value is a JSON %s where the plan.v1 schema wants %s. Write the snapshot again with coordc plan --out instead of editing it.", typeErr.Value, typeErr.Type))
	default:
		s.fail("Snapshot is not valid JSON", fmt.Sprintf("Reading the plan snapshot failed: %v. Write it again with coordc plan --out.", err))
	}
}

// ok reports whether no error has happened yet.
func (s *snapshot) ok() bool { return s.err == nil }

// more reports whether the current array or object has another element.
func (s *snapshot) more() bool { return s.ok() && s.dec.More() }

// delim consumes the delimiter want ('{', '[', '}' or ']').
func (s *snapshot) delim(want json.Delim, what string) bool {
	if !s.ok() {
		return false
	}
	off := s.dec.InputOffset()
	tok, err := s.dec.Token()
	if err != nil {
		s.readError(off, err)
		return false
	}
	if d, isDelim := tok.(json.Delim); !isDelim || d != want {
		s.failAt(off, fmt.Sprintf("Snapshot has %s where %q was expected", describeToken(tok), string(want)),
			fmt.Sprintf("Expected %s here. The file does not follow the plan.v1 schema; write it again with coordc plan --out.", what))
		return false
	}
	return true
}

// key reads an object key.
func (s *snapshot) key() (string, bool) {
	if !s.ok() {
		return "", false
	}
	off := s.dec.InputOffset()
	tok, err := s.dec.Token()
	if err != nil {
		s.readError(off, err)
		return "", false
	}
	k, isString := tok.(string)
	if !isString {
		s.failAt(off, fmt.Sprintf("Snapshot has %s where an object key was expected", describeToken(tok)),
			"The file does not follow the plan.v1 schema; write it again with coordc plan --out.")
	}
	return k, isString
}

// decode decodes the next value into v.
func (s *snapshot) decode(v any) bool {
	if !s.ok() {
		return false
	}
	off := s.dec.InputOffset()
	if err := s.dec.Decode(v); err != nil {
		s.readError(off, err)
		return false
	}
	s.pos.forget(s.dec.InputOffset())
	return true
}

// skip consumes the next value whatever it is.
func (s *snapshot) skip() bool {
	var raw json.RawMessage
	return s.decode(&raw)
}

// eof checks that nothing but white space follows the document.
func (s *snapshot) eof() {
	if !s.ok() {
		return
	}
	off := s.dec.InputOffset()
	if tok, err := s.dec.Token(); err != io.EOF {
		if err != nil {
			s.readError(off, err)
			return
		}
		s.failAt(off, fmt.Sprintf("Snapshot has %s after the plan", describeToken(tok)),
			"A snapshot holds exactly one JSON plan. Remove what follows it, or write it again with coordc plan --out.")
	}
}

func describeToken(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		return fmt.Sprintf("%q", string(t))
	case string:
		return fmt.Sprintf("the string %q", t)
	case nil:
		return "null"
	default:
		return fmt.Sprintf("the value %v", t)
	}
}

// posReader passes bytes through and maps stream offsets back to line and
// column. It keeps only the bytes after the last offset it was told to
// forget, so its memory is bounded by the decoder's read-ahead.
type posReader struct {
	r         io.Reader
	base      int64  // stream offset of buf[0]
	line, col int    // position of buf[0]
	buf       []byte // bytes read since base
}

func (p *posReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.buf = append(p.buf, b[:n]...)
	return n, err
}

// at returns the position of stream offset off (off ≥ the last forgotten
// offset; earlier offsets map to the oldest position kept).
func (p *posReader) at(off int64) hcl.Pos {
	line, col := p.line, p.col
	k := min(max(off-p.base, 0), int64(len(p.buf)))
	for _, c := range p.buf[:k] {
		switch {
		case c == '\n':
			line, col = line+1, 1
		case c&0xC0 != 0x80:
			col++
		}
	}
	return hcl.Pos{Line: line, Column: col, Byte: int(p.base + k)}
}

// end returns the stream offset just past the bytes read so far.
func (p *posReader) end() int64 { return p.base + int64(len(p.buf)) }

// forget drops the bytes before stream offset off.
func (p *posReader) forget(off int64) {
	pos := p.at(off)
	k := int64(pos.Byte) - p.base
	p.line, p.col, p.base = pos.Line, pos.Column, int64(pos.Byte)
	p.buf = append(p.buf[:0], p.buf[k:]...)
}
