package el

import (
	"strings"

	"github.com/coordc/coordc/compiler/suggest"
)

// nearest returns the catalog function name closest to name, for a "did you
// mean" hint, and whether it is the only one at that distance; "" when
// nothing is close. Matching ignores case and also compares the names
// without their prefixes, so "coord:currnet", "current" and "wf:current" all
// suggest "coord:current".
func nearest(name string) (string, bool) {
	names := make([]string, 0, len(Functions()))
	for _, f := range Functions() {
		names = append(names, f.Name)
	}
	return suggest.Closest(name, names, suggest.DefaultMaxEdits(len(localName(name))), func(a, b string) int {
		d := suggest.Distance(a, b)
		la, lb := localName(a), localName(b)
		if dl := suggest.Distance(la, lb); la != a || lb != b {
			if prefixOf(a) != prefixOf(b) {
				dl++
			}
			d = min(d, dl)
		}
		return d
	})
}

func localName(s string) string {
	if i := strings.IndexByte(s, ':'); i >= 0 {
		return s[i+1:]
	}
	return s
}

func prefixOf(s string) string {
	if i := strings.IndexByte(s, ':'); i >= 0 {
		return s[:i]
	}
	return ""
}
