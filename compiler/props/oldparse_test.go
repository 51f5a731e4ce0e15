package props

// oldParse is the whole-file parser that Read replaced, kept for FuzzReadMatchesOld.
import (
	"slices"
	"sort"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/hashicorp/hcl/v2"
)

// Parse reads a .properties file with java.util.Properties.load semantics
// and returns its pairs in file order, duplicates included (users see the
// last one; see ToMap). As Java does, a malformed \uXXXX escape stops the
// load: the pairs before it are returned with an error diagnostic.
func oldParse(filename string, data []byte) ([]Property, hcl.Diagnostics) {
	t := oldDecode(filename, data)
	var diags hcl.Diagnostics
	if len(t.chars) > 0 && (t.chars[0] == '\uFEFF' || !t.utf8 && len(data) >= 3 && string(data[:3]) == "\xEF\xBB\xBF") {
		d := diag.Warningf(t.rng(0, t.offs[1]), "", "Properties file %q starts with a byte-order mark", filename)
		d.Detail = "Java's Properties.load does not skip a byte-order mark: it becomes part of the first key (or turns a first comment line into a property). Save the file without a byte-order mark."
		diags = append(diags, d)
	}
	var out []Property
	for _, l := range t.lines() {
		p, d := t.property(&l)
		if d != nil {
			return out, append(diags, d)
		}
		out = append(out, p)
	}
	return out, diags
}

// property splits a logical line into key and value like Properties.load0:
// the key ends at the first unescaped '=', ':' or blank; blanks and one
// '=' or ':' after it are skipped.
func (t *oldText) property(l *oldLogicalLine) (Property, *hcl.Diagnostic) {
	cs := l.chars
	keyLen, valueStart, hasSep, backslash := 0, len(cs), false, false
	for ; keyLen < len(cs); keyLen++ {
		c := cs[keyLen]
		if (c == '=' || c == ':') && !backslash {
			valueStart, hasSep = keyLen+1, true
			break
		}
		if oldIsBlank(c) && !backslash {
			valueStart = keyLen + 1
			break
		}
		backslash = c == '\\' && !backslash
	}
	for ; valueStart < len(cs); valueStart++ {
		c := cs[valueStart]
		if !oldIsBlank(c) {
			if hasSep || (c != '=' && c != ':') {
				break
			}
			hasSep = true
		}
	}
	var p Property
	var d *hcl.Diagnostic
	if p.Key, d = t.unescape(l, 0, keyLen, "key"); d != nil {
		return p, d
	}
	if p.Value, d = t.unescape(l, valueStart, len(cs), "value"); d != nil {
		return p, d
	}
	p.KeyRange = t.span(l, 0, keyLen)
	p.ValueRange = t.span(l, valueStart, len(cs))
	p.Range = hcl.RangeBetween(p.KeyRange, p.ValueRange)
	return p, nil
}

// span returns the source range of chars [a, b) of l; an empty span sits
// where the oldText would start, or at the end of the line.
func (t *oldText) span(l *oldLogicalLine, a, b int) hcl.Range {
	if a >= b {
		at := l.end
		if a < len(l.chars) {
			at = t.offs[l.src[a]]
		}
		return t.rng(at, at)
	}
	return t.rng(t.offs[l.src[a]], t.offs[l.src[b-1]+1])
}

// unescape decodes chars [a, b) of l like Properties.loadConvert.
func (t *oldText) unescape(l *oldLogicalLine, a, b int, what string) (string, *hcl.Diagnostic) {
	cs := l.chars
	if a >= b {
		return "", nil
	}
	if t.utf8 && l.src[b-1]-l.src[a] == b-1-a && !slices.Contains(cs[a:b], '\\') {
		// Plain oldText on one line: the bytes are the value.
		return string(t.data[t.offs[l.src[a]]:t.offs[l.src[b-1]+1]]), nil
	}
	var out []uint16
	for i := a; i < b; i++ {
		c := cs[i]
		if c != '\\' || i+1 >= b {
			out = utf16.AppendRune(out, c)
			continue
		}
		i++
		switch c = cs[i]; c {
		case 'u':
			v, ok := oldHex4(cs, i+1, b)
			if !ok {
				end := min(i+5, b)
				raw := string(cs[i-1 : end])
				d := diag.Errorf(t.span(l, i-1, end), "", "Malformed \\uxxxx escape %q in a property %s", raw, what)
				d.Detail = "Java's Properties.load stops with \"Malformed \\uxxxx encoding.\" here, so Oozie cannot read this file. " +
					"Write exactly four hexadecimal digits after \\u, or write \\\\u for a backslash followed by u."
				return "", d
			}
			out = append(out, v)
			i += 4
			continue
		case 't':
			c = '\t'
		case 'r':
			c = '\r'
		case 'n':
			c = '\n'
		case 'f':
			c = '\f'
		}
		out = utf16.AppendRune(out, c)
	}
	return string(utf16.Decode(out)), nil
}

