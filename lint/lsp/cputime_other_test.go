//go:build !unix

package lsp

// cpuSeconds is not measured on this system.
func cpuSeconds() float64 { return 0 }
