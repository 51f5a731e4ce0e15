package props

import (
	"bytes"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// capFiles are the two shapes of a file at MaxFileSize the memory test and
// benchmark use: ~50k short keys, and one 1 MiB value.
func capFiles() map[string][]byte {
	var sb strings.Builder
	for i := 0; ; i++ {
		line := fmt.Sprintf("key.%06d=value.%05d\n", i, i%100000)
		if sb.Len()+len(line) > MaxFileSize {
			break
		}
		sb.WriteString(line)
	}
	keys := sb.String()
	value := "v=" + strings.Repeat("a", MaxFileSize-2)
	return map[string][]byte{"50k-keys": []byte(keys), "1MiB-value": []byte(value)}
}

// allocated returns the bytes f allocates with the collector off: an upper
// bound of the peak heap f adds.
func allocated(f func()) uint64 {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestReadMemoryAtCap checks that reading a file at MaxFileSize allocates
// at most 10 times the file (issue 11: a 50 MB file took 1.5 GB; before
// Read streamed, a file at the cap took 89× (short keys) and 25× (one
// value)). Parse, which keeps every pair and its ranges, is logged.
func TestReadMemoryAtCap(t *testing.T) {
	for name, data := range capFiles() {
		n := 0
		got := allocated(func() {
			_, _ = Read("f", bytes.NewReader(data), func(Property) bool { n++; return true })
		})
		parsed := allocated(func() { Parse("f", data) })
		ratio := float64(got) / float64(len(data))
		t.Logf("%s: %d bytes, %d properties: Read allocates %.1f MB (%.1f× the file), Parse %.1f MB", name, len(data), n, float64(got)/1e6, ratio, float64(parsed)/1e6)
		if ratio > 10 {
			t.Errorf("%s: Read allocates %.1f× the file, want at most 10×", name, ratio)
		}
	}
}

// BenchmarkReadAtCap reads the two files of capFiles.
func BenchmarkReadAtCap(b *testing.B) {
	for name, data := range capFiles() {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				_, _ = Read("f", bytes.NewReader(data), func(Property) bool { return true })
			}
		})
	}
}
