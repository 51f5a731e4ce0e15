package openapi

import (
	"fmt"
	"strconv"
	"strings"
)

// This file is a YAML reader for the subset Flink's generated OpenAPI files
// use: block mappings and sequences, plain, single- and double-quoted
// scalars (multi-line, with escapes and escaped line breaks) and literal
// block scalars. No anchors, tags, flow collections or comments; anything
// outside the subset is an error with a line number, not a guess.

type yamlLine struct {
	no     int
	indent int
	text   string
}

type yamlParser struct {
	lines []yamlLine
	i     int
}

// ParseYAML reads a document into map[string]any, []any, string, bool,
// float64 and nil values.
func ParseYAML(src string) (any, error) {
	p := &yamlParser{}
	for n, raw := range strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n") {
		if strings.ContainsRune(raw, '\t') && strings.TrimLeft(raw, " ") != strings.TrimLeft(raw, " \t") {
			return nil, fmt.Errorf("yaml line %d: tab in indentation", n+1)
		}
		text := strings.TrimRight(raw, " ")
		if strings.TrimSpace(text) == "" {
			continue
		}
		trimmed := strings.TrimLeft(text, " ")
		p.lines = append(p.lines, yamlLine{no: n + 1, indent: len(text) - len(trimmed), text: trimmed})
	}
	if len(p.lines) == 0 {
		return nil, nil
	}
	v, err := p.block(p.lines[0].indent)
	if err == nil && p.i < len(p.lines) {
		err = fmt.Errorf("yaml line %d: unexpected dedented content", p.lines[p.i].no)
	}
	return v, err
}

func isDash(s string) bool { return s == "-" || strings.HasPrefix(s, "- ") }

func (p *yamlParser) block(indent int) (any, error) {
	if isDash(p.lines[p.i].text) {
		return p.seq(indent)
	}
	return p.mapping(indent)
}

func (p *yamlParser) mapping(indent int) (map[string]any, error) {
	m := map[string]any{}
	for p.i < len(p.lines) && p.lines[p.i].indent == indent && !isDash(p.lines[p.i].text) {
		l := p.lines[p.i]
		key, rest, err := splitKey(l.text)
		if err != nil {
			return nil, fmt.Errorf("yaml line %d: %v", l.no, err)
		}
		if _, dup := m[key]; dup {
			return nil, fmt.Errorf("yaml line %d: duplicate key %q", l.no, key)
		}
		p.i++
		if m[key], err = p.value(indent, rest, l.no); err != nil {
			return nil, err
		}
	}
	if p.i < len(p.lines) && p.lines[p.i].indent > indent {
		return nil, fmt.Errorf("yaml line %d: unexpected indentation", p.lines[p.i].no)
	}
	return m, nil
}

func (p *yamlParser) seq(indent int) ([]any, error) {
	var out []any
	for p.i < len(p.lines) && p.lines[p.i].indent == indent && isDash(p.lines[p.i].text) {
		l := p.lines[p.i]
		item := strings.TrimLeft(strings.TrimPrefix(l.text, "-"), " ")
		itemIndent := indent + len(l.text) - len(item)
		var v any
		var err error
		switch {
		case item == "":
			p.i++
			if p.i >= len(p.lines) || p.lines[p.i].indent <= indent {
				return nil, fmt.Errorf("yaml line %d: empty sequence item", l.no)
			}
			v, err = p.block(p.lines[p.i].indent)
		case looksLikeKey(item):
			p.lines[p.i] = yamlLine{no: l.no, indent: itemIndent, text: item}
			v, err = p.mapping(itemIndent)
		default:
			p.i++
			v, err = p.value(indent, item, l.no)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// splitKey splits "key: rest" (or "key:") with an optionally quoted key.
func splitKey(s string) (string, string, error) {
	if s[0] == '"' || s[0] == '\'' {
		end := closingQuote(s)
		if end < 0 || !strings.HasPrefix(s[end+1:], ":") {
			return "", "", fmt.Errorf("malformed quoted key in %q", s)
		}
		key, err := unquote(s[:end+1])
		return key, strings.TrimPrefix(s[end+2:], " "), err
	}
	if k, rest, ok := strings.Cut(s, ": "); ok {
		return k, rest, nil
	}
	if k, ok := strings.CutSuffix(s, ":"); ok {
		return k, "", nil
	}
	return "", "", fmt.Errorf("expected \"key: value\", got %q", s)
}

func looksLikeKey(s string) bool {
	if s[0] == '"' || s[0] == '\'' {
		end := closingQuote(s)
		return end > 0 && strings.HasPrefix(s[end+1:], ":")
	}
	return strings.Contains(s, ": ") || strings.HasSuffix(s, ":")
}

// value reads the value of a key (or sequence item) at keyIndent whose text
// on the key's line is rest.
func (p *yamlParser) value(keyIndent int, rest string, no int) (any, error) {
	switch {
	case rest == "":
		if p.i < len(p.lines) {
			next := p.lines[p.i]
			if next.indent > keyIndent || (next.indent == keyIndent && isDash(next.text)) {
				return p.block(next.indent)
			}
		}
		return nil, nil
	case rest == "|" || rest == "|-":
		var body []string
		minIndent := -1
		for p.i < len(p.lines) && p.lines[p.i].indent > keyIndent {
			if minIndent < 0 {
				minIndent = p.lines[p.i].indent
			}
			body = append(body, strings.Repeat(" ", p.lines[p.i].indent-minIndent)+p.lines[p.i].text)
			p.i++
		}
		return strings.Join(body, "\n"), nil
	case rest[0] == '"' || rest[0] == '\'':
		raw := rest
		for closingQuote(raw) < 0 {
			if p.i >= len(p.lines) {
				return nil, fmt.Errorf("yaml line %d: unterminated quoted scalar", no)
			}
			next := p.lines[p.i].text
			p.i++
			if rest[0] == '"' && strings.HasSuffix(raw, `\`) && !strings.HasSuffix(raw, `\\`) {
				raw = raw[:len(raw)-1] + next
			} else {
				raw += " " + next
			}
		}
		if end := closingQuote(raw); end != len(raw)-1 {
			return nil, fmt.Errorf("yaml line %d: text after quoted scalar", no)
		}
		return unquote(raw)
	}
	parts := []string{rest}
	for p.i < len(p.lines) && p.lines[p.i].indent > keyIndent {
		if looksLikeKey(p.lines[p.i].text) {
			return nil, fmt.Errorf("yaml line %d: mapping value inside a plain scalar", p.lines[p.i].no)
		}
		parts = append(parts, p.lines[p.i].text)
		p.i++
	}
	return plainScalar(strings.Join(parts, " ")), nil
}

func plainScalar(s string) any {
	switch s {
	case "true":
		return true
	case "false":
		return false
	case "null", "~":
		return nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "xXeE_") {
		return f
	}
	return s
}

// closingQuote returns the index of the quote closing the scalar opened at
// s[0], or -1.
func closingQuote(s string) int {
	q := s[0]
	for i := 1; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case q == '\'' && s[i] == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++
		case s[i] == q:
			return i
		}
	}
	return -1
}

func unquote(s string) (string, error) {
	body := s[1 : len(s)-1]
	if s[0] == '\'' {
		return strings.ReplaceAll(body, "''", "'"), nil
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(body) {
			return "", fmt.Errorf("dangling escape in %s", s)
		}
		switch body[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '0':
			b.WriteByte(0)
		case '"', '\\', '/', ' ':
			b.WriteByte(body[i])
		default:
			return "", fmt.Errorf("unsupported escape \\%c in %s", body[i], s)
		}
	}
	return b.String(), nil
}
