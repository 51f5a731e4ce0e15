package inputfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSpecialFiles is finding F8 of issue 11: a FIFO must not block, and
// /dev/zero (directly or through a link named like a definition) must not
// be read without end.
func TestSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "p.xml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	zero := filepath.Join(dir, "z.xml")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		fifo: "is a named pipe", zero: "is a character device", "/dev/zero": "is a character device", dir: "is a directory",
	} {
		done := make(chan error, 1)
		go func() { _, err := Read(path, 0); done <- err }()
		select {
		case err := <-done:
			if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), path+" "+want) {
				t.Errorf("Read(%s) = %v, want %q", path, err, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Read(%s) blocks", path)
		}
		if IsRegular(path) {
			t.Errorf("IsRegular(%s) = true", path)
		}
	}
}

func TestLimit(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "f")
	if err := os.WriteFile(f, []byte("0123456789"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.xml")
	if err := os.Symlink(f, link); err != nil {
		t.Fatal(err)
	}
	if got, err := Read(link, 10); err != nil || string(got) != "0123456789" || !IsRegular(link) {
		t.Errorf("Read at the limit = %q, %v", got, err)
	}
	if _, err := Read(f, 9); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "the limit is 9 bytes") {
		t.Errorf("Read over the limit = %v", err)
	}
	if _, err := ReadAll(strings.NewReader(strings.Repeat("x", 2<<10)), 1<<10); err == nil || !strings.Contains(err.Error(), "1 KiB") {
		t.Errorf("ReadAll over the limit = %v", err)
	}
}
