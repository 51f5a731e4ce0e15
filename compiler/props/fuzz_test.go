package props

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"a=b", "a b", "a:b", "# c\n! c\na=b\\\n  c", "a=\\u00e9\\uD83D\\uDE00", "a=\\u12", "k\\\r\n ey=v\r",
		"\uFEFFa=b", "a=b\\", "=\n:\n \\\n\n", "k\xe9y=v", "a\\=b\\ c=d\\\\",
		// Found while Read replaced the whole-file parser (compared in a differential fuzz).
		"\xEF\xBB\xBF\xE9=b", "é=\\\n  ü\\u00\\\nzz", "a=\\\n  \\\n  b", "x\r\ny\\\r\r\nz=\\uD83Dé", "ké\\uXYé=1", "a=b\\\n\nc=d",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ps, diags := Parse("f", data)
		for _, p := range ps {
			checkRanges(t, "f", data, p)
		}
		var streamed []Property
		readDiags, err := Read("f", bytes.NewReader(data), func(p Property) bool { streamed = append(streamed, p); return true })
		if err != nil || !cmp.Equal(readDiags, diags) || !cmp.Equal(streamed, ps) {
			t.Fatalf("Read differs from Parse: %v, %v", err, cmp.Diff(ps, streamed))
		}
		for _, d := range diags {
			if s := d.Subject; s == nil || s.Start.Byte < 0 || s.Start.Byte > s.End.Byte || s.End.Byte > len(data) {
				t.Fatalf("diagnostic %v has a range outside the file", d)
			}
		}
	})
}
