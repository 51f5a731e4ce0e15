package workflow

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeTar(t *testing.T, path string, gz bool, members map[string]string, extra ...*tar.Header) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var w *tar.Writer
	if gz {
		zw := gzip.NewWriter(f)
		defer zw.Close()
		w = tar.NewWriter(zw)
	} else {
		w = tar.NewWriter(f)
	}
	defer w.Close()
	for name, data := range members {
		w.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg})
		w.Write([]byte(data))
	}
	for _, h := range extra {
		w.WriteHeader(h)
	}
}

// TestUnpackArchive: tar, tar.gz and zip archives are unpacked into the
// link directory, replacing an older unpack; members that would leave it,
// links and unknown formats are refused.
func TestUnpackArchive(t *testing.T) {
	dir := t.TempDir()
	tgz := filepath.Join(dir, "a.tgz")
	writeTar(t, tgz, true, map[string]string{"x.txt": "x", "sub/y.txt": "y"})
	dest := filepath.Join(dir, "out")
	os.MkdirAll(dest, 0o700)
	os.WriteFile(filepath.Join(dest, "stale"), nil, 0o600)
	if err := unpackArchive(tgz, dest); err != nil {
		t.Fatal(err)
	}
	if readFile(t, filepath.Join(dest, "sub", "y.txt")) != "y" {
		t.Error("sub/y.txt not unpacked")
	}
	if _, err := os.Stat(filepath.Join(dest, "stale")); err == nil {
		t.Error("the older unpack was kept")
	}
	for name, build := range map[string]func(p string){
		"escape.tar": func(p string) { writeTar(t, p, false, map[string]string{"../evil": "e"}) },
		"link.tar": func(p string) {
			writeTar(t, p, false, nil, &tar.Header{Name: "l", Linkname: "/etc/passwd", Typeflag: tar.TypeSymlink})
		},
		"escape.zip": func(p string) {
			f, _ := os.Create(p)
			zw := zip.NewWriter(f)
			w, _ := zw.Create("/abs/evil")
			w.Write([]byte("e"))
			zw.Close()
			f.Close()
		},
		"plain.rar": func(p string) { os.WriteFile(p, []byte("x"), 0o600) },
	} {
		p := filepath.Join(dir, name)
		build(p)
		err := unpackArchive(p, filepath.Join(dir, "bad-"+name))
		if err == nil {
			t.Errorf("%s: accepted", name)
		} else if !strings.Contains(err.Error(), name) && !strings.Contains(err.Error(), "archive") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "evil")); err == nil {
		t.Error("a member was written outside the directory")
	}
}
