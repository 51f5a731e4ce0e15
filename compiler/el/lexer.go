package el

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind classifies a token inside ${ }.
type tokKind int

const (
	tokEOF tokKind = iota
	tokIdent
	tokInt
	tokFloat
	tokString
	tokPunct // operators and punctuation, including the closing "}"
	tokError
)

// token is one lexeme. Start and End are byte offsets in Source.Text.
type token struct {
	kind       tokKind
	text       string // the raw text as written (for tokString: the decoded value)
	start, end int
	msg        string // tokError: what is wrong
	errAt      int    // tokError: offset of the offending character
}

// keywords are the JSP 2.0 EL reserved words.
var keywords = map[string]bool{
	"and": true, "or": true, "not": true, "eq": true, "ne": true, "lt": true, "gt": true,
	"le": true, "ge": true, "div": true, "mod": true, "empty": true, "true": true,
	"false": true, "null": true, "instanceof": true,
}

// lexer produces the tokens of one expression from text[pos:].
type lexer struct {
	text string
	pos  int
}

// twoCharOps are the operators spelled with two characters.
var twoCharOps = []string{"==", "!=", "<=", ">=", "&&", "||"}

// next returns the next token, skipping white space.
func (l *lexer) next() token {
	for l.pos < len(l.text) && isSpace(l.text[l.pos]) {
		l.pos++
	}
	start := l.pos
	if start >= len(l.text) {
		return token{kind: tokEOF, start: start, end: start}
	}
	c := l.text[start]
	switch {
	case c >= '0' && c <= '9', c == '.' && start+1 < len(l.text) && isDigit(l.text[start+1]):
		return l.number()
	case c == '\'' || c == '"':
		return l.str(c)
	}
	r, n := utf8.DecodeRuneInString(l.text[start:])
	if isIdentStart(r) {
		l.pos += n
		for l.pos < len(l.text) {
			r, n := utf8.DecodeRuneInString(l.text[l.pos:])
			if !isIdentPart(r) {
				break
			}
			l.pos += n
		}
		return token{kind: tokIdent, text: l.text[start:l.pos], start: start, end: l.pos}
	}
	for _, op := range twoCharOps {
		if strings.HasPrefix(l.text[start:], op) {
			l.pos += 2
			return token{kind: tokPunct, text: op, start: start, end: l.pos}
		}
	}
	if strings.IndexByte("()[].,:?+-*/%!<>}", c) >= 0 {
		l.pos++
		return token{kind: tokPunct, text: l.text[start:l.pos], start: start, end: l.pos}
	}
	l.pos += n
	return token{kind: tokError, text: l.text[start:l.pos], start: start, end: l.pos, errAt: start,
		msg: fmt.Sprintf("Unexpected character %q in EL expression", l.text[start:l.pos])}
}

// number scans an integer or floating-point literal: digits, an optional
// fraction and an optional exponent (JSP 2.0: 1, 1.5, 1., .5, 1e3, 1.5E-2).
func (l *lexer) number() token {
	start := l.pos
	float := false
	for l.pos < len(l.text) && isDigit(l.text[l.pos]) {
		l.pos++
	}
	if l.pos < len(l.text) && l.text[l.pos] == '.' {
		float = true
		l.pos++
		for l.pos < len(l.text) && isDigit(l.text[l.pos]) {
			l.pos++
		}
	}
	if l.pos < len(l.text) && (l.text[l.pos] == 'e' || l.text[l.pos] == 'E') {
		p := l.pos + 1
		if p < len(l.text) && (l.text[p] == '+' || l.text[p] == '-') {
			p++
		}
		if p < len(l.text) && isDigit(l.text[p]) {
			float = true
			for p < len(l.text) && isDigit(l.text[p]) {
				p++
			}
			l.pos = p
		}
	}
	kind := tokInt
	if float {
		kind = tokFloat
	}
	return token{kind: kind, text: l.text[start:l.pos], start: start, end: l.pos}
}

// str scans a string literal quoted with q. Inside, a backslash may only
// escape a backslash or the quote character itself (JSP 2.0 grammar).
func (l *lexer) str(q byte) token {
	start := l.pos
	l.pos++
	bad := -1
	var b strings.Builder
	for l.pos < len(l.text) {
		c := l.text[l.pos]
		switch {
		case c == q:
			l.pos++
			if bad >= 0 {
				return token{kind: tokError, start: start, end: l.pos, errAt: bad,
					msg: "Invalid escape sequence in string literal"}
			}
			return token{kind: tokString, text: b.String(), start: start, end: l.pos}
		case c == '\\' && l.pos+1 < len(l.text) && (l.text[l.pos+1] == '\\' || l.text[l.pos+1] == q):
			b.WriteByte(l.text[l.pos+1])
			l.pos += 2
		default:
			if c == '\\' && bad < 0 {
				bad = l.pos
			}
			b.WriteByte(c)
			l.pos++
		}
	}
	return token{kind: tokError, start: start, end: l.pos, errAt: start, msg: "Unterminated string literal"}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isIdentStart and isIdentPart follow Java's identifier rules closely enough
// for EL: letters, '_' and '$' start an identifier; digits may follow.
func isIdentStart(r rune) bool { return r == '_' || r == '$' || unicode.IsLetter(r) }

func isIdentPart(r rune) bool {
	return isIdentStart(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}
