package props

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
)

type kv struct{ K, V string }

func pairs(ps []Property) []kv {
	var out []kv
	for _, p := range ps {
		out = append(out, kv{p.Key, p.Value})
	}
	return out
}

// TestParseSyntax lists, per rule, what java.util.Properties.load gives for
// the input; the comment says why.
func TestParseSyntax(t *testing.T) {
	tests := []struct {
		name, in string
		want     []kv
	}{
		{"equals separator", "a=b", []kv{{"a", "b"}}},
		{"colon separator", "a:b", []kv{{"a", "b"}}},
		// A blank ends the key; the blanks after it and one '=' are skipped.
		{"blank separator", "a b", []kv{{"a", "b"}}},
		{"blanks around equals", "a  =  b", []kv{{"a", "b"}}},
		{"tab and formfeed are blanks", "a\t\f=\tb", []kv{{"a", "b"}}},
		// Only the first separator counts; the rest belongs to the value.
		{"second separator is value", "a=b=c:d", []kv{{"a", "b=c:d"}}},
		{"blank then colon then equals", "a : =b", []kv{{"a", "=b"}}},
		// The value keeps trailing blanks; the key's leading blanks go.
		{"leading blanks skipped, trailing kept", "   a = b  ", []kv{{"a", "b  "}}},
		{"key without value", "a", []kv{{"a", ""}}},
		{"key with separator only", "a=", []kv{{"a", ""}}},
		{"empty key", "=b", []kv{{"", "b"}}},
		{"comments", "# c\n! c\n  # indented\na=b", []kv{{"a", "b"}}},
		// '#' is a comment only at the start of a logical line.
		{"hash inside value", "a=b#c", []kv{{"a", "b#c"}}},
		{"blank lines", "\n\n  \t\na=b\n\n", []kv{{"a", "b"}}},
		{"CRLF and CR line ends", "a=1\r\nb=2\rc=3\n", []kv{{"a", "1"}, {"b", "2"}, {"c", "3"}}},
		// A continued line loses its leading blanks, and may start with '#'.
		{"continuation", "a=b\\\n    c\\\n\t#d", []kv{{"a", "bc#d"}}},
		{"continuation with CRLF", "a=b\\\r\n  c", []kv{{"a", "bc"}}},
		{"continuation in key", "ke\\\n  y=v", []kv{{"key", "v"}}},
		// An even number of backslashes is escaped backslashes, not a continuation.
		{"escaped backslash at end", "a=b\\\\\nc=d", []kv{{"a", "b\\"}, {"c", "d"}}},
		// A continuation onto an empty line ends the logical line.
		{"continuation onto empty line", "a=b\\\n\nc=d", []kv{{"a", "b"}, {"c", "d"}}},
		// A trailing backslash at end of file is dropped.
		{"backslash at EOF", "a=b\\", []kv{{"a", "b"}}},
		{"backslash then newline at EOF", "a=b\\\n", []kv{{"a", "b"}}},
		// A comment line ending in a backslash does not continue.
		{"comment does not continue", "# x\\\na=b", []kv{{"a", "b"}}},
		{"escapes", `a=\t\n\r\f\\\=\:\#\!\ \x`, []kv{{"a", "\t\n\r\f\\=:#! x"}}},
		{"escaped separators in key", `a\=b\:c\ d=e`, []kv{{"a=b:c d", "e"}}},
		{"unicode escapes", `k\u00e9y=\u0041\u00DF`, []kv{{"kéy", "Aß"}}},
		{"surrogate pair", `a=\uD83D\uDE00`, []kv{{"a", "😀"}}},
		{"lone surrogate", `a=\uD83D!`, []kv{{"a", "\uFFFD!"}}},
		{"UTF-8 text", "clé=värde ✓", []kv{{"clé", "värde ✓"}}},
		{"duplicates kept in order", "a=1\na=2", []kv{{"a", "1"}, {"a", "2"}}},
		{"value starting with blanks after escape", `a=\ \ b`, []kv{{"a", "  b"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps, diags := Parse("job.properties", []byte(tc.in))
			if diags.HasErrors() {
				t.Fatalf("Parse: %v", diags)
			}
			if d := cmp.Diff(tc.want, pairs(ps)); d != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s", tc.in, d)
			}
		})
	}
}

