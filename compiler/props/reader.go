package props

// logicalLine is one key/value line after java.util.Properties' LineReader:
// comments and blank lines dropped, continuations joined, the leading
// whitespace of each natural line (and of continued lines) removed.
type logicalLine struct {
	chars []rune
	src   []int // src[i] = index in text.chars of chars[i]
	end   int   // byte offset just after the last character
}

func isBlank(c rune) bool { return c == ' ' || c == '\t' || c == '\f' }

// lines splits the text into logical lines exactly like LineReader.readLine.
func (t *text) lines() []logicalLine {
	var out []logicalLine
	// All lines share two backing arrays; start is where the current line
	// begins in them.
	chars := make([]rune, 0, len(t.chars))
	src := make([]int, 0, len(t.chars))
	start, end := 0, 0
	emit := func(dropBackslash bool) {
		if dropBackslash {
			chars, src = chars[:len(chars)-1], src[:len(src)-1]
		}
		out = append(out, logicalLine{chars: chars[start:len(chars):len(chars)], src: src[start:len(src):len(src)], end: end})
		start = len(chars)
	}
	skipWS, isNew := true, true
	isComment, appended, backslash, skipLF := false, false, false, false
	n := len(t.chars)
	for i := 0; i < n; i++ {
		c := t.chars[i]
		if skipLF {
			skipLF = false
			if c == '\n' {
				continue
			}
		}
		if skipWS {
			if isBlank(c) || !appended && (c == '\r' || c == '\n') {
				continue
			}
			skipWS, appended = false, false
		}
		if isNew {
			isNew = false
			if c == '#' || c == '!' {
				isComment = true
				continue
			}
		}
		if c != '\n' && c != '\r' {
			chars, src = append(chars, c), append(src, i)
			end = t.offs[i+1]
			backslash = c == '\\' && !backslash
			continue
		}
		// End of a natural line.
		if isComment || len(chars) == start {
			chars, src = chars[:start], src[:start]
			isComment, isNew, skipWS, backslash = false, true, true, false
			continue
		}
		if backslash && i+1 < n {
			// Continued: drop the backslash, skip the next line's indent.
			chars, src = chars[:len(chars)-1], src[:len(src)-1]
			skipWS, appended, backslash = true, true, false
			skipLF = c == '\r'
			continue
		}
		emit(backslash)
		skipWS, isNew, appended, backslash = true, true, false, false
	}
	if len(chars) > start && !isComment {
		emit(backslash)
	}
	return out
}
