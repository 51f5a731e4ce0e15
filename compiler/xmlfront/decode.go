package xmlfront

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
)

// MaxDepth is the deepest element nesting accepted; deeper input is rejected
// before anything walks the tree, so later passes may recurse.
const MaxDepth = 100

// element is one XML element with the raw byte spans of its parts.
type element struct {
	space  string // resolved namespace URI, trimmed
	local  string
	qname  string // the name as written, with its prefix
	attrs  []*attribute
	kids   []*element
	texts  []textPiece // character data in document order
	start  int         // offset of '<'
	tagEnd int         // offset just after the start tag's '>'
	end    int         // offset just after the end tag (tagEnd for <x/>)
}

// attribute is an attribute of a start tag.
type attribute struct {
	space string // namespace URI; "" for unprefixed attributes
	local string
	qname string
	value string     // decoded and normalized
	src   *el.Source // value with its map back to the file
	name  span       // the name as written
	val   span       // the value inside the quotes
}

// span is a raw byte range [start, end).
type span struct{ start, end int }

// textPiece is a run of character data: plain text with references, or the
// inside of a CDATA section.
type textPiece struct {
	span
	cdata bool
}

// document is a decoded XML file.
type document struct {
	lx       *lineIndex
	root     *element
	comments []ir.Comment
	// nsDecls are the namespace declaration attributes, in document order.
	nsDecls []*attribute
}

// binding is one namespace declaration in scope.
type binding struct {
	prefix, uri string
}

// decoder turns bytes into a document, reporting XML errors (E0700).
type decoder struct {
	lx       *lineIndex
	data     []byte
	base     int // bytes skipped before the XML decoder's input (a BOM)
	doc      *document
	stack    []*element
	bindings []binding
	marks    []int // len(bindings) when each open element started
	diags    hcl.Diagnostics
}

// decode parses data. It returns a nil document when the XML is not well
// formed; diagnostics say why.
func decode(filename string, data []byte) (*document, hcl.Diagnostics) {
	lx := newLineIndex(filename, data)
	d := &decoder{lx: lx, data: data, base: lx.bom}
	d.doc = &document{lx: lx}
	if i := invalidUTF8(data); i >= 0 {
		d.errorf(lx.rng(i, i+1), "Invalid UTF-8 at byte %d", i).Detail =
			"Oozie definitions must be encoded in UTF-8. Convert the file to UTF-8 or remove the stray byte."
		return nil, d.diags
	}
	if !d.run() {
		return nil, d.diags
	}
	if d.doc.root == nil {
		d.errorf(lx.rng(len(data), len(data)), "The file has no root element").Detail =
			"An Oozie definition has one root element such as <coordinator-app>. Add it, or check that this is the right file."
		return nil, d.diags
	}
	return d.doc, d.diags
}

func (d *decoder) errorf(rng hcl.Range, format string, args ...any) *hcl.Diagnostic {
	x := diag.Errorf(rng, diag.E0700, format, args...)
	d.diags = append(d.diags, x)
	return x
}

// run reads every token; it returns false after a fatal error.
func (d *decoder) run() bool {
	xd := xml.NewDecoder(bytes.NewReader(d.data[d.base:]))
	xd.Strict = true
	xd.CharsetReader = d.charsetReader
	for {
		start := d.base + int(xd.InputOffset())
		tok, err := xd.Token()
		if errors.Is(err, io.EOF) {
			return true
		}
		end := d.base + int(xd.InputOffset())
		if err != nil {
			msg := err.Error()
			var se *xml.SyntaxError
			if errors.As(err, &se) && se.Msg == "unexpected EOF" && len(d.stack) > 0 {
				msg = fmt.Sprintf("element <%s> is not closed", d.stack[len(d.stack)-1].qname)
			}
			d.syntaxError(end, msg)
			return false
		}
		if !d.token(tok, start, end) {
			return false
		}
	}
}

