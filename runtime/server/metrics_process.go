package server

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// processStarted is when this process started (its package
// initialisation, a few milliseconds after exec).
var processStarted = time.Now()

// writeGoMetrics writes the Go runtime's metrics under the names
// Prometheus' Go clients use (go_goroutines, go_memstats_…).
func writeGoMetrics(e *exposition) {
	gauge := func(name, help string, v float64) {
		fmt.Fprintf(e.family(name, "gauge", help), "%s %s\n", name, formatFloat(v))
	}
	counter := func(name, help string, v float64) {
		fmt.Fprintf(e.family(name, "counter", help), "%s %s\n", name, formatFloat(v))
	}
	threads, _ := runtime.ThreadCreateProfile(nil)
	gauge("go_goroutines", "Goroutines that currently exist.", float64(runtime.NumGoroutine()))
	gauge("go_threads", "Operating-system threads created.", float64(threads))
	fmt.Fprintf(e.family("go_info", "gauge", "The Go version the binary was built with."), "go_info{version=%s} 1\n", labelValue(runtime.Version()))

	gc := debug.GCStats{PauseQuantiles: make([]time.Duration, 5)}
	debug.ReadGCStats(&gc)
	w := e.family("go_gc_duration_seconds", "summary", "Stop-the-world pause durations of the garbage collections.")
	for i, q := range []string{"0", "0.25", "0.5", "0.75", "1"} {
		fmt.Fprintf(w, "go_gc_duration_seconds{quantile=%q} %s\n", q, formatFloat(gc.PauseQuantiles[i].Seconds()))
	}
	fmt.Fprintf(w, "go_gc_duration_seconds_sum %s\ngo_gc_duration_seconds_count %d\n", formatFloat(gc.PauseTotal.Seconds()), gc.NumGC)

	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	gauge("go_memstats_alloc_bytes", "Bytes of allocated heap objects.", float64(ms.Alloc))
	counter("go_memstats_alloc_bytes_total", "Bytes allocated for heap objects, in total.", float64(ms.TotalAlloc))
	gauge("go_memstats_sys_bytes", "Bytes of memory obtained from the operating system.", float64(ms.Sys))
	counter("go_memstats_mallocs_total", "Heap objects allocated, in total.", float64(ms.Mallocs))
	counter("go_memstats_frees_total", "Heap objects freed, in total.", float64(ms.Frees))
	gauge("go_memstats_heap_alloc_bytes", "Bytes of allocated heap objects.", float64(ms.HeapAlloc))
	gauge("go_memstats_heap_sys_bytes", "Bytes of heap memory obtained from the operating system.", float64(ms.HeapSys))
	gauge("go_memstats_heap_idle_bytes", "Bytes in idle (unused) heap spans.", float64(ms.HeapIdle))
	gauge("go_memstats_heap_inuse_bytes", "Bytes in in-use heap spans.", float64(ms.HeapInuse))
	gauge("go_memstats_heap_released_bytes", "Bytes of physical memory returned to the operating system.", float64(ms.HeapReleased))
	gauge("go_memstats_heap_objects", "Allocated heap objects.", float64(ms.HeapObjects))
	gauge("go_memstats_stack_inuse_bytes", "Bytes in stack spans.", float64(ms.StackInuse))
	gauge("go_memstats_next_gc_bytes", "Heap size at which the next garbage collection starts.", float64(ms.NextGC))
	gauge("go_memstats_last_gc_time_seconds", "Time of the last garbage collection, in seconds since the Unix epoch.", float64(ms.LastGC)/1e9)
}

// writeProcessMetrics writes the process's metrics under the names
// Prometheus' clients use (process_cpu_seconds_total, …); the resident and
// virtual memory and the open file descriptors where /proc has them.
func writeProcessMetrics(e *exposition) {
	gauge := func(name, help string, v float64) {
		fmt.Fprintf(e.family(name, "gauge", help), "%s %s\n", name, formatFloat(v))
	}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		fmt.Fprintf(e.family("process_cpu_seconds_total", "counter", "User and system CPU time spent, in seconds."),
			"process_cpu_seconds_total %s\n", formatFloat(cpu.Seconds()))
	}
	gauge("process_start_time_seconds", "Start time of the process, in seconds since the Unix epoch.",
		float64(processStarted.UnixNano())/1e9)
	var lim syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim) == nil {
		gauge("process_max_fds", "Maximum number of open file descriptors.", float64(lim.Cur))
	}
	if fds, err := os.ReadDir("/proc/self/fd"); err == nil {
		gauge("process_open_fds", "Open file descriptors.", float64(len(fds)))
	}
	// /proc/self/statm: size resident shared text lib data dt, in pages.
	if b, err := os.ReadFile("/proc/self/statm"); err == nil {
		if f := strings.Fields(string(b)); len(f) >= 2 {
			page := float64(os.Getpagesize())
			if size, err := strconv.ParseUint(f[0], 10, 64); err == nil {
				gauge("process_virtual_memory_bytes", "Virtual memory size, in bytes.", float64(size)*page)
			}
			if rss, err := strconv.ParseUint(f[1], 10, 64); err == nil {
				gauge("process_resident_memory_bytes", "Resident memory size, in bytes.", float64(rss)*page)
			}
		}
	}
}
