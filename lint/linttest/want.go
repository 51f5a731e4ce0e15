package linttest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// want is one expected finding.
type want struct {
	file string
	line int
	rule string
	re   *regexp.Regexp // nil: any message
	text string         // as written, for messages
	met  bool
}

// wantComment matches the start of a want comment's text: "want", an
// optional line offset ("+1", "-2"), then white space.
var wantComment = regexp.MustCompile(`^want([+-][0-9]+)?\s`)

// parseWants reads the want comments of a fixture. XML fixtures write
// <!-- want "ID" -->, HCL fixtures # want "ID" (or //, or /* */).
func parseWants(name string, data []byte) ([]*want, error) {
	var out []*want
	lines := strings.Count(string(data), "\n") + 1
	for _, c := range fixtureComments(name, data) {
		text := strings.TrimSpace(c.text)
		m := wantComment.FindStringSubmatch(text + " ")
		if m == nil {
			continue
		}
		target := c.line
		if m[1] != "" {
			n, _ := strconv.Atoi(m[1])
			target += n
		}
		ws, err := parseExpectations(strings.TrimSpace(text[len(m[0])-1:]))
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, c.line, err)
		}
		if len(ws) == 0 {
			return nil, fmt.Errorf("%s:%d: want comment names no finding", name, c.line)
		}
		if target < 1 || target > lines {
			return nil, fmt.Errorf("%s:%d: want offset points outside the file", name, c.line)
		}
		for _, w := range ws {
			w.file, w.line = name, target
			out = append(out, w)
		}
	}
	return out, nil
}

// parseExpectations reads a list of Go string literals, each "ID" or
// "ID: regexp".
func parseExpectations(s string) ([]*want, error) {
	var out []*want
	for s != "" {
		if s[0] != '"' && s[0] != '`' {
			return nil, fmt.Errorf("want expects quoted strings, found %q", s)
		}
		end := closingQuote(s)
		if end < 0 {
			return nil, fmt.Errorf("unterminated string in want comment: %s", s)
		}
		lit, err := strconv.Unquote(s[:end+1])
		if err != nil {
			return nil, fmt.Errorf("bad string %s in want comment: %v", s[:end+1], err)
		}
		w := &want{text: lit}
		rule, pattern, hasRe := strings.Cut(lit, ":")
		w.rule = strings.TrimSpace(rule)
		if hasRe {
			re, err := regexp.Compile(strings.TrimSpace(pattern))
			if err != nil {
				return nil, fmt.Errorf("bad regexp in want %q: %v", lit, err)
			}
			w.re = re
		}
		out = append(out, w)
		s = strings.TrimSpace(s[end+1:])
	}
	return out, nil
}

func closingQuote(s string) int {
	q := s[0]
	for i := 1; i < len(s); i++ {
		switch {
		case s[i] == '\\' && q == '"':
			i++
		case s[i] == q:
			return i
		}
	}
	return -1
}