// charsetReader accepts ASCII-compatible encoding labels for files that are
// plain ASCII (their bytes mean the same in UTF-8).
func (d *decoder) charsetReader(label string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "us-ascii", "ascii", "iso-8859-1", "latin1", "iso-8859-15", "windows-1252", "cp1252":
		for _, c := range d.data {
			if c >= utf8.RuneSelf {
				return nil, fmt.Errorf("encoding %q is declared but the file has non-ASCII characters; save it as UTF-8", label)
			}
		}
		return r, nil
	}
	return nil, fmt.Errorf("encoding %q is not supported; save the file as UTF-8", label)
}

// syntaxError reports what encoding/xml found; the decoder stops just after
// the offending character, so the error points at that character.
func (d *decoder) syntaxError(end int, msg string) {
	if i := strings.Index(msg, ": "); strings.HasPrefix(msg, "XML syntax error") && i >= 0 {
		msg = msg[i+2:]
	}
	msg = strings.TrimPrefix(msg, "xml: ")
	at := end
	if at > d.base {
		_, n := utf8.DecodeLastRune(d.data[:at])
		at -= n
	}
	d.errorf(d.lx.runeRange(at), "Malformed XML: %s", msg).Detail =
		"The file is not well-formed XML, so Oozie rejects it (E0700). Fix the markup at this position."
}

func (d *decoder) token(tok xml.Token, start, end int) bool {
	switch t := tok.(type) {
	case xml.StartElement:
		return d.startElement(start, end)
	case xml.EndElement:
		return d.endElement(end)
	case xml.CharData:
		return d.charData(start, end)
	case xml.Comment:
		d.doc.comments = append(d.doc.comments, ir.Comment{Text: string(t), Range: d.lx.rng(start, end)})
	case xml.Directive:
		d.errorf(d.lx.rng(start, end), "DOCTYPE and other declarations are not allowed").Detail =
			"Oozie parses definitions with document type declarations disallowed. Remove the <!...> declaration."
		return false
	}
	return true
}

func (d *decoder) startElement(start, end int) bool {
	if d.doc.root != nil && len(d.stack) == 0 {
		d.errorf(d.lx.rng(start, end), "Only one root element is allowed").Detail =
			"An XML file has exactly one root element. Remove this element or move it inside the root."
		return false
	}
	if len(d.stack) >= MaxDepth {
		d.errorf(d.lx.rng(start, end), "Elements are nested more than %d levels deep", MaxDepth).Detail =
			"No Oozie definition nests elements this deep. Check the file for runaway nesting."
		return false
	}
	e, ok := d.scanTag(start, end)
	if !ok {
		return false
	}
	if len(d.stack) == 0 {
		d.doc.root = e
	} else {
		p := d.stack[len(d.stack)-1]
		p.kids = append(p.kids, e)
	}
	d.stack = append(d.stack, e)
	return true
}

func (d *decoder) endElement(end int) bool {
	e := d.stack[len(d.stack)-1]
	d.stack = d.stack[:len(d.stack)-1]
	e.end = end
	d.bindings = d.bindings[:d.marks[len(d.marks)-1]]
	d.marks = d.marks[:len(d.marks)-1]
	return true
}

func (d *decoder) charData(start, end int) bool {
	if len(d.stack) > 0 {
		p := d.stack[len(d.stack)-1]
		if bytes.HasPrefix(d.data[start:end], []byte("<![CDATA[")) {
			p.texts = append(p.texts, textPiece{span: span{start + 9, end - 3}, cdata: true})
		} else {
			p.texts = append(p.texts, textPiece{span: span{start, end}})
		}
		return true
	}
	if i := bytes.IndexFunc(d.data[start:end], func(r rune) bool { return !isXMLSpace(r) }); i >= 0 {
		d.errorf(d.lx.runeRange(start+i), "Text is not allowed outside the root element").Detail =
			"Only comments and whitespace may appear before or after the root element. Remove the text."
		return false
	}
	return true
}

func isXMLSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

// invalidUTF8 returns the offset of the first byte that is not valid UTF-8,
// or -1.
func invalidUTF8(data []byte) int {
	if utf8.Valid(data) {
		return -1
	}
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}
