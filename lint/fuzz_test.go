package lint

import (
	"strings"
	"testing"
)

// FuzzDirectives checks that finding directives in any bytes never panics
// and yields ranges inside the file.
func FuzzDirectives(f *testing.F) {
	f.Add("a.xml", "<!-- coordc:ignore DST001 - r -->\n<a><b/></a>")
	f.Add("a.xml", "<a> <!-- coordc:ignore-file X -->")
	f.Add("a.xml", "<!-- coordc:ignore A,B, C - why --><![CDATA[<!-- coordc:ignore Q -->")
	f.Add("a.xml", "<!-- coordc:ignore X -->\n<a attr='>'><!-- coordc:ignore Y")
	f.Add("a.coord.hcl", "# coordc:ignore DST001 -- r\nblock {\n x = \"}\" \n}\n")
	f.Add("a.coord.hcl", "/* coordc:ignore-file X -- y */ \"unterminated")
	f.Fuzz(func(t *testing.T, name, text string) {
		data := []byte(text)
		for _, d := range directives(name, data) {
			if d.from < 0 || d.to > len(data) || d.from > d.to {
				t.Fatalf("cover %d..%d outside the %d-byte file", d.from, d.to, len(data))
			}
			if d.del.Start.Byte < 0 || d.del.End.Byte > len(data) || d.del.Start.Byte > d.del.End.Byte {
				t.Fatalf("deletion %v outside the file", d.del)
			}
			for _, r := range d.rules {
				if r.name == "" || strings.ContainsAny(r.name, ", \t\n") {
					t.Fatalf("bad rule name %q", r.name)
				}
			}
		}
	})
}

// FuzzUnifiedDiff checks that the diff of any two texts has a line for
// each line of both.
func FuzzUnifiedDiff(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nB\nc\n")
	f.Add("", "x")
	f.Add("x\ny", "")
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 2000 || len(b) > 2000 {
			return
		}
		d := UnifiedDiff("f", []byte(a), []byte(b))
		if (d == "") != (a == b) {
			t.Fatalf("diff %q for %q vs %q", d, a, b)
		}
		minus, plus := 0, 0
		lines := strings.Split(d, "\n")
		if len(lines) > 2 {
			lines = lines[2:] // the --- and +++ headers
		}
		for _, l := range lines {
			switch {
			case strings.HasPrefix(l, "-"):
				minus++
			case strings.HasPrefix(l, "+"):
				plus++
			}
		}
		common := len(splitLines(a)) - minus
		if common != len(splitLines(b))-plus || common < 0 {
			t.Fatalf("inconsistent diff: -%d +%d for %d/%d lines\n%s", minus, plus, len(splitLines(a)), len(splitLines(b)), d)
		}
	})
}
