package hclfront

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// deepInputs are hostile nestings, each far over MaxNesting (finding F7 of
// issue 11: 100,000 parentheses were a fatal Go stack overflow).
func deepInputs() map[string]string {
	const n = 100_000
	attr := func(expr string) string { return coord("  workflow { app_path = " + expr + " }") }
	return map[string]string{
		"parentheses":    attr(strings.Repeat("(", n) + "1" + strings.Repeat(")", n)),
		"brackets":       attr(strings.Repeat("[", n) + strings.Repeat("]", n)),
		"objects":        attr(strings.Repeat("{a=", n) + "1" + strings.Repeat("}", n)),
		"unclosed":       attr(strings.Repeat("(", n)),
		"not":            attr(strings.Repeat("!", n) + "true"),
		"minus":          attr(strings.Repeat("-", n) + "1"),
		"binary":         attr("1" + strings.Repeat("+1", n)),
		"conditional":    attr(strings.Repeat("a ? b : ", n) + "c"),
		"conditional-nl": attr("(" + strings.Repeat("a ? b :\n", n) + "c)"),
		"traversal":      attr("a" + strings.Repeat(".b", n)),
		"calls":          attr(strings.Repeat("coord::f(", n) + strings.Repeat(")", n)),
		"templates":      attr(strings.Repeat(`"${`, n) + "1" + strings.Repeat(`}"`, n)),
		"blocks":         strings.Repeat("a {\n", n) + strings.Repeat("}\n", n),
	}
}

func TestDeepNestingIsAPositionedError(t *testing.T) {
	for name, src := range deepInputs() {
		t.Run(name, func(t *testing.T) {
			_, diags := Parse(map[string][]byte{"deep.coord.hcl": []byte(src)}, Options{})
			var found *hcl.Diagnostic
			for _, d := range diags {
				if strings.HasPrefix(d.Summary, "Expression nests deeper than 1000 levels") {
					found = d
				}
			}
			if found == nil {
				t.Fatalf("no nesting error; got %v", diags)
			}
			if found.Subject == nil || found.Subject.Filename != "deep.coord.hcl" || found.Subject.Start.Line < 1 {
				t.Errorf("the error has no position: %+v", found.Subject)
			}
		})
	}
}

// TestOrdinaryNestingAccepted: long but flat expressions (many map
// entries, long argument lists, many lines of one block) are not nesting.
func TestOrdinaryNestingAccepted(t *testing.T) {
	var entries strings.Builder
	for i := range 3000 {
		entries.WriteString("    \"k" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + "\" = coord::current(-1) - 1\n")
	}
	srcs := map[string]string{
		"map":  "locals {\n  m = {\n" + entries.String() + "  }\n}\n",
		"args": "locals {\n  l = [" + strings.Repeat("-1, a.b.c, !x, ", 3000) + "0]\n}\n",
		"deep": "locals {\n  d = " + strings.Repeat("(", 900) + "1" + strings.Repeat(")", 900) + "\n}\n",
	}
	for name, src := range srcs {
		if d := checkNesting(name, []byte(src)); d != nil {
			t.Errorf("%s: %s at %v", name, d.Summary, d.Subject)
		}
	}
}
