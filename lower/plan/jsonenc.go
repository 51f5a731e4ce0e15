package plan

import (
	"strconv"
	"unicode/utf8"
)

// jsonPlain marks the ASCII bytes that appear unescaped inside a JSON string.
// Like encoding/json's default (HTML-safe) encoder, '<', '>' and '&' are
// escaped as \u003c, \u003e and \u0026 so that a plan can be pasted into HTML
// safely; byte equality with json.Marshal is a tested property.
var jsonPlain = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = true
	}
	for _, c := range `"\<>&` {
		t[c] = false
	}
	return t
}()

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a quoted JSON string, escaped exactly as
// encoding/json.Marshal escapes it: short escapes for \" \\ \b \f \n \r \t,
// \u00XX for other control bytes and for < > &, \ufffd for each byte of
// invalid UTF-8, and \u2028/\u2029 for the JavaScript line separators.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonPlain[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			b = appendASCIIEscape(b, c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch {
		case r == utf8.RuneError && size == 1:
			esc = `\ufffd`
		case r == '\u2028':
			esc = `\u2028`
		case r == '\u2029':
			esc = `\u2029`
		default:
			i += size
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, esc...)
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendASCIIEscape appends the JSON escape of an ASCII byte that may not
// appear literally.
func appendASCIIEscape(b []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(b, '\\', c)
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	return append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
}

// appendIndent appends a newline and depth levels of two-space indentation.
func appendIndent(b []byte, depth int) []byte {
	b = append(b, '\n')
	for range depth {
		b = append(b, ' ', ' ')
	}
	return b
}

// appendKey appends a newline, indentation and `"key": `.
func appendKey(b []byte, depth int, key string) []byte {
	b = appendIndent(b, depth)
	b = appendJSONString(b, key)
	return append(b, ':', ' ')
}

// appendStringField appends `"key": "value"`, on its own line.
func appendStringField(b []byte, depth int, key, value string) []byte {
	return appendJSONString(appendKey(b, depth, key), value)
}

// appendIntField appends `"key": n`, on its own line.
func appendIntField(b []byte, depth int, key string, n int) []byte {
	return appendInt(appendKey(b, depth, key), n)
}

// appendStringArray appends a JSON array of strings at depth (the depth of
// the line holding the opening bracket), "[]" when empty.
func appendStringArray(b []byte, depth int, items []string) []byte {
	if len(items) == 0 {
		return append(b, '[', ']')
	}
	b = append(b, '[')
	for i, s := range items {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendIndent(b, depth+1)
		b = appendJSONString(b, s)
	}
	b = appendIndent(b, depth)
	return append(b, ']')
}

// appendInt appends n in decimal.
func appendInt(b []byte, n int) []byte { return strconv.AppendInt(b, int64(n), 10) }
