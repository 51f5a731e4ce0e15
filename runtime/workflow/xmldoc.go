package workflow

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/el"
)

// MaxDefinitionLength is the largest workflow.xml accepted, Oozie's default
// oozie.service.WorkflowAppService.WorkflowDefinitionMaxLength (E0736).
const MaxDefinitionLength = 100000

// segmentGap is the longest verbatim segment of a decoded Source.
const segmentGap = 256

// maxDepth bounds element nesting so later passes may recurse.
const maxDepth = 50

// elem is one XML element with source positions.
type elem struct {
	space, local string
	attrs        []*attr
	kids         []*elem
	text         *el.Source // the decoded character data, mapped to the file
	start        hcl.Range  // the start tag
}

// attr is one attribute.
type attr struct {
	space, local string
	value        *el.Source
	rng          hcl.Range // the value inside the quotes
	nameRng      hcl.Range // the name as written
}

// get returns the attribute local (no namespace) or nil.
func (e *elem) get(local string) *attr {
	for _, a := range e.attrs {
		if a.space == "" && a.local == local {
			return a
		}
	}
	return nil
}

// rawSpan is a byte range of the file.
type rawSpan struct {
	start, end int
	cdata      bool
}

// reader decodes a file into elems.
type reader struct {
	filename string
	data     []byte
	lines    []int // byte offset of each line start
	diags    hcl.Diagnostics
	last     hcl.Pos // the previous answer of pos: most calls move forward
}

// pos converts a byte offset to a position. Counting columns from the
// previous answer when it is on the same line keeps a long single-line
// file linear.
func (r *reader) pos(off int) hcl.Pos {
	i := sort.Search(len(r.lines), func(i int) bool { return r.lines[i] > off }) - 1
	from, col := r.lines[i], 1
	if r.last.Line == i+1 && r.last.Byte <= off {
		from, col = r.last.Byte, r.last.Column
	}
	r.last = hcl.Pos{Line: i + 1, Column: col + utf8.RuneCount(r.data[from:off]), Byte: off}
	return r.last
}

func (r *reader) rng(start, end int) hcl.Range {
	return hcl.Range{Filename: r.filename, Start: r.pos(start), End: r.pos(end)}
}

func (r *reader) errorf(rng hcl.Range, code, detail, format string, args ...any) {
	d := diag.Errorf(rng, diag.Code(code), format, args...)
	d.Detail = detail
	r.diags = append(r.diags, d)
}

// readXML parses data; the root is nil when the XML is not well formed.
func readXML(filename string, data []byte) (*elem, hcl.Diagnostics) {
	r := &reader{filename: filename, data: data, lines: []int{0}}
	for i := 0; i < len(data); i++ {
		if data[i] == '\n' || data[i] == '\r' && (i+1 == len(data) || data[i+1] != '\n') {
			r.lines = append(r.lines, i+1)
		}
	}
	if len(data) > MaxDefinitionLength {
		r.errorf(r.rng(0, 0), "E0736", "Oozie refuses workflow definitions longer than its oozie.service.WorkflowAppService.WorkflowDefinitionMaxLength. Split the workflow into smaller ones.",
			"Workflow definition length [%d] exceeds the maximum allowed length [%d]", len(data), MaxDefinitionLength)
		return nil, r.diags
	}
	if !utf8.Valid(data) {
		r.errorf(r.rng(0, 0), "E0700", "Save the workflow definition as UTF-8.", "The file is not valid UTF-8")
		return nil, r.diags
	}
	root := r.decode()
	return root, r.diags
}

func (r *reader) decode() *elem {
	xd := xml.NewDecoder(bytes.NewReader(r.data))
	xd.Strict = true
	var root *elem
	var stack []*elem
	var texts [][]rawSpan
	for {
		start := int(xd.InputOffset())
		tok, err := xd.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		end := int(xd.InputOffset())
		if err != nil {
			msg := err.Error()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				msg = se.Msg
			}
			r.errorf(r.rng(start, end), "E0700", "Correct the XML syntax at this position.", "Malformed XML: %s", msg)
			return nil
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) == maxDepth {
				r.errorf(r.rng(start, end), "E0700", "Workflow definitions are not nested this deeply; check the file.", "Elements are nested deeper than %d levels", maxDepth)
				return nil
			}
			e := &elem{space: t.Name.Space, local: t.Name.Local, start: r.rng(start, end)}
			e.attrs = r.attrs(t, start, end)
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.kids = append(parent.kids, e)
			} else if root == nil {
				root = e
			}
			stack = append(stack, e)
			texts = append(texts, nil)
		case xml.EndElement:
			top := stack[len(stack)-1]
			top.text = r.source(texts[len(texts)-1])
			stack, texts = stack[:len(stack)-1], texts[:len(texts)-1]
		case xml.CharData:
			if len(texts) > 0 {
				cdata := bytes.HasPrefix(r.data[start:end], []byte("<![CDATA["))
				texts[len(texts)-1] = append(texts[len(texts)-1], rawSpan{start, end, cdata})
			}
		case xml.Directive:
			r.errorf(r.rng(start, end), "E0700", "Oozie does not allow DOCTYPE declarations in workflow definitions. Remove it.", "DOCTYPE is not allowed")
			return nil
		}
	}
	if root == nil {
		r.errorf(r.rng(len(r.data), len(r.data)), "E0700", "A workflow definition has a <workflow-app> root element. Check that this is the right file.", "The file has no root element")
	}
	return root
}

