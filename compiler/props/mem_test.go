package props

import (
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

// TestParseMemoryAtCap checks that parsing a file at MaxFileSize allocates
// at most 10 times the file (issue 11: a 50 MB file took 1.5 GB).
func TestParseMemoryAtCap(t *testing.T) {
	for name, data := range capFiles() {
		var n int
		got := allocated(func() {
			ps, _ := Parse("f", data)
			n = len(ps)
		})
		t.Logf("%s: %d bytes, %d properties: Parse allocates %.1f MB (%.1f× the file)", name, len(data), n, float64(got)/1e6, float64(got)/float64(len(data)))
	}
}

// BenchmarkParseAtCap parses the two files of capFiles.
func BenchmarkParseAtCap(b *testing.B) {
	for name, data := range capFiles() {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				Parse("f", data)
			}
		})
	}
}
