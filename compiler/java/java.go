// Package java holds the few java.lang semantics Oozie's behaviour depends
// on, so every package trims and parses flags exactly as Oozie does:
// String.trim (every character up to U+0020 at both ends, not Unicode white
// space) and Boolean.parseBoolean ("true" in any case, anything else false).
package java

// IsSpace reports whether String.trim removes c: every character up to
// U+0020 (controls included), and nothing else.
func IsSpace[C rune | byte](c C) bool { return c <= ' ' }

// Trim trims s like String.trim.
func Trim(s string) string {
	i, j := TrimBounds(s)
	return s[i:j]
}

// TrimBounds returns the byte offsets of what Trim(s) keeps: s[lo:hi].
func TrimBounds(s string) (lo, hi int) {
	lo, hi = 0, len(s)
	for lo < hi && IsSpace(s[lo]) {
		lo++
	}
	for hi > lo && IsSpace(s[hi-1]) {
		hi--
	}
	return lo, hi
}

// ParseBoolean is Boolean.parseBoolean: true for "true" in any case and
// false for everything else. Like Java, it does not trim; callers that
// read a trimmed value trim first.
func ParseBoolean(s string) bool {
	return len(s) == 4 && (s[0]|0x20) == 't' && (s[1]|0x20) == 'r' && (s[2]|0x20) == 'u' && (s[3]|0x20) == 'e'
}
