package el

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
)

func plain(text string) *Source { return Plain("t.xml", text, hcl.Pos{Line: 1, Column: 1}) }

func TestParseTemplateShape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain text", `"plain text"`},
		{"${x}", "${$x}"},
		{"a${x}b", `"a" ${$x} "b"`},
		{"$ { $x {y} $", `"$ { $x {y} $"`},
		{`\${x} and \n`, `"${x} and \\n"`},
		{`$${x}`, `"$" ${$x}`},
		{"${1 + 2 * 3}", "${(+ 1 (* 2 3))}"},
		{"${(1 + 2) * 3}", "${(* (+ 1 2) 3)}"},
		{"${1 - 2 - 3}", "${(- (- 1 2) 3)}"},
		{"${a div b mod c}", "${(% (/ $a $b) $c)}"},
		{"${a or b and c}", "${(|| $a (&& $b $c))}"},
		{"${a || b && !c}", "${(|| $a (&& $b (! $c)))}"},
		{"${a eq b ne c}", "${(!= (== $a $b) $c)}"},
		{"${a lt b == c ge d}", "${(== (< $a $b) (>= $c $d))}"},
		{"${a le b gt c}", "${(> (<= $a $b) $c)}"},
		{"${not empty x}", "${(! (empty $x))}"},
		{"${- -1}", "${(- (- 1))}"},
		{"${a ? b : c ? d : e}", "${(? $a $b (? $c $d $e))}"},
		{"${c ? a:b}", "${(? $c $a $b)}"},
		{"${a.b[0].c}", "${(. ([] (. $a b) 0) c)}"},
		{"${coord:current(-1)}", "${(call coord:current (- 1))}"},
		{"${coord : current ( 0 )}", "${(call coord:current 0)}"},
		{"${fn()}", "${(call fn)}"},
		{"${coord:formatTime(coord:dateOffset(coord:nominalTime(), -1, 'DAY'), 'yyyyMMdd')}",
			`${(call coord:formatTime (call coord:dateOffset (call coord:nominalTime) (- 1) "DAY") "yyyyMMdd")}`},
		{"${1.5 + .5 + 1. + 1e3 + 2E-2}", "${(+ (+ (+ (+ f1.5 f0.5) f1) f1000) f0.02)}"},
		{"${9223372036854775807}", "${9223372036854775807}"},
		{`${'it\'s' + "a \"b\" \\ }"}`, `${(+ "it's" "a \"b\" \\ }")}`},
		{"${true and false or null}", "${(|| (&& true false) null)}"},
		{"${a$b_1}", "${$a$b_1}"},
		{"${x}${y}", "${$x} ${$y}"},
	}
	for _, tt := range tests {
		tmpl, diags := ParseTemplate(plain(tt.in))
		if diags.HasErrors() {
			t.Errorf("ParseTemplate(%q): %s", tt.in, diags.Error())
			continue
		}
		if diff := cmp.Diff(tt.want, templateShape(tmpl)); diff != "" {
			t.Errorf("ParseTemplate(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestParseExpr(t *testing.T) {
	e, diags := ParseExpr(plain("coord:days(1) + 7"))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if diff := cmp.Diff("(+ (call coord:days 1) 7)", sexpr(e)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, diags := ParseExpr(plain("1 }")); !diags.HasErrors() {
		t.Error(`ParseExpr("1 }") gave no error`)
	}
}

// rng is a compact range: start and end columns on line 1.
type rng struct{ Start, End int }

func cols(r hcl.Range) rng { return rng{r.Start.Column, r.End.Column} }

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in      string
		summary string
		at      rng
	}{
		{"${a )}", `Unexpected ")" in EL expression`, rng{5, 6}},
		{"${1 +}", `Unexpected "}" in EL expression`, rng{6, 7}},
		{"${}", `Unexpected "}" in EL expression`, rng{3, 4}},
		{"ab${x", `Unterminated ${ expression: missing "}"`, rng{3, 5}},
		{"${'abc}", "Unterminated string literal", rng{3, 4}},
		{`${'a\n'}`, "Invalid escape sequence in string literal", rng{5, 7}},
		{"${a # b}", `Unexpected character "#" in EL expression`, rng{5, 6}},
		{"${coord:days}", `Unexpected ":" in EL expression`, rng{8, 9}},
		{"${99999999999999999999}", `Integer literal "99999999999999999999" is out of range`, rng{3, 23}},
		{"${a and}", `Unexpected "}" in EL expression`, rng{8, 9}},
		{"${x instanceof y}", `Unexpected "instanceof" in EL expression`, rng{5, 15}},
		{"${f(1,)}", `Unexpected ")" in EL expression`, rng{7, 8}},
		{"${a.1}", `Unexpected ".1" in EL expression`, rng{4, 6}},
		{"${a[1}", `Unexpected "}" in EL expression`, rng{6, 7}},
		{"${a ? b}", `Unexpected "}" in EL expression`, rng{8, 9}},
	}
	for _, tt := range tests {
		_, diags := ParseTemplate(plain(tt.in))
		if len(diags) != 1 {
			t.Errorf("ParseTemplate(%q): want 1 diagnostic, got %d: %v", tt.in, len(diags), diags)
			continue
		}
		d := diags[0]
		got := struct {
			Code, Summary string
			At            rng
		}{string(diag.CodeOf(d)), d.Summary, cols(*d.Subject)}
		want := struct {
			Code, Summary string
			At            rng
		}{string(CodeSyntax), tt.summary, tt.at}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("ParseTemplate(%q) (-want +got):\n%s", tt.in, diff)
		}
		if d.Detail == "" || !strings.HasSuffix(d.Detail, ".") {
			t.Errorf("ParseTemplate(%q): detail %q is not a full sentence", tt.in, d.Detail)
		}
	}
}

