package compiler

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler/props"
)

// TestJobPropertiesMemoryAtCap reads properties files at props.MaxFileSize
// (about 45,000 short keys; 32,000 values that refer to another; one
// 1 MiB value) the way Load does and checks
// the bytes allocated stay within 10 times the file (issue 11: a 50 MB file
// of a million keys took 1.5 GB). The collector is off while measuring, so
// the figure bounds the peak heap from above.
func TestJobPropertiesMemoryAtCap(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"keys.properties":  fill("", "key.%06d=value.%05d\n"),
		"refs.properties":  fill("base=/data\n", "key.%06d=${base}/%06d\n"),
		"value.properties": "v=" + strings.Repeat("a", props.MaxFileSize-2),
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		var n int
		got := allocated(func() {
			params, err := ReadJobProperties(path)
			if err != nil {
				t.Fatal(err)
			}
			n = len(params)
		})
		ratio := float64(got) / float64(len(text))
		t.Logf("%s: %d bytes, %d properties: %.1f MB allocated (%.1f× the file)", name, len(text), n, float64(got)/1e6, ratio)
		if ratio > 10 {
			t.Errorf("%s: reading allocates %.1f× the file, want at most 10×", name, ratio)
		}
	}
}

// fill writes first, then repeats format (with the line number for its
// verbs) up to props.MaxFileSize.
func fill(first, format string) string {
	var sb strings.Builder
	sb.WriteString(first)
	for i := 0; ; i++ {
		line := fmt.Sprintf(format, i, i)
		if sb.Len()+len(line) > props.MaxFileSize {
			return sb.String()
		}
		sb.WriteString(line)
	}
}

// allocated returns the bytes f allocates with the collector off.
func allocated(f func()) uint64 {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
