package lint

// hclComments returns the comments of an HCL file (#, // and /* */),
// skipping quoted strings.
func hclComments(data []byte) []comment {
	var out []comment
	before := true
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '"':
			i = skipString(data, i)
			before = false
		case c == '#' || c == '/' && i+1 < len(data) && data[i+1] == '/':
			from := i + 1
			if c == '/' {
				from++
			}
			end := from
			for end < len(data) && data[end] != '\n' {
				end++
			}
			out = append(out, comment{start: i, end: end, textFrom: from, textTo: end, beforeFirstElement: before})
			i = end - 1
		case c == '/' && i+1 < len(data) && data[i+1] == '*':
			end := indexFrom(data, i+2, "*/")
			cm := comment{start: i, textFrom: i + 2, beforeFirstElement: before}
			if end < 0 {
				cm.textTo, cm.end = len(data), len(data)
			} else {
				cm.textTo, cm.end = end, end+2
			}
			out = append(out, cm)
			i = cm.end - 1
		case !isSpace(c):
			before = false
		}
	}
	return out
}

// skipString returns the offset of the quote closing the string opened at
// i (or the end of the line or file when it is not closed).
func skipString(data []byte, i int) int {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"', '\n':
			return j
		}
	}
	return len(data)
}

func indexFrom(data []byte, from int, s string) int {
	for i := from; i+len(s) <= len(data); i++ {
		if string(data[i:i+len(s)]) == s {
			return i
		}
	}
	return -1
}

// hclScope returns the bytes a directive alone on its line covers: the
// block opening on the line at next (to its closing brace), or that line.
func hclScope(ix *lineIndex, next int) (int, int) {
	data := ix.data
	if next >= len(data) {
		return next, next
	}
	ls, le := ix.lineBounds(next)
	depth := 0
	for i := next; i < len(data); i++ {
		switch data[i] {
		case '"':
			i = skipString(data, i)
		case '{':
			depth++
		case '}':
			depth--
			if depth <= 0 {
				return ls, max(le, i+1)
			}
		case '\n':
			if depth == 0 {
				return ls, le
			}
		}
	}
	return ls, len(data)
}
