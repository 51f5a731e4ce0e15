package props

import (
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"a=b", "a b", "a:b", "# c\n! c\na=b\\\n  c", "a=\\u00e9\\uD83D\\uDE00", "a=\\u12", "k\\\r\n ey=v\r",
		"\uFEFFa=b", "a=b\\", "=\n:\n \\\n\n", "k\xe9y=v", "a\\=b\\ c=d\\\\",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ps, diags := Parse("f", data)
		for _, p := range ps {
			checkRanges(t, "f", data, p)
		}
		for _, d := range diags {
			if s := d.Subject; s == nil || s.Start.Byte < 0 || s.Start.Byte > s.End.Byte || s.End.Byte > len(data) {
				t.Fatalf("diagnostic %v has a range outside the file", d)
			}
		}
	})
}
