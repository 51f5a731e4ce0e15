package rules

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
)

// rangeOf is the range of the first occurrence of s in data.
func rangeOf(t *testing.T, name string, data []byte, s string) hcl.Range {
	t.Helper()
	for i := 0; i+len(s) <= len(data); i++ {
		if string(data[i:i+len(s)]) == s {
			return byteRange(name, data, i, i+len(s))
		}
	}
	t.Fatalf("%q not in %q", s, data)
	return hcl.Range{}
}

func TestFixSyntax(t *testing.T) {
	x, h := hcl.Range{Filename: "a.xml"}, hcl.Range{Filename: "a.coord.hcl"}
	tests := []struct{ name, got, want string }{
		{"xml call", fnCall(x, "coord:days", 1), "coord:days(1)"},
		{"hcl call", fnCall(h, "coord:hours", 48), "coord::hours(48)"},
		{"xml value", wholeValue(x, "coord:days(7)"), "${coord:days(7)}"},
		{"hcl value", wholeValue(h, "coord::days(7)"), "coord::days(7)"},
		{"hcl name", fnName(h, "coord:dataOut"), "coord::dataOut"},
		{"hcl quote", hclQuote(`a"b\c${d}%{e}`), `"a\"b\\c$${d}%%{e}"`},
		{"el string", hclFromEL(`'DAY'`), `"DAY"`},
		{"el escaped string", hclFromEL(`'it\'s'`), `"it's"`},
		{"el function", hclFromEL("coord:nominalTime"), "coord::nominalTime"},
		{"other text", hclFromEL("86400"), "86400"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

func TestValueFix(t *testing.T) {
	const name = "a.coord.hcl"
	data := []byte("a = \"1440\"\nb = 1440\nc = local.x\n")
	src := diag.Sources{name: data}
	quoted := &ir.Text{Raw: "1440", Range: rangeOf(t, name, data, "1440"), Template: &ir.Template{Range: rangeOf(t, name, data, `"1440"`)}}
	bare := &ir.Text{Raw: "1440", Range: rangeOf(t, name, data, "1440\n"), Template: &ir.Template{}}
	bare.Range = byteRange(name, data, bare.Range.Start.Byte, bare.Range.End.Byte-1)
	bare.Template.Range = bare.Range
	local := &ir.Text{Raw: "1440", Range: quoted.Range, Template: &ir.Template{Range: rangeOf(t, name, data, "local.x")}}
	tests := map[string]struct {
		t    *ir.Text
		want []diag.Edit
	}{
		"quoted string": {quoted, []diag.Edit{{Range: rangeOf(t, name, data, `"1440"`), Text: "coord::days(1)"}}},
		"number":        {bare, []diag.Edit{{Range: bare.Range, Text: "coord::days(1)"}}},
		"from a local":  {local, nil},
	}
	for n, tc := range tests {
		if d := cmp.Diff(tc.want, valueFix(src, tc.t, "coord::days(1)")); d != "" {
			t.Errorf("%s (-want +got):\n%s", n, d)
		}
	}
	xml := &ir.Text{Raw: "1440", Range: hcl.Range{Filename: "a.xml", Start: hcl.Pos{Byte: 3}, End: hcl.Pos{Byte: 7}}}
	want := []diag.Edit{{Range: xml.Range, Text: "${coord:days(1)}"}}
	if d := cmp.Diff(want, valueFix(src, xml, "coord:days(1)")); d != "" {
		t.Errorf("xml (-want +got):\n%s", d)
	}
}

func TestKeepFormatted(t *testing.T) {
	aligned := []byte("x {\n  a   = \"PST\" # zone\n  bcd = 1     # count\n  e   = 2\n}\n")
	if string(hclwrite.Format(aligned)) != string(aligned) {
		t.Fatalf("the aligned example is not formatted:\n%s", hclwrite.Format(aligned))
	}
	tests := map[string]struct {
		name    string
		data    []byte
		old     string
		new     string
		regions int // edits in the result
	}{
		"xml is left alone":         {"a.xml", []byte("<a>PST</a> <!-- x -->\n<b>1</b>   <!-- y -->\n"), "PST", "America/Los_Angeles", 1},
		"no alignment to keep":      {"a.coord.hcl", []byte("x {\n  a = \"PST\"\n  b = 1\n}\n"), "PST", "America/Los_Angeles", 1},
		"unformatted file":          {"a.coord.hcl", []byte("x {\n  a = \"PST\" # zone\n  bcd = 1 # count\n}\n"), "PST", "America/Los_Angeles", 1},
		"aligned comments realign":  {"a.coord.hcl", aligned, "PST", "America/Los_Angeles", 1},
		"shorter value realigns":    {"a.coord.hcl", aligned, `"PST"`, "1", 1},
		"same length needs nothing": {"a.coord.hcl", aligned, "PST", "UTC", 1},
	}
	for n, tc := range tests {
		t.Run(n, func(t *testing.T) {
			src := diag.Sources{tc.name: tc.data}
			edit := diag.Edit{Range: rangeOf(t, tc.name, tc.data, tc.old), Text: tc.new}
			got := keepFormatted(src, []diag.Edit{edit})
			if len(got) != tc.regions {
				t.Fatalf("got %d edits, want %d: %v", len(got), tc.regions, got)
			}
			out := apply(tc.data, got)
			plain := apply(tc.data, []diag.Edit{edit})
			formatted := string(hclwrite.Format(tc.data)) == string(tc.data)
			switch {
			case tc.name == "a.xml" || !formatted:
				if d := cmp.Diff(plain, out); d != "" {
					t.Errorf("the edit changed (-want +got):\n%s", d)
				}
			default:
				if d := cmp.Diff(string(hclwrite.Format([]byte(plain))), out); d != "" {
					t.Errorf("not formatted (-want +got):\n%s", d)
				}
			}
		})
	}
}

func apply(data []byte, edits []diag.Edit) string {
	out, at := "", 0
	for _, e := range edits {
		out += string(data[at:e.Range.Start.Byte]) + e.Text
		at = e.Range.End.Byte
	}
	return out + string(data[at:])
}

// FuzzKeepFormatted checks that keepFormatted never panics, returns edits
// inside the file, and, for a formatted file, yields a formatted result
// whenever the plain edit would not.
func FuzzKeepFormatted(f *testing.F) {
	f.Add("x {\n  a   = \"PST\" # zone\n  bcd = 1     # count\n}\n", 11, 3, "America/Los_Angeles")
	f.Add("a = 1 # x\nbb = 2 # y\n", 4, 1, "12345")
	f.Add("a = <<EOT\n#x\nEOT\n", 0, 0, "")
	f.Fuzz(func(t *testing.T, text string, off, n int, repl string) {
		data := []byte(text)
		if off < 0 || n < 0 || off+n > len(data) {
			return
		}
		const name = "a.coord.hcl"
		edit := diag.Edit{Range: byteRange(name, data, off, off+n), Text: repl}
		got := keepFormatted(diag.Sources{name: data}, []diag.Edit{edit})
		for _, e := range got {
			if e.Range.Start.Byte < 0 || e.Range.End.Byte > len(data) || e.Range.Start.Byte > e.Range.End.Byte {
				t.Fatalf("edit %v outside the %d-byte file", e.Range, len(data))
			}
		}
		out := apply(data, got)
		if string(hclwrite.Format(data)) == text && string(hclwrite.Format([]byte(out))) != out {
			plain := apply(data, []diag.Edit{edit})
			if string(hclwrite.Format([]byte(plain))) == string(hclwrite.Format([]byte(out))) {
				t.Fatalf("result not formatted:\n%q\nwant %q", out, hclwrite.Format([]byte(plain)))
			}
		}
	})
}
