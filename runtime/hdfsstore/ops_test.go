package hdfsstore

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestLocalOps: Hadoop's semantics on the local file system.
func TestLocalOps(t *testing.T) {
	ctx := context.Background()
	s := New(nil)
	dir := t.TempDir()
	p := func(rel string) string { return filepath.Join(dir, rel) }
	if err := s.Mkdir(ctx, p("a/b")); err != nil {
		t.Fatal(err)
	}
	if err := s.Touchz(ctx, "file://"+p("a/b/_SUCCESS")); err != nil {
		t.Fatal(err)
	}
	if err := s.Touchz(ctx, p("a/b/_SUCCESS")); err != nil {
		t.Errorf("touchz of an empty file: %v", err)
	}
	os.WriteFile(p("full"), []byte("x"), 0o644)
	for _, q := range []string{p("full"), p("a")} {
		if err := s.Touchz(ctx, q); kindOf(err) != KindNotEmpty {
			t.Errorf("touchz %s: %v, want KindNotEmpty", q, err)
		}
	}
	os.Mkdir(p("c"), 0o755)
	if err := s.Move(ctx, p("a/b"), p("c"), false); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p("c/b/_SUCCESS")); err != nil {
		t.Errorf("move into a directory: %v", err)
	}
	if err := s.Move(ctx, p("a/b"), p("c"), true); err != nil {
		t.Errorf("move again in recovery: %v", err)
	}
	if err := s.Move(ctx, p("a/b"), p("c"), false); kindOf(err) != KindSourceMissing || err.Error() != "move: source ["+p("a/b")+"] does not exist" {
		t.Errorf("move of a missing source: %v", err)
	}
	if err := s.Move(ctx, p("c"), "hdfs://ns1/x", false); kindOf(err) != KindUnsupported {
		t.Errorf("move across file systems: %v", err)
	}
	if err := s.Chmod(ctx, p("c"), "rwxr-x---", true, false); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(p("c")); fi.Mode().Perm() != 0o750 {
		t.Errorf("chmod: %v", fi.Mode())
	}
	if err := s.Chmod(ctx, p("c"), "750", false, true); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(p("c/b/_SUCCESS")); fi.Mode().Perm() != 0o750 {
		t.Errorf("recursive chmod: %v", fi.Mode())
	}
	if err := s.Chmod(ctx, p("c"), "rwxrwxrwz", false, false); kindOf(err) != KindPermissions {
		t.Errorf("invalid permissions: %v", err)
	}
	if err := s.RemoveAll(ctx, p("c")); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(p("c")); err != nil {
		t.Errorf("deleting a missing path: %v", err)
	}
	for _, root := range []string{"/", "file:///", ""} {
		if err := s.Delete(root); err == nil {
			t.Errorf("Delete(%q) succeeded", root)
		}
	}
	if err := s.Mkdir(ctx, p("full/x")); kindOf(err) != KindIO {
		t.Errorf("mkdir under a file: %v", err)
	}
}

func TestParsePermission(t *testing.T) {
	for in, want := range map[string]os.FileMode{"755": 0o755, "0640": 0o640, "rwxr-x---": 0o750, "-rw-r--r--": 0o644, " 700 ": 0o700} {
		if got, err := ParsePermission(in); err != nil || got != want {
			t.Errorf("ParsePermission(%q) = %v, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "999", "1777", "rwxrwxrwz", "rw", "rwxr-x-é"} {
		if _, err := ParsePermission(bad); kindOf(err) != KindPermissions {
			t.Errorf("ParsePermission(%q) = %v, want KindPermissions", bad, err)
		}
	}
}

// TestHDFSOps: the same operations over WebHDFS.
func TestHDFSOps(t *testing.T) {
	ctx := context.Background()
	fake, s := newHDFS(t, 1)
	u := func(p string) string { return "hdfs://ns1" + p }
	if err := s.Mkdir(ctx, u("/data/a/b")); err != nil {
		t.Fatal(err)
	}
	if err := s.Touchz(ctx, u("/data/a/b/_SUCCESS")); err != nil {
		t.Fatal(err)
	}
	if err := s.Touchz(ctx, u("/data/a/b/_SUCCESS")); err != nil {
		t.Errorf("touchz of an empty file: %v", err)
	}
	fake.WriteFile("/data/full", []byte("x"))
	for _, q := range []string{u("/data/full"), u("/data/a")} {
		if err := s.Touchz(ctx, q); kindOf(err) != KindNotEmpty {
			t.Errorf("touchz %s: %v, want KindNotEmpty", q, err)
		}
	}
	fake.MkdirAll("/data/c")
	if err := s.Move(ctx, u("/data/a/b"), "/data/c", false); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.Exists(u("/data/c/b/_SUCCESS")); !ok {
		t.Error("move into a directory: the file is not there")
	}
	if err := s.Move(ctx, u("/data/a/b"), u("/data/c"), true); err != nil {
		t.Errorf("move again in recovery: %v", err)
	}
	if err := s.Move(ctx, u("/data/a/b"), u("/data/c"), false); kindOf(err) != KindSourceMissing {
		t.Errorf("move of a missing source: %v", err)
	}
	if err := s.Move(ctx, u("/data/full"), u("/data/nodir/x"), false); kindOf(err) != KindIO {
		t.Errorf("move into a missing parent: %v", err)
	}
	if err := s.Move(ctx, u("/data/c"), "file:///tmp/x", false); kindOf(err) != KindUnsupported {
		t.Errorf("move across file systems: %v", err)
	}
	if data, err := s.ReadFile(ctx, u("/data/full")); err != nil || string(data) != "x" {
		t.Errorf("ReadFile = %q, %v", data, err)
	}
	if _, err := s.ReadFile(ctx, u("/data/none")); kindOf(err) != KindIO {
		t.Errorf("ReadFile of a missing file: %v", err)
	}
	if err := s.Chmod(ctx, u("/data/c"), "755", true, false); kindOf(err) != KindUnsupported {
		t.Errorf("chmod: %v", err)
	}
	if err := s.Delete(u("/data/c")); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.Exists(u("/data/c")); ok {
		t.Error("delete left the directory")
	}
	if err := s.Delete(u("/data/c")); err != nil {
		t.Errorf("deleting a missing path: %v", err)
	}
	if err := s.Delete("hdfs://ns1/"); err == nil {
		t.Error("deleting the root succeeded")
	}
	if err := s.Mkdir(ctx, u("/data/full/x")); kindOf(err) != KindIO {
		t.Errorf("mkdir under a file: %v", err)
	}
	if _, err := s.Exists("hdfs://other/x"); err == nil {
		t.Error("an unconfigured nameservice resolved")
	}
}
