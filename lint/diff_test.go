package lint

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestUnifiedDiff(t *testing.T) {
	lines := func(n int) []string {
		var out []string
		for i := 1; i <= n; i++ {
			out = append(out, "line "+itoa(i)+"\n")
		}
		return out
	}
	old := lines(20)
	changed := append([]string{}, old...)
	changed[1] = "LINE 2\n"
	changed[15] = "LINE 16\n"
	tests := map[string]struct {
		old, new string
		want     string
	}{
		"equal": {"a\n", "a\n", ""},
		"two hunks": {strings.Join(old, ""), strings.Join(changed, ""), `--- a/f.xml
+++ b/f.xml
@@ -1,5 +1,5 @@
 line 1
-line 2
+LINE 2
 line 3
 line 4
 line 5
@@ -13,7 +13,7 @@
 line 13
 line 14
 line 15
-line 16
+LINE 16
 line 17
 line 18
 line 19
`},
		"no final newline": {"a\nb", "a\nc", `--- a/f.xml
+++ b/f.xml
@@ -1,2 +1,2 @@
 a
-b
\ No newline at end of file
+c
\ No newline at end of file
`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if d := cmp.Diff(tc.want, UnifiedDiff("f.xml", []byte(tc.old), []byte(tc.new))); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}