// oldHex4 reads four hexadecimal digits from cs[i:end].
func oldHex4(cs []rune, i, end int) (uint16, bool) {
	if i+4 > end {
		return 0, false
	}
	var v uint16
	for _, c := range cs[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | uint16(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | uint16(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v<<4 | uint16(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

// oldLogicalLine is one key/value line after java.util.Properties' LineReader:
// comments and blank lines dropped, continuations joined, the leading
// whitespace of each natural line (and of continued lines) removed.
type oldLogicalLine struct {
	chars []rune
	src   []int // src[i] = index in oldText.chars of chars[i]
	end   int   // byte offset just after the last character
}

func oldIsBlank(c rune) bool { return c == ' ' || c == '\t' || c == '\f' }

// lines splits the oldText into logical lines exactly like LineReader.readLine.
func (t *oldText) lines() []oldLogicalLine {
	var out []oldLogicalLine
	// All lines share two backing arrays; start is where the current line
	// begins in them.
	chars := make([]rune, 0, len(t.chars))
	src := make([]int, 0, len(t.chars))
	start, end := 0, 0
	emit := func(dropBackslash bool) {
		if dropBackslash {
			chars, src = chars[:len(chars)-1], src[:len(src)-1]
		}
		out = append(out, oldLogicalLine{chars: chars[start:len(chars):len(chars)], src: src[start:len(src):len(src)], end: end})
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
			if oldIsBlank(c) || !appended && (c == '\r' || c == '\n') {
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

// oldText is the decoded file: one rune per Java char position, with the byte
// offset where each starts, plus what is needed to turn byte offsets into
// hcl positions.
type oldText struct {
	filename   string
	data       []byte
	chars      []rune
	offs       []int // offs[i] = byte offset of chars[i]; offs[len(chars)] = len(data)
	utf8       bool
	lineStarts []int // byte offset of the first byte of each line
}

// decode reads data as UTF-8 when it is valid UTF-8, else as ISO-8859-1.
func oldDecode(filename string, data []byte) *oldText {
	t := &oldText{filename: filename, data: data, utf8: utf8.Valid(data)}
	t.chars = make([]rune, 0, len(data))
	t.offs = make([]int, 0, len(data)+1)
	for i := 0; i < len(data); {
		r, n := rune(data[i]), 1
		if t.utf8 {
			r, n = utf8.DecodeRune(data[i:])
		}
		t.chars = append(t.chars, r)
		t.offs = append(t.offs, i)
		i += n
	}
	t.offs = append(t.offs, len(data))
	t.lineStarts = []int{0}
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			t.lineStarts = append(t.lineStarts, i+1)
		case '\n':
			t.lineStarts = append(t.lineStarts, i+1)
		}
	}
	return t
}

// pos converts a byte offset to a position: 1-based line, 1-based column
// counted in characters (code points; bytes for ISO-8859-1 files).
func (t *oldText) pos(off int) hcl.Pos {
	line := sort.Search(len(t.lineStarts), func(i int) bool { return t.lineStarts[i] > off }) - 1
	start := t.lineStarts[line]
	col := off - start
	if t.utf8 {
		col = utf8.RuneCount(t.data[start:off])
	}
	return hcl.Pos{Line: line + 1, Column: col + 1, Byte: off}
}

// rng returns the range of bytes [start, end).
func (t *oldText) rng(start, end int) hcl.Range {
	return hcl.Range{Filename: t.filename, Start: t.pos(start), End: t.pos(end)}
}
