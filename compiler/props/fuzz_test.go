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

// FuzzReadMatchesOld checks that the streaming parser gives exactly what
// the whole-file parser it replaced gave: pairs, ranges and diagnostics.
func FuzzReadMatchesOld(f *testing.F) {
	for _, s := range []string{
		"a=b", "a b", "a:b", "# c\n! c\na=b\\\n  c", "a=\\u00e9\\uD83D\\uDE00", "a=\\u12", "k\\\r\n ey=v\r",
		"\uFEFFa=b", "\xEF\xBB\xBF\xE9=b", "a=b\\", "=\n:\n \\\n\n", "k\xe9y=v", "a\\=b\\ c=d\\\\", "é=\\\n  ü\\u00\\\nzz",
		"a=\\\n  \\\n  b", "x\r\ny\\\r\r\nz=\\uD83Dé", "ké\\uXYé=1", "a=b\\\n\nc=d",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		gotPs, gotDiags := Parse("f", data)
		wantPs, wantDiags := oldParse("f", data)
		if diff := cmp.Diff(wantPs, gotPs); diff != "" {
			t.Fatalf("properties differ (-old +new):\n%s", diff)
		}
		if diff := cmp.Diff(wantDiags, gotDiags); diff != "" {
			t.Fatalf("diagnostics differ (-old +new):\n%s", diff)
		}
		var streamed []Property
		diags, err := Read("f", bytes.NewReader(data), func(p Property) bool { streamed = append(streamed, p); return true })
		if err != nil || !cmp.Equal(diags, gotDiags) || !cmp.Equal(streamed, gotPs) {
			t.Fatalf("Read differs from Parse: %v, %v", err, cmp.Diff(gotPs, streamed))
		}
	})
}
