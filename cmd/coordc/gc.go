package main

import (
	"os"
	"runtime/debug"
)

// batchGCLimit is the heap size at which a lint run starts collecting
// garbage (see batchGC).
const batchGCLimit = 512 << 20

// batchGC turns the garbage collector's proportional pacing off for a lint
// run and lets it start only at batchGCLimit: a run allocates a few times
// its input and exits, so collecting while it grows (from 4 MB) costs
// about a fifth of its CPU for nothing. A repository large enough to reach
// the limit is collected as usual from there (the limit is soft). GOGC or
// GOMEMLIMIT in the environment win. Only the coordc process does this
// (ownsProcess), not tests that run the CLI in-process.
func batchGC() {
	if !ownsProcess || os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(batchGCLimit)
	debug.SetGCPercent(-1)
}

// runnerGCPercent is the garbage collector's target for apply and server
// (see runnerGC).
const runnerGCPercent = 400

// runnerGC sets the garbage collector's target to runnerGCPercent for the
// long-running commands (apply, server): their live heap is small (tens of
// megabytes) and their allocation rate high (every statement and launch
// allocates), so the default target of 100 collects several times a
// second during a backfill. At 400 a run of 2,880 actions spends about
// 11% less CPU (3.6 → 3.2 s, testdata/bench/apply-vs-spawn.sh) for a
// peak resident size of about 60 instead of 45 MB; the heap stays
// proportional to the live data, so memory stays flat over a long
// schedule. GOGC or GOMEMLIMIT in the environment win; only the coordc
// process does this (ownsProcess), not tests.
func runnerGC() {
	if !ownsProcess || os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(runnerGCPercent)
}
