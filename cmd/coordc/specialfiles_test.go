package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSpecialFiles is finding F8 of issue 11: a FIFO named p.xml hung
// lint, and a link to /dev/zero named z.xml or --properties /dev/zero read
// until memory ran out. Directory walks skip them; named, they are refused
// with an error naming the file.
func TestSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "p.xml"), 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "z.xml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "z.coord.hcl")); err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile("../../testdata/examples/daily-logs/coordinator.xml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "coordinator.xml"), example, 0o644); err != nil {
		t.Fatal(err)
	}
	props := "../../testdata/examples/daily-logs/job.properties"
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"lint dir", []string{"lint", "-f", "compact", dir}, exitOK, ""},
		{"validate dir", []string{"validate", "--properties", props, dir}, exitOK, "1 definition"},
		{"convert dir", []string{"convert", "--to", "hcl", dir}, exitOK, ""},
		{"lint fifo", []string{"lint", filepath.Join(dir, "p.xml")}, exitProblems, "p.xml is a named pipe, not a regular file"},
		{"validate zero", []string{"validate", filepath.Join(dir, "z.xml")}, exitProblems, "z.xml is a character device, not a regular file"},
		{"plan properties", []string{"plan", "--properties", "/dev/zero", filepath.Join(dir, "coordinator.xml")}, exitUsage, "/dev/zero is a character device"},
		{"fmt zero", []string{"fmt", "-check", filepath.Join(dir, "z.coord.hcl")}, exitUsage, "is a character device"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			type result struct {
				stdout, stderr string
				code           int
			}
			done := make(chan result, 1)
			go func() {
				o, e, c := coordc(t, tc.args...)
				done <- result{o, e, c}
			}()
			select {
			case r := <-done:
				if r.code != tc.code || !strings.Contains(r.stdout+r.stderr, tc.want) {
					t.Errorf("coordc %s: exit %d, want %d with %q\nstdout:\n%s\nstderr:\n%s", strings.Join(tc.args, " "), r.code, tc.code, tc.want, r.stdout, r.stderr)
				}
			case <-time.After(20 * time.Second):
				t.Fatalf("coordc %s hangs", strings.Join(tc.args, " "))
			}
		})
	}
}