func TestParseRecoversAfterError(t *testing.T) {
	tmpl, diags := ParseTemplate(plain("${a )} mid ${b + } end ${c}"))
	if len(diags) != 2 {
		t.Fatalf("want 2 diagnostics, got %v", diags)
	}
	if diff := cmp.Diff(`" mid " " end " ${$c}`, templateShape(tmpl)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestParseDeepNesting(t *testing.T) {
	for _, in := range []string{
		"${" + strings.Repeat("(", 10000) + "1" + strings.Repeat(")", 10000) + "}",
		"${" + strings.Repeat("-", 10000) + "1}",
		"${" + strings.Repeat("f(", 5000) + "}",
		"${" + strings.Repeat("a[", 5000) + "}",
	} {
		_, diags := ParseTemplate(plain(in))
		if len(diags) != 1 || diags[0].Summary != "EL expression is nested too deeply" {
			t.Errorf("deep input of %d bytes: got %v", len(in), diags)
		}
	}
	ok := "${" + strings.Repeat("(", 900) + "1" + strings.Repeat(")", 900) + "}"
	if _, diags := ParseTemplate(plain(ok)); diags.HasErrors() {
		t.Errorf("900 levels: %v", diags)
	}
}

// TestRanges checks node ranges, including after an entity reference: the
// XML text `a &amp;&amp; coord:currnet(1)` decodes to `a && coord:currnet(1)`.
func TestRanges(t *testing.T) {
	decoded := "${a && coord:currnet(1)}"
	src := &Source{Filename: "c.xml", Text: decoded, Segments: []Segment{
		{Offset: 0, Pos: hcl.Pos{Line: 3, Column: 10, Byte: 50}, Verbatim: true},
		{Offset: 4, Pos: hcl.Pos{Line: 3, Column: 14, Byte: 54}, SrcLen: 5}, // first &amp;
		{Offset: 5, Pos: hcl.Pos{Line: 3, Column: 19, Byte: 59}, SrcLen: 5}, // second &amp;
		{Offset: 6, Pos: hcl.Pos{Line: 3, Column: 24, Byte: 64}, Verbatim: true},
	}}
	tmpl, diags := ParseTemplate(src)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	bin := tmpl.Parts[0].Expr.(*ir.Binary)
	call := bin.Y.(*ir.Call)
	type span struct{ StartCol, EndCol, StartByte, EndByte int }
	sp := func(r hcl.Range) span { return span{r.Start.Column, r.End.Column, r.Start.Byte, r.End.Byte} }
	got := []span{sp(tmpl.Parts[0].Range), sp(bin.Range), sp(bin.X.SrcRange()), sp(call.NameRange), sp(call.Range), sp(call.Args[0].SrcRange())}
	want := []span{
		{10, 42, 50, 82}, // ${ ... } as written, with both &amp;
		{12, 41, 52, 81}, // a &amp;&amp; coord:currnet(1)
		{12, 13, 52, 53}, // a
		{25, 38, 65, 78}, // coord:currnet
		{25, 41, 65, 81}, // coord:currnet(1)
		{39, 40, 79, 80}, // 1
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ranges (-want +got):\n%s", diff)
	}
	// The checker's diagnostic covers exactly coord:currnet.
	d := Check(tmpl, "")
	if len(d) != 1 || sp(*d[0].Subject) != (span{25, 38, 65, 78}) {
		t.Errorf("Check: %v", d)
	}
}

func TestParseMultiline(t *testing.T) {
	tmpl, diags := ParseTemplate(Plain("f", "x\n  ${\n a +\n b}", hcl.Pos{Line: 7, Column: 3, Byte: 100}))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	b := tmpl.Parts[1].Expr.(*ir.Binary)
	if got, want := b.Y.SrcRange().Start, (hcl.Pos{Line: 10, Column: 2, Byte: 113}); got != want {
		t.Errorf("b starts at %v, want %v", got, want)
	}
}
