package workflow

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestCaptureReadsAtMostTheLimit is finding F9 of issue 11: an action that
// printed 1.5 GB made apply read all of it before checking the 2 KB
// capture-output limit. Here stdout is a 256 MiB sparse file: reading it
// must allocate next to nothing, and the error gives its real size.
func TestCaptureReadsAtMostTheLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "stdout")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	const size = 256 << 20
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = readCapture(path)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "Output data size [268435456] exceeds maximum [2048]") {
		t.Errorf("readCapture = %v", err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("readCapture allocated %d bytes for a %d-byte output", n, size)
	}
	if err := os.WriteFile(path, []byte("a=1\nb=2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := readCapture(path); err != nil || got["a"] != "1" || got["b"] != "2" {
		t.Errorf("readCapture = %v, %v", got, err)
	}
}
