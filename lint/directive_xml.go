package lint

import (
	"bytes"
	"encoding/xml"
	"io"
)

// xmlComments returns the <!-- --> comments of an XML file, skipping CDATA
// sections. An unterminated comment runs to the end of the file.
func xmlComments(data []byte) []comment {
	var out []comment
	before := true
	for i := 0; i < len(data); i++ {
		if data[i] != '<' {
			continue
		}
		rest := data[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			end := bytes.Index(rest[4:], []byte("-->"))
			c := comment{start: i, textFrom: i + 4, beforeFirstElement: before}
			if end < 0 {
				c.textTo, c.end = len(data), len(data)
			} else {
				c.textTo, c.end = i+4+end, i+4+end+3
			}
			out = append(out, c)
			i = c.end - 1
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end := bytes.Index(rest, []byte("]]>"))
			if end < 0 {
				return out
			}
			i += end + 2
		case len(rest) > 1 && isNameStart(rest[1]):
			before = false
		}
	}
	return out
}

func isNameStart(c byte) bool {
	return c == '_' || c == ':' || 'a' <= c|0x20 && c|0x20 <= 'z' || c >= 0x80
}

// xmlScope returns the bytes a directive alone on its line covers: the
// element starting at next (to its end tag), or else the line holding next.
func xmlScope(ix *lineIndex, next int) (int, int) {
	data := ix.data
	if next >= len(data) {
		return next, next
	}
	ls, le := ix.lineBounds(next)
	if data[next] != '<' || next+1 >= len(data) || !isNameStart(data[next+1]) {
		return ls, le
	}
	dec := xml.NewDecoder(bytes.NewReader(data[next:]))
	dec.Strict = false
	depth := 0
	for {
		tok, err := dec.RawToken()
		if err == io.EOF || err != nil {
			return ls, le
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
			if depth <= 0 {
				return next, next + int(dec.InputOffset())
			}
		}
	}
}
