package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const (
	bundleExample   = "../../testdata/examples/bundle/bundle.xml"
	pipelineProps   = "../../testdata/examples/pipeline/job.properties"
	pipelineStage1  = "../../testdata/examples/pipeline/sessionize.xml"
	pipelineStage2  = "../../testdata/examples/pipeline/weekly-report.xml"
	readmePicture   = "../../testdata/examples/bundle/plan.svg"
	fiveMinuteBench = "../../testdata/bench/five-minute.xml"
)

// readmePictureArgs draw the README's picture: the bundle example (two
// lanes, the spring-forward day shaded, the 23-hour window).
var readmePictureArgs = []string{"plan", "-o", "svg", "--properties", exampleProps, bundleExample}

// coordcInZone runs coordc in a child process whose TZ is tz (the host
// zone is read once per process, so an in-process run cannot vary it).
func coordcInZone(t *testing.T, tz string, args ...string) string {
	t.Helper()
	data, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childArgsEnv+"="+string(data), "TZ="+tz)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("TZ=%s coordc %s: %v\n%s", tz, strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}

// TestPlanPicturesGolden checks the html, svg and markdown outputs of the
// example against their goldens, and that they are the same bytes in
// several host time zones (each run in its own process).
func TestPlanPicturesGolden(t *testing.T) {
	for _, format := range []string{"html", "svg"} {
		t.Run(format, func(t *testing.T) {
			args := []string{"plan", "--properties", exampleProps, "-o", format, example}
			stdout, stderr, code := coordc(t, args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			golden(t, "plan-example."+format, stdout)
			for _, tz := range []string{"UTC", "Asia/Kathmandu", "America/Los_Angeles", "Australia/Lord_Howe"} {
				if got := coordcInZone(t, tz, args...); got != stdout {
					t.Errorf("TZ=%s: output differs from the in-process run:\n%s", tz, cmp.Diff(stdout, got))
				}
			}
		})
	}
}

// TestPlanPicturesSelfContained checks that the page and the picture load
// nothing: no src/href attributes, no url(), no @import, no fetch.
func TestPlanPicturesSelfContained(t *testing.T) {
	for _, format := range []string{"html", "svg"} {
		stdout, stderr, code := coordc(t, "plan", "--properties", exampleProps, "-o", format, example)
		if code != exitOK {
			t.Fatalf("-o %s: exit %d: %s", format, code, stderr)
		}
		for _, bad := range []string{" src=", " href=", "@import", "fetch(", "XMLHttpRequest", "<link", "<img", "<iframe"} {
			if strings.Contains(stdout, bad) {
				t.Errorf("-o %s contains %q: the output must be self-contained", format, bad)
			}
		}
		// url() may only name an element of the page itself (url(#id)).
		for rest := stdout; ; {
			_, after, found := strings.Cut(rest, "url(")
			if !found {
				break
			}
			if !strings.HasPrefix(strings.TrimLeft(after, `'"`), "#") {
				t.Errorf("-o %s refers to an external url(%.40s", format, after)
			}
			rest = after
		}
	}
}

// TestReadmePicture regenerates the README's picture and fails when the
// committed file is stale (go test ./cmd/coordc -run ReadmePicture -update
// rewrites it).
func TestReadmePicture(t *testing.T) {
	stdout, stderr, code := coordc(t, readmePictureArgs...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if *update {
		if err := os.WriteFile(readmePicture, []byte(stdout), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(readmePicture)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != stdout {
		t.Errorf("%s is stale; regenerate it with go test ./cmd/coordc -run ReadmePicture -update\n%s", readmePicture, cmp.Diff(string(want), stdout))
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if rel := strings.TrimPrefix(filepath.ToSlash(readmePicture), "../../"); !strings.Contains(string(readme), "("+rel+")") {
		t.Errorf("README.md does not show %s", rel)
	}
}

// TestPlanPicturesDiff draws a diff: the snapshot has a shorter schedule
// and another warehouse, so the new plan adds and changes actions.
func TestPlanPicturesDiff(t *testing.T) {
	snap := filepath.Join(t.TempDir(), "plan.json")
	if _, stderr, code := coordc(t, "plan", "--properties", exampleProps, "-D", "end=2009-03-12T07:00Z", "-D", "warehouse=hdfs://old:8020/wh", "--out", snap, example); code != exitOK {
		t.Fatalf("snapshot: exit %d: %s", code, stderr)
	}
	for _, format := range []string{"html", "svg"} {
		stdout, stderr, code := coordc(t, "plan", "--properties", exampleProps, "-o", format, "--against", snap, "--detailed-exitcode", example)
		if code != exitChanges {
			t.Fatalf("-o %s --against: exit %d, want %d: %s", format, code, exitChanges, stderr)
		}
		for _, want := range []string{"Changes: 3 added, 0 removed, 0 shifted, 11 changed", "diff-added", "diff-changed"} {
			if format == "html" && strings.HasPrefix(want, "Changes") {
				want = `"changes":{"added":3,"removed":0,"shifted":0,"changed":11}`
			}
			if !strings.Contains(stdout, want) {
				t.Errorf("-o %s --against: no %q in the output", format, want)
			}
		}
	}
}

// TestPlanHTMLFlatMemory writes the 200,000-action benchmark plan as HTML
// and checks that the heap stays small: the page is streamed.
func TestPlanHTMLFlatMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("long: plans 200,000 actions")
	}
	for _, format := range []string{"html", "svg"} {
		h := &heapWatcher{}
		stop := sampleHeap()
		code := run([]string{"coordc", "plan", "-o", format, fiveMinuteBench}, nil, h, io.Discard)
		p := max(stop(), h.peak)
		if code != exitOK {
			t.Fatalf("-o %s: exit %d", format, code)
		}
		const limit = 32 << 20
		t.Logf("-o %s: wrote %d MB, peak heap in use %.1f MB", format, h.written>>20, float64(p)/(1<<20))
		if p > limit {
			t.Errorf("-o %s: peak heap %d bytes, want at most %d: the timeline must stream", format, p, limit)
		}
	}
}

// sampleHeap samples the heap in use every 5 ms until stop is called;
// stop returns the largest sample.
func sampleHeap() (stop func() uint64) {
	done := make(chan struct{})
	result := make(chan uint64)
	go func() {
		var peak uint64
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-done:
				result <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 { close(done); return <-result }
}

// BenchmarkPlanFiveMinuteHTML is -o html on the JSON yardstick (compare
// with BenchmarkPlanFiveMinuteJSON: the page must take at most twice as long).
func BenchmarkPlanFiveMinuteHTML(b *testing.B) {
	for b.Loop() {
		if code := run([]string{"coordc", "plan", "-o", "html", fiveMinuteBench}, nil, io.Discard, io.Discard); code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkPlanFiveMinuteSVG is -o svg on the same plan.
func BenchmarkPlanFiveMinuteSVG(b *testing.B) {
	for b.Loop() {
		if code := run([]string{"coordc", "plan", "-o", "svg", fiveMinuteBench}, nil, io.Discard, io.Discard); code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
}