func TestParseLatin1(t *testing.T) {
	// Not valid UTF-8: read byte by byte as ISO-8859-1.
	ps, diags := Parse("x.properties", []byte("k\xe9y=v\xe4l"))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if d := cmp.Diff([]kv{{"kéy", "väl"}}, pairs(ps)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if got := ps[0].ValueRange.Start.Column; got != 5 {
		t.Errorf("value column = %d, want 5", got)
	}
}

func TestParseMalformedEscape(t *testing.T) {
	ps, diags := Parse("job.properties", []byte("a=1\nb=x\\u12G4y\nc=3\n"))
	if d := cmp.Diff([]kv{{"a", "1"}}, pairs(ps)); d != "" {
		t.Errorf("pairs before the error (-want +got):\n%s", d)
	}
	if len(diags) != 1 || !diags.HasErrors() {
		t.Fatalf("diags = %v, want one error", diags)
	}
	d := diags[0]
	if want := `Malformed \uxxxx escape "\\u12G4" in a property value`; d.Summary != want {
		t.Errorf("Summary = %q, want %q", d.Summary, want)
	}
	r := d.Subject
	if r.Start.Line != 2 || r.Start.Column != 4 || r.Start.Byte != 7 || r.End.Byte != 13 {
		t.Errorf("Subject = %+v, want line 2 column 4 bytes 7-13", r)
	}
	// Too few characters left is malformed too.
	if _, diags := Parse("job.properties", []byte(`a=\u12`)); !diags.HasErrors() {
		t.Error("truncated \\u escape accepted")
	}
}

func TestParseRanges(t *testing.T) {
	// Byte offsets: line 2 starts at 7, line 3 at 25, line 4 at 28, line 5 at 35.
	src := "# head\n  name = välue  \nk\\\n  ey:v\nempty\n"
	ps, diags := Parse("f", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	type pos struct{ Line, Col, Byte int }
	type rng struct{ From, To pos }
	conv := func(r hcl.Range) rng {
		return rng{pos{r.Start.Line, r.Start.Column, r.Start.Byte}, pos{r.End.Line, r.End.Column, r.End.Byte}}
	}
	var got [][3]rng
	for _, p := range ps {
		got = append(got, [3]rng{conv(p.KeyRange), conv(p.ValueRange), conv(p.Range)})
	}
	want := [][3]rng{
		// "ä" is two bytes but one column.
		{{pos{2, 3, 9}, pos{2, 7, 13}}, {pos{2, 10, 16}, pos{2, 17, 24}}, {pos{2, 3, 9}, pos{2, 17, 24}}},
		// The key "k\<newline>  ey" spans two lines.
		{{pos{3, 1, 25}, pos{4, 5, 32}}, {pos{4, 6, 33}, pos{4, 7, 34}}, {pos{3, 1, 25}, pos{4, 7, 34}}},
		// No value: an empty range at the end of the line.
		{{pos{5, 1, 35}, pos{5, 6, 40}}, {pos{5, 6, 40}, pos{5, 6, 40}}, {pos{5, 1, 35}, pos{5, 6, 40}}},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("ranges (-want +got):\n%s", d)
	}
	for _, p := range ps {
		if raw := src[p.ValueRange.Start.Byte:p.ValueRange.End.Byte]; raw != p.Value {
			t.Errorf("value range of %q covers %q, want the value %q", p.Key, raw, p.Value)
		}
	}
}

func TestParseBOM(t *testing.T) {
	ps, diags := Parse("f", []byte("\uFEFF#comment\na=b"))
	if len(diags) != 1 || diags.HasErrors() {
		t.Fatalf("diags = %v, want one warning", diags)
	}
	// Java keeps the mark, so the first line is not a comment.
	if d := cmp.Diff([]kv{{"\uFEFF#comment", ""}, {"a", "b"}}, pairs(ps)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestToMap(t *testing.T) {
	ps, _ := Parse("f", []byte("a=1\nb=2\na=3"))
	if d := cmp.Diff(map[string]string{"a": "3", "b": "2"}, ToMap(ps)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestParseAssignment(t *testing.T) {
	tests := []struct{ in, k, v, err string }{
		{"a=b", "a", "b", ""},
		{" a =b=c ", "a", "b=c ", ""},
		{"a=", "a", "", ""},
		{"a", "", "", `"a" has no '=': write name=value`},
		{" =b", "", "", `" =b" has an empty name before '=': write name=value`},
	}
	for _, tc := range tests {
		k, v, err := ParseAssignment(tc.in)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if d := cmp.Diff([]string{tc.k, tc.v, tc.err}, []string{k, v, msg}); d != "" {
			t.Errorf("ParseAssignment(%q) (-want +got):\n%s", tc.in, d)
		}
	}
}

func TestIsReserved(t *testing.T) {
	for _, n := range ReservedNames {
		if !IsReserved(n) {
			t.Errorf("IsReserved(%q) = false", n)
		}
	}
	for _, n := range []string{"minutes", "YEARS", "", "user.name"} {
		if IsReserved(n) {
			t.Errorf("IsReserved(%q) = true", n)
		}
	}
	if len(ReservedNames) != 19 {
		t.Errorf("%d reserved names, want 19", len(ReservedNames))
	}
}
