package main

import (
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler/corpus"
)

// benchmarkStartup runs `coordc args...` as a child process b.N times and
// reports the CPU time (user + system) each run took, which is what a
// pre-commit hook or an editor pays per invocation. The child is the test
// binary, so the figure includes its test packages' initialisation too.
func benchmarkStartup(b *testing.B, args ...string) {
	data, err := json.Marshal(args)
	if err != nil {
		b.Fatal(err)
	}
	env := append(os.Environ(), childArgsEnv+"="+string(data))
	var cpu time.Duration
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = env
		if err := cmd.Run(); err != nil {
			if _, ok := err.(*exec.ExitError); !ok {
				b.Fatal(err)
			}
		}
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// BenchmarkStartupVersion is `coordc version` (target: ≤ 5 ms of CPU).
func BenchmarkStartupVersion(b *testing.B) { benchmarkStartup(b, "version") }

// BenchmarkStartupLintOneFile is `coordc lint` of one corpus coordinator
// (target: ≤ 5 ms of CPU).
func BenchmarkStartupLintOneFile(b *testing.B) {
	dir, err := corpus.Dir()
	if err != nil {
		b.Skip(err)
	}
	benchmarkStartup(b, "lint", filepath.Join(dir, "AadilShaik24__big-data-project", "oozie__coord__coordinator.xml"))
}

// BenchmarkStartupLintCorpus is `coordc lint` of the whole shared corpus in
// one invocation (target: ≤ 150 ms).
func BenchmarkStartupLintCorpus(b *testing.B) {
	dir, err := corpus.Dir()
	if err != nil {
		b.Skip(err)
	}
	benchmarkStartup(b, "lint", dir)
}

// BenchmarkLintCommandCorpus is `coordc lint` of the whole shared corpus in
// process (discovery, job properties, loading, rules and the text report),
// without the start-up cost; profile it with -cpuprofile.
func BenchmarkLintCommandCorpus(b *testing.B) {
	dir, err := corpus.Dir()
	if err != nil {
		b.Skip(err)
	}
	for b.Loop() {
		run([]string{"coordc", "lint", dir}, strings.NewReader(""), io.Discard, io.Discard)
	}
}
