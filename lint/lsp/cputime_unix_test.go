//go:build unix

package lsp

import "syscall"

// cpuSeconds is the CPU time (user and system) the process has used;
// client and server both run in it.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
