package flinksql

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Rerunnable reports whether running a statement a second time, after a
// crash left unknown whether the first run happened, has the same effect
// as running it once: statements that only read (SELECT, VALUES, WITH,
// SHOW, DESCRIBE, DESC, EXPLAIN), that only change the session (SET, RESET,
// USE), and CREATE … IF NOT EXISTS / DROP … IF EXISTS. Everything else —
// INSERT, EXECUTE, CREATE TABLE AS, plain CREATE/DROP/ALTER, TRUNCATE,
// UPDATE, DELETE, CALL, LOAD/UNLOAD MODULE, ADD JAR, statement sets — may
// write twice or fail the second time, and is not.
func Rerunnable(statement string) bool {
	words := keywords(statement)
	if len(words) == 0 {
		return false
	}
	switch words[0] {
	case "SELECT", "VALUES", "WITH", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "SET", "RESET", "USE":
		return true
	case "CREATE":
		if containsSeq(words, "TABLE") && containsSeq(words, "AS") {
			return false // CREATE TABLE … AS SELECT writes rows
		}
		return containsSeq(words, "IF", "NOT", "EXISTS")
	case "DROP":
		return containsSeq(words, "IF", "EXISTS")
	}
	return false
}

// keywords returns the words of a statement outside parentheses and
// string literals, upper-cased, with SQL comments (-- to the end of the
// line, /* … */) skipped and words cut at anything that is not a letter,
// digit or underscore.
func keywords(s string) []string {
	var out []string
	depth := 0
	for len(s) > 0 {
		switch {
		case strings.HasPrefix(s, "--"):
			i := strings.IndexByte(s, '\n')
			if i < 0 {
				return out
			}
			s = s[i+1:]
			continue
		case strings.HasPrefix(s, "/*"):
			i := strings.Index(s[2:], "*/")
			if i < 0 {
				return out
			}
			s = s[i+4:]
			continue
		}
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == '\'' || r == '"' || r == '`':
			i := strings.IndexRune(s[size:], r)
			if i < 0 {
				return out
			}
			s = s[size+i+size:]
		case r == '(':
			depth++
			s = s[size:]
		case r == ')':
			depth = max(depth-1, 0)
			s = s[size:]
		case isWord(r):
			i := strings.IndexFunc(s, func(r rune) bool { return !isWord(r) })
			if i < 0 {
				i = len(s)
			}
			if depth == 0 {
				out = append(out, strings.ToUpper(s[:i]))
			}
			s = s[i:]
		default:
			s = s[size:]
		}
	}
	return out
}

func isWord(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// containsSeq reports whether seq occurs in words as consecutive words.
func containsSeq(words []string, seq ...string) bool {
	for i := 0; i+len(seq) <= len(words); i++ {
		ok := true
		for j, w := range seq {
			if words[i+j] != w {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
