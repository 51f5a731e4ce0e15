package xmlfront

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// predefined are XML's five predefined entities.
var predefined = map[string]string{"lt": "<", "gt": ">", "amp": "&", "apos": "'", "quot": "\""}

// decodeChars appends the raw character data data[start:end] (element text
// or, when attr is set, an attribute value without its quotes) to b:
// entity and character references are expanded, line breaks become \n, and
// in attribute values tab, \n and \r become a space as XML's attribute-value
// normalization requires (character references are not normalized).
func decodeChars(b *sourceBuilder, data []byte, start, end int, attr bool) {
	run := start // start of the pending verbatim run
	flush := func(i int) {
		b.verbatim(run, data[run:i])
	}
	for i := start; i < end; {
		c := data[i]
		switch {
		case c == '&':
			semi := bytes.IndexByte(data[i:end], ';')
			if semi < 0 {
				i++
				continue
			}
			dec, ok := decodeRef(string(data[i+1 : i+semi]))
			if !ok {
				i++
				continue
			}
			flush(i)
			b.replace(i, semi+1, dec)
			i += semi + 1
			run = i
		case c == '\r':
			flush(i)
			n := 1
			if i+1 < end && data[i+1] == '\n' {
				n = 2
			}
			if attr {
				b.replace(i, n, " ")
			} else {
				b.newline(i, n)
			}
			i += n
			run = i
		case attr && (c == '\n' || c == '\t'):
			flush(i)
			b.replace(i, 1, " ")
			i++
			run = i
		default:
			i++
		}
	}
	flush(end)
}

// decodeCDATA appends the inside of a CDATA section, data[start:end], to b;
// only line breaks are normalized.
func decodeCDATA(b *sourceBuilder, data []byte, start, end int) {
	run := start
	for i := start; i < end; i++ {
		if data[i] != '\r' {
			continue
		}
		b.verbatim(run, data[run:i])
		n := 1
		if i+1 < end && data[i+1] == '\n' {
			n = 2
		}
		b.newline(i, n)
		i += n - 1
		run = i + 1
	}
	b.verbatim(run, data[run:end])
}

// decodeRef expands the name of an entity or character reference (the text
// between & and ;).
func decodeRef(name string) (string, bool) {
	if s, ok := predefined[name]; ok {
		return s, true
	}
	if len(name) < 2 || name[0] != '#' {
		return "", false
	}
	var n uint64
	var err error
	if name[1] == 'x' {
		n, err = strconv.ParseUint(name[2:], 16, 32)
	} else {
		n, err = strconv.ParseUint(name[1:], 10, 32)
	}
	if err != nil || !utf8.ValidRune(rune(n)) {
		return "", false
	}
	return string(rune(n)), true
}
