package hdfsstore

import (
	"strings"
	"testing"
)

// FuzzJoin: joining never panics, keeps the base's scheme, and leaves
// absolute paths and URIs alone.
func FuzzJoin(f *testing.F) {
	for _, s := range [][2]string{{"hdfs://ns1/apps/wf", "lib/a.jar"}, {"/apps", "../../x"}, {"file:///a", "b"},
		{"hdfs://", ""}, {"webhdfs://h:1", "/abs"}, {"", "s3://b/k"}, {"x://", "é/.."}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, base, p string) {
		got := Join(base, p)
		switch {
		case strings.HasPrefix(p, "/") || strings.Contains(p, "://"):
			if got != p {
				t.Fatalf("Join(%q, %q) = %q, want it unchanged", base, p, got)
			}
		case strings.Contains(base, "://"):
			scheme, _, _ := strings.Cut(base, "://")
			if !strings.HasPrefix(got, scheme+"://") {
				t.Fatalf("Join(%q, %q) = %q lost the scheme", base, p, got)
			}
			if IsHDFS(base) != IsHDFS(got) {
				t.Fatalf("Join(%q, %q) = %q changed the file system", base, p, got)
			}
		}
	})
}

// FuzzParsePermission: never panics; accepted modes are permission bits
// only.
func FuzzParsePermission(f *testing.F) {
	for _, s := range []string{"755", "0640", "rwxr-x---", "-rw-r--r--", "", "1777", "rwxrwxrwz", "é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParsePermission(s)
		if err == nil && m&^0o777 != 0 {
			t.Fatalf("ParsePermission(%q) = %v", s, m)
		}
		if err != nil && kindOf(err) != KindPermissions {
			t.Fatalf("ParsePermission(%q): %v is not KindPermissions", s, err)
		}
	})
}
