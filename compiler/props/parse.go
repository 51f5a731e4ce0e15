package props

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf16"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/java"
	"github.com/hashicorp/hcl/v2"
)

// Property is one key/value pair of a properties file, with the source
// ranges of its raw (still escaped) key and value text.
type Property struct {
	Key, Value string
	KeyRange   hcl.Range // empty range where the key would start when the key is empty
	ValueRange hcl.Range // empty range at the end of the line when the value is empty
	Range      hcl.Range // from the key to the end of the value
}

// MaxFileSize is the largest properties file coordc reads: 1 MiB. Real
// job.properties files hold tens of entries, and Parse keeps positions for
// every character and pair (about 80 bytes of memory per input byte), so
// the cap bounds a run's memory: a 50 MB file with a million keys took
// 1.5 GB, a file at the cap about 85 MB. The README documents it.
const MaxFileSize = 1 << 20

// Parse reads a .properties file with java.util.Properties.load semantics
// and returns its pairs in file order, duplicates included (users see the
// last one; see ToMap). As Java does, a malformed \uXXXX escape stops the
// load: the pairs before it are returned with an error diagnostic.
func Parse(filename string, data []byte) ([]Property, hcl.Diagnostics) {
	t := decode(filename, data)
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
func (t *text) property(l *logicalLine) (Property, *hcl.Diagnostic) {
	cs := l.chars
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
// where the text would start, or at the end of the line.
func (t *text) span(l *logicalLine, a, b int) hcl.Range {
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
func (t *text) unescape(l *logicalLine, a, b int, what string) (string, *hcl.Diagnostic) {
	cs := l.chars
	if a >= b {
		return "", nil
	}
	if t.utf8 && l.src[b-1]-l.src[a] == b-1-a && !slices.Contains(cs[a:b], '\\') {
		// Plain text on one line: the bytes are the value.
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
			v, ok := hex4(cs, i+1, b)
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

// hex4 reads four hexadecimal digits from cs[i:end].
func hex4(cs []rune, i, end int) (uint16, bool) {
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

// ToMap returns the properties as a map; for a key given more than once the
// last value wins, as with java.util.Properties.
func ToMap(ps []Property) map[string]string {
	m := make(map[string]string, len(ps))
	for _, p := range ps {
		m[p.Key] = p.Value
	}
	return m
}

// ParseAssignment splits a command-line definition ("-D name=value") at the
// first '=' and trims the name, as Oozie's client does.
func ParseAssignment(s string) (key, value string, err error) {
	k, v, ok := strings.Cut(s, "=")
	if !ok {
		return "", "", fmt.Errorf("%q has no '=': write name=value", s)
	}
	if k = java.Trim(k); k == "" {
		return "", "", fmt.Errorf("%q has an empty name before '=': write name=value", s)
	}
	return k, v, nil
}
