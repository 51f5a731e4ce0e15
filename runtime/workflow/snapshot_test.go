package workflow

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWriteSnapshotLinks checks that a second snapshot of the same bytes
// is the durable file written first (one fsync per definition), and that
// a first file replaced since is never linked.
func TestWriteSnapshotLinks(t *testing.T) {
	e := New(nil)
	dir := t.TempDir()
	a, b, c := filepath.Join(dir, "a", snapshotName), filepath.Join(dir, "b", snapshotName), filepath.Join(dir, "c", snapshotName)
	data := []byte("<workflow-app/>")
	if err := e.writeSnapshot(a, data); err != nil {
		t.Fatal(err)
	}
	if err := e.writeSnapshot(b, data); err != nil {
		t.Fatal(err)
	}
	ia, _ := os.Stat(a)
	ib, _ := os.Stat(b)
	if !os.SameFile(ia, ib) {
		t.Errorf("the second snapshot of the same bytes is not a link to the first")
	}
	// a is replaced (as a new file, not in place): c must not link to it.
	if err := writeAtomic(a, []byte("other"), false); err != nil {
		t.Fatal(err)
	}
	if err := e.writeSnapshot(c, data); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(c)
	if err != nil || string(got) != string(data) {
		t.Errorf("snapshot c = %q, %v; want %q", got, err, data)
	}
	ic, _ := os.Stat(c)
	if ia2, _ := os.Stat(a); os.SameFile(ia2, ic) {
		t.Errorf("c links to the replaced file a")
	}
	// The snapshot written durably for c is linked from now on.
	d := filepath.Join(dir, "d", snapshotName)
	if err := e.writeSnapshot(d, data); err != nil {
		t.Fatal(err)
	}
	if id, _ := os.Stat(d); !os.SameFile(id, ic) {
		t.Errorf("d is not a link to c")
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "d"))
	if len(entries) != 1 {
		t.Errorf("d's directory holds %d entries, want the snapshot only", len(entries))
	}
	// Written again (a Start repeated), d stays the link it is.
	if err := e.writeSnapshot(d, data); err != nil {
		t.Fatal(err)
	}
	if id, _ := os.Stat(d); !os.SameFile(id, ic) {
		t.Errorf("d written again is not a link to c")
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "d")); len(entries) != 1 {
		t.Errorf("d's directory holds %d entries after a second write, want the snapshot only", len(entries))
	}
}

// TestWriteSnapshotReplaces checks that a snapshot written again over an
// existing file (a Start repeated after a crash) links through a
// temporary name and leaves nothing else behind.
func TestWriteSnapshotReplaces(t *testing.T) {
	e := New(nil)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a", snapshotName), filepath.Join(dir, "b", snapshotName)
	data := []byte("<workflow-app/>")
	if err := writeAtomic(b, []byte("older"), false); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{a, b} {
		if err := e.writeSnapshot(p, data); err != nil {
			t.Fatal(err)
		}
	}
	ia, _ := os.Stat(a)
	ib, _ := os.Stat(b)
	if !os.SameFile(ia, ib) {
		t.Errorf("b is not a link to a")
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "b")); len(entries) != 1 {
		t.Errorf("b's directory holds %d entries, want the snapshot only", len(entries))
	}
}

// TestWriteFirst checks both ways of writeFirst: a new file, and an
// existing one replaced whole.
func TestWriteFirst(t *testing.T) {
	path := filepath.Join(t.TempDir(), "conf.xml")
	for _, content := range []string{"first", "2nd"} {
		if err := writeFirst(path, []byte(content)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if err != nil || string(got) != content {
			t.Errorf("after writing %q: %q, %v", content, got, err)
		}
		if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("mode: %v, %v", info, err)
		}
	}
}

// TestWriteConfLinks checks that an action configuration of the same bytes
// as one written before is linked, that a file written to since (by a
// command) is not linked again, and that an existing path is replaced.
func TestWriteConfLinks(t *testing.T) {
	e := New(nil)
	dir := t.TempDir()
	path := func(name string) string {
		p := filepath.Join(dir, name, ConfXMLFile)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a, b, c, d := path("a"), path("b"), path("c"), path("d")
	data := []byte("<configuration/>")
	for _, p := range []string{a, b} {
		if err := e.writeConf(p, data); err != nil {
			t.Fatal(err)
		}
	}
	ia, _ := os.Stat(a)
	if ib, _ := os.Stat(b); !os.SameFile(ia, ib) {
		t.Errorf("the second configuration of the same bytes is not a link to the first")
	}
	// A command writes to b (= a): c must get a file of its own.
	if err := os.WriteFile(b, []byte("<configuration>changed</configuration>"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := e.writeConf(c, data); err != nil {
		t.Fatal(err)
	}
	ic, _ := os.Stat(c)
	if os.SameFile(ia, ic) {
		t.Errorf("c links to the changed file")
	}
	if got, err := os.ReadFile(c); err != nil || string(got) != string(data) {
		t.Errorf("c = %q, %v; want %q", got, err, data)
	}
	// An existing file (a relaunch) is replaced with the new bytes.
	if err := os.WriteFile(d, []byte("older"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := e.writeConf(d, data); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(d); err != nil || string(got) != string(data) {
		t.Errorf("d = %q, %v; want %q", got, err, data)
	}
	if info, err := os.Stat(d); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("d's mode: %v, %v", info, err)
	}
}

// TestMakeDir: makeDir makes missing levels with mode 0700, accepts an
// existing directory, and fails, as os.MkdirAll does, where a file is in
// the way.
func TestMakeDir(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path    string
		wantErr bool
	}{
		{filepath.Join(dir, "a", "b", "c"), false},
		{filepath.Join(dir, "a", "b", "c"), false}, // exists
		{filepath.Join(dir, "a", "d"), false},      // parent exists
		{file, true},
		{filepath.Join(file, "x", "y"), true},
	} {
		err := makeDir(tc.path)
		if (err != nil) != tc.wantErr {
			t.Errorf("makeDir(%s) = %v, want error %v", tc.path, err, tc.wantErr)
			continue
		}
		if tc.wantErr {
			continue
		}
		for p := tc.path; p != dir; p = filepath.Dir(p) {
			if fi, err := os.Stat(p); err != nil || !fi.IsDir() || fi.Mode().Perm() != 0o700 {
				t.Errorf("after makeDir(%s): %s is %v, %v; want a directory of mode 0700", tc.path, p, fi.Mode(), err)
			}
		}
	}
}