// attrs locates the attribute values of a start tag in the raw bytes.
func (r *reader) attrs(t xml.StartElement, start, end int) []*attr {
	raw := r.data[start:end]
	var out []*attr
	i := bytes.IndexAny(raw, " \t\r\n")
	for _, a := range t.Attr {
		if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
			continue
		}
		// Values are in document order; find the next name=quote.
		for i >= 0 && i < len(raw) {
			eq := bytes.IndexByte(raw[i:], '=')
			if eq < 0 {
				i = -1
				break
			}
			q := i + eq + 1
			for q < len(raw) && strings.ContainsRune(" \t\r\n", rune(raw[q])) {
				q++
			}
			nameAt := i
			for nameAt < i+eq && strings.ContainsRune(" \t\r\n", rune(raw[nameAt])) {
				nameAt++
			}
			name := strings.TrimSpace(string(raw[i : i+eq]))
			closeAt := bytes.IndexByte(raw[q+1:], raw[q]) + q + 1
			i = closeAt + 1
			if name == a.Name.Local || strings.HasSuffix(name, ":"+a.Name.Local) {
				span := rawSpan{start: start + q + 1, end: start + closeAt}
				out = append(out, &attr{space: a.Name.Space, local: a.Name.Local,
					value: r.decodeSpans([]rawSpan{span}, true), rng: r.rng(span.start, span.end),
					nameRng: r.rng(start+nameAt, start+nameAt+len(name))})
				break
			}
		}
	}
	return out
}

// source decodes an element's character data.
func (r *reader) source(spans []rawSpan) *el.Source {
	return r.decodeSpans(spans, false)
}

// decodeSpans decodes raw text (references, CDATA, line ends; for
// attributes also whitespace normalization) into a Source mapped back to
// the file.
func (r *reader) decodeSpans(spans []rawSpan, attribute bool) *el.Source {
	src := &el.Source{Filename: r.filename}
	var b strings.Builder
	verbatim := false
	replace := func(off int, text string, srcLen int) {
		src.Segments = append(src.Segments, el.Segment{Offset: b.Len(), Pos: r.pos(off), SrcLen: srcLen})
		b.WriteString(text)
		verbatim = false
	}
	for _, s := range spans {
		lo, hi := s.start, s.end
		if s.cdata {
			lo, hi = lo+len("<![CDATA["), hi-len("]]>")
		}
		verbatim = false
		for i := lo; i < hi; {
			c := r.data[i]
			switch {
			case c == '\r':
				n := 1
				if i+1 < hi && r.data[i+1] == '\n' {
					n = 2
				}
				replace(i, map[bool]string{false: "\n", true: " "}[attribute], n)
				i += n
			case attribute && (c == '\n' || c == '\t'):
				replace(i, " ", 1)
				i++
			case c == '&' && !s.cdata:
				semi := bytes.IndexByte(r.data[i:hi], ';')
				if semi < 0 {
					semi = hi - i - 1
				}
				replace(i, entity(string(r.data[i+1:i+semi])), semi+1)
				i += semi + 1
			default:
				// A new segment every segmentGap bytes keeps el.Source.Pos,
				// which counts from the segment start, cheap on long text.
				if verbatim && b.Len()-src.Segments[len(src.Segments)-1].Offset >= segmentGap && utf8.RuneStart(c) {
					verbatim = false
				}
				if !verbatim {
					src.Segments = append(src.Segments, el.Segment{Offset: b.Len(), Pos: r.pos(i), Verbatim: true})
					verbatim = true
				}
				b.WriteByte(c)
				i++
			}
		}
	}
	src.Text = b.String()
	if len(src.Segments) == 0 {
		at := 0
		if len(spans) > 0 {
			at = spans[0].start
		}
		src.Segments = []el.Segment{{Pos: r.pos(at), Verbatim: true}}
	}
	return src
}

// entity decodes the name of a reference that encoding/xml accepted.
func entity(name string) string {
	switch name {
	case "lt":
		return "<"
	case "gt":
		return ">"
	case "amp":
		return "&"
	case "apos":
		return "'"
	case "quot":
		return `"`
	}
	var n int
	var err error
	if strings.HasPrefix(name, "#x") {
		_, err = fmt.Sscanf(name[2:], "%x", &n)
	} else if strings.HasPrefix(name, "#") {
		_, err = fmt.Sscanf(name[1:], "%d", &n)
	}
	if err != nil {
		return "\uFFFD"
	}
	return string(rune(n))
}
