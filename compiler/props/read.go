package props

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/hashicorp/hcl/v2"
)

// Read reads a .properties file from r with java.util.Properties.load
// semantics and calls yield for each pair in file order, duplicates
// included; it stops early when yield returns false. Memory is bounded by
// the longest logical line, not the file: r is read twice through a
// buffer, once to choose the encoding (see the package doc) and once to
// parse. As Java does, a malformed \uXXXX escape stops the load with an
// error diagnostic. The error is r's, if reading or seeking fails.
func Read(filename string, r io.ReadSeeker, yield func(Property) bool) (hcl.Diagnostics, error) {
	isUTF8, longest, err := survey(r)
	if err != nil {
		return nil, err
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return read(filename, r, isUTF8, longest, yield)
}

// survey reports whether all of r is valid UTF-8, and the length in bytes
// of its longest natural line (a hint for the line buffer).
func survey(r io.Reader) (isUTF8 bool, longest int, err error) {
	br := bufio.NewReader(r)
	isUTF8 = true
	n := 0
	for {
		c, size, err := br.ReadRune()
		if err == io.EOF {
			return isUTF8, max(longest, n), nil
		}
		if err != nil {
			return false, 0, err
		}
		if c == utf8.RuneError && size == 1 {
			isUTF8 = false
		}
		if c == '\n' || c == '\r' {
			longest, n = max(longest, n), 0
		} else {
			n += size
		}
	}
}

// segment is a run of a logical line's bytes that lie one after another in
// the file (a natural line's part of it), with the position of its first
// byte.
type segment struct {
	start int // index in logicalLine.buf
	pos   hcl.Pos
}

// logicalLine is one key/value line after java.util.Properties' LineReader:
// comments and blank lines dropped, continuations joined, the leading
// whitespace of each natural line (and of continued lines) removed. It
// holds the raw bytes; its characters are UTF-8 sequences or, in an
// ISO-8859-1 file, single bytes.
type logicalLine struct {
	filename string
	utf8     bool
	buf      []byte
	segs     []segment
	end      hcl.Pos // just after the last character taken (a dropped final backslash included)
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\f' }

// isCharStart reports whether the byte c starts a character.
func (l *logicalLine) isCharStart(c byte) bool { return !l.utf8 || utf8.RuneStart(c) }

// chars counts the characters of b.
func (l *logicalLine) chars(b []byte) int {
	if l.utf8 {
		return utf8.RuneCount(b)
	}
	return len(b)
}

// pos returns the position of buf[i], a character start; with after, the
// position just after the character ending at buf[i-1] (the same place
// unless a continuation lies between them).
func (l *logicalLine) pos(i int, after bool) hcl.Pos {
	k := len(l.segs) - 1
	for k > 0 && (l.segs[k].start > i || after && l.segs[k].start == i) {
		k--
	}
	s := l.segs[k]
	return hcl.Pos{Line: s.pos.Line, Column: s.pos.Column + l.chars(l.buf[s.start:i]), Byte: s.pos.Byte + i - s.start}
}

// span returns the source range of buf[a:b]; an empty span sits where the
// text would start, or at the end of the line.
func (l *logicalLine) span(a, b int) hcl.Range {
	if a >= b {
		at := l.end
		if a < len(l.buf) {
			at = l.pos(a, false)
		}
		return hcl.Range{Filename: l.filename, Start: at, End: at}
	}
	return hcl.Range{Filename: l.filename, Start: l.pos(a, false), End: l.pos(b, true)}
}

// read parses r, decoded as UTF-8 or ISO-8859-1, exactly like
// LineReader.readLine followed by Properties.load0, one logical line at a
// time.
func read(filename string, r io.Reader, isUTF8 bool, longest int, yield func(Property) bool) (hcl.Diagnostics, error) {
	br := bufio.NewReader(r)
	l := &logicalLine{filename: filename, utf8: isUTF8, buf: make([]byte, 0, longest)}
	var diags hcl.Diagnostics
	// The position of the byte being read.
	line, col, off := 1, 0, 0
	pendingCR := false
	skipWS, isNew, newSeg := true, true, true
	isComment, appended, backslash, skipLF := false, false, false, false
	// emit ends the logical line; it reports whether to go on.
	emit := func(dropBackslash bool) bool {
		if dropBackslash {
			l.buf = l.buf[:len(l.buf)-1]
		}
		p, d := l.property()
		l.buf, l.segs, newSeg = l.buf[:0], l.segs[:0], true
		if d != nil {
			diags = append(diags, d)
			return false
		}
		return yield(p)
	}
	for {
		c, err := br.ReadByte()
		if err == io.EOF {
			break
		}
		if err != nil {
			return diags, err
		}
		// Position of c.
		if pendingCR {
			pendingCR = false
			if c != '\n' {
				line, col = line+1, 0
			}
		}
		if l.isCharStart(c) {
			col++
		}
		at := hcl.Pos{Line: line, Column: col, Byte: off}
		off++
		switch c {
		case '\n':
			line, col = line+1, 0
		case '\r':
			pendingCR = true
		}
		if off == 1 && c == 0xEF {
			if bom, _ := br.Peek(2); string(bom) == "\xBB\xBF" {
				end := hcl.Pos{Line: 1, Column: 2, Byte: 1}
				if isUTF8 {
					end.Byte = 3
				}
				d := diag.Warningf(hcl.Range{Filename: filename, Start: at, End: end}, "", "Properties file %q starts with a byte-order mark", filename)
				d.Detail = "Java's Properties.load does not skip a byte-order mark: it becomes part of the first key (or turns a first comment line into a property). Save the file without a byte-order mark."
				diags = append(diags, d)
			}
		}

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
			if isComment {
				continue // dropped at the end of the line
			}
			if newSeg {
				l.segs = append(l.segs, segment{start: len(l.buf), pos: at})
				newSeg = false
			}
			l.buf = append(l.buf, c)
			l.end = hcl.Pos{Line: line, Column: col + 1, Byte: off}
			backslash = c == '\\' && !backslash
			continue
		}
		// End of a natural line.
		if isComment || len(l.buf) == 0 {
			l.buf, l.segs, newSeg = l.buf[:0], l.segs[:0], true
			isComment, isNew, skipWS, backslash = false, true, true, false
			continue
		}
		if backslash {
			if _, err := br.Peek(1); err == nil {
				// Continued: drop the backslash, skip the next line's indent.
				l.buf = l.buf[:len(l.buf)-1]
				skipWS, appended, backslash, newSeg = true, true, false, true
				skipLF = c == '\r'
				continue
			}
		}
		if !emit(backslash) {
			return diags, nil
		}
		skipWS, isNew, appended, backslash = true, true, false, false
	}
	if len(l.buf) > 0 && !isComment {
		emit(backslash)
	}
	return diags, nil
}

// property splits the logical line into key and value like
// Properties.load0: the key ends at the first unescaped '=', ':' or blank;
// blanks and one '=' or ':' after it are skipped. All these are ASCII, so
// the split works on bytes in either encoding.
func (l *logicalLine) property() (Property, *hcl.Diagnostic) {
	cs := l.buf
	keyLen, valueStart, hasSep, backslash := 0, len(cs), false, false
	for ; keyLen < len(cs); keyLen++ {
		c := cs[keyLen]
		if (c == '=' || c == ':') && !backslash {
			valueStart, hasSep = keyLen+1, true
			break
		}
		if isBlank(c) && !backslash {
			valueStart = keyLen + 1
			break
		}
		backslash = c == '\\' && !backslash
	}
	for ; valueStart < len(cs); valueStart++ {
		c := cs[valueStart]
		if !isBlank(c) {
			if hasSep || (c != '=' && c != ':') {
				break
			}
			hasSep = true
		}
	}
	var p Property
	var d *hcl.Diagnostic
	if l.utf8 && bytes.IndexByte(cs, '\\') < 0 {
		// Plain text: one string holds both.
		s := string(cs)
		p.Key, p.Value = s[:keyLen], s[valueStart:]
	} else {
		if p.Key, d = l.unescape(0, keyLen, "key"); d != nil {
			return p, d
		}
		if p.Value, d = l.unescape(valueStart, len(cs), "value"); d != nil {
			return p, d
		}
	}
	p.KeyRange = l.span(0, keyLen)
	p.ValueRange = l.span(valueStart, len(cs))
	p.Range = hcl.RangeBetween(p.KeyRange, p.ValueRange)
	return p, nil
}

// char decodes the character at buf[i] and returns it and its length.
func (l *logicalLine) char(i int) (rune, int) {
	if l.utf8 {
		return utf8.DecodeRune(l.buf[i:])
	}
	return rune(l.buf[i]), 1
}

// text returns buf[a:b] as a string of its characters.
func (l *logicalLine) text(a, b int) string {
	if l.utf8 {
		return string(l.buf[a:b])
	}
	rs := make([]rune, 0, b-a)
	for _, c := range l.buf[a:b] {
		rs = append(rs, rune(c))
	}
	return string(rs)
}

// unescape decodes buf[a:b] like Properties.loadConvert.
func (l *logicalLine) unescape(a, b int, what string) (string, *hcl.Diagnostic) {
	if a >= b {
		return "", nil
	}
	if l.utf8 && bytes.IndexByte(l.buf[a:b], '\\') < 0 {
		return string(l.buf[a:b]), nil // plain text: the bytes are the value
	}
	var out []uint16
	for i := a; i < b; {
		c, n := l.char(i)
		i += n
		if c != '\\' || i >= b {
			out = utf16.AppendRune(out, c)
			continue
		}
		c, n = l.char(i)
		switch c {
		case 'u':
			v, ok := hex4(l.buf, i+1, b)
			if !ok {
				end := i + 1
				for k := 0; k < 4 && end < b; k++ {
					_, n := l.char(end)
					end += n
				}
				d := diag.Errorf(l.span(i-1, end), "", "Malformed \\uxxxx escape %q in a property %s", l.text(i-1, end), what)
				d.Detail = "Java's Properties.load stops with \"Malformed \\uxxxx encoding.\" here, so Oozie cannot read this file. " +
					"Write exactly four hexadecimal digits after \\u, or write \\\\u for a backslash followed by u."
				return "", d
			}
			out = append(out, v)
			i += 5
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
		i += n
		out = utf16.AppendRune(out, c)
	}
	return string(utf16.Decode(out)), nil
}

// hex4 reads four hexadecimal digits from cs[i:end]. The digits are ASCII,
// so bytes and characters agree wherever it succeeds.
func hex4(cs []byte, i, end int) (uint16, bool) {
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
