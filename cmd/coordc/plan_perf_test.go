package main

import (
	"io"
	"runtime"
	"testing"
)

// heapWatcher discards output and records the largest heap in use, sampled
// every 16 MB written.
type heapWatcher struct {
	written, next int
	peak          uint64
}

func (h *heapWatcher) Write(p []byte) (int, error) {
	h.written += len(p)
	if h.written >= h.next {
		h.next = h.written + 16<<20
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		h.peak = max(h.peak, ms.HeapInuse)
	}
	return len(p), nil
}

// TestPlanStreamsInFlatMemory plans ten years of one-minute actions (5.26M,
// about 6 GB of JSON) and checks that the heap stays small: planning streams.
func TestPlanStreamsInFlatMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("long: plans 5.26 million actions")
	}
	h := &heapWatcher{}
	code := run([]string{"coordc", "plan", "-o", "json", "../../testdata/bench/ten-years.xml"}, nil, h, io.Discard)
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	const limit = 64 << 20
	t.Logf("wrote %d MB, peak heap in use %.1f MB", h.written>>20, float64(h.peak)/(1<<20))
	if h.peak > limit {
		t.Errorf("peak heap %d bytes, want at most %d: planning must stream", h.peak, limit)
	}
}

// BenchmarkPlanFiveMinuteJSON is the planner's yardstick: 200,000
// five-minute actions, each with a 12-instance input window, as JSON.
// Compare with testdata/bench/fmtbaseline (see README, Development).
func BenchmarkPlanFiveMinuteJSON(b *testing.B) {
	for b.Loop() {
		if code := run([]string{"coordc", "plan", "-o", "json", "../../testdata/bench/five-minute.xml"}, nil, io.Discard, io.Discard); code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
}
