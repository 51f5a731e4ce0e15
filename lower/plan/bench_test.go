package plan

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/lower/schedule"
)

// synth is a synthetic action stream: n actions every step from start, each
// with one 12-URI input, one output and two configuration properties. It
// reuses one Action and a precomputed URI pool so that generating costs
// little next to rendering, and the same for Write and the fmt baseline.
type synth struct {
	n     int
	step  time.Duration
	start time.Time
	loc   *time.Location
	uris  []string
	width int       // URIs per input
	probe func(int) // called every probeEvery actions, when set
}

const probeEvery = 250_000

func newSynth(t testing.TB, n int, step time.Duration, width int) *synth {
	s := &synth{n: n, step: step, start: utc("2016-01-01T08:00Z"), loc: zone(t, "America/Los_Angeles"), width: width}
	for i := range 1024 + width {
		s.uris = append(s.uris, "hdfs://namenode:8020/data/logs/part-"+strconv.Itoa(100000+i))
	}
	return s
}

func (s *synth) each(yield func(*schedule.Action) bool) hcl.Diagnostics {
	a := schedule.Action{
		Inputs:        []schedule.Event{{Name: "logs"}},
		Outputs:       []schedule.Event{{Name: "out", URIs: make([]string, 1)}},
		Configuration: []schedule.Property{{Name: "mode", Value: "full"}, {Name: "queue", Value: "default"}},
	}
	for i := range s.n {
		if s.probe != nil && i%probeEvery == 0 {
			s.probe(i)
		}
		a.Number = i + 1
		a.Nominal = s.start.Add(time.Duration(i) * s.step)
		a.Local = a.Nominal.In(s.loc)
		k := i % 1024
		a.Inputs[0].URIs = s.uris[k : k+s.width]
		a.Outputs[0].URIs[0] = s.uris[k]
		if !yield(&a) {
			break
		}
	}
	return nil
}

func (s *synth) job() []Job {
	return []Job{{Name: "bench", Timezone: "America/Los_Angeles", Frequency: "5", Start: s.start, End: s.start.Add(time.Duration(s.n) * s.step), Each: s.each}}
}

// fmtBaseline is the minimal program Write's JSON is measured against: the
// same document printed with fmt and a bufio.Writer, with no escaping beyond
// %q (enough for the ASCII synthetic data), no sorting and no checks.
func fmtBaseline(w io.Writer, s *synth) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintf(bw, "{\n  \"coordinators\": [\n    {\n      \"actions\": [")
	n := 0
	s.each(func(a *schedule.Action) bool {
		sep := ","
		if n == 0 {
			sep = ""
		}
		n++
		nominal := a.Nominal.UTC().Format("2006-01-02T15:04Z")
		fmt.Fprintf(bw, "%s\n        {\n          \"configuration\": {\n            %q: %q,\n            %q: %q\n          },\n"+
			"          \"flags\": [],\n          \"id\": \"bench@%s\",\n          \"inputs\": {\n            %q: [",
			sep, a.Configuration[0].Name, a.Configuration[0].Value, a.Configuration[1].Name, a.Configuration[1].Value,
			nominal, a.Inputs[0].Name)
		for i, u := range a.Inputs[0].URIs {
			if i > 0 {
				fmt.Fprint(bw, ",")
			}
			fmt.Fprintf(bw, "\n              %q", u)
		}
		fmt.Fprintf(bw, "\n            ]\n          },\n          \"nominal_local\": %q,\n          \"nominal_time\": %q,\n"+
			"          \"number\": %d,\n          \"outputs\": {\n            %q: [\n              %q\n            ]\n          },\n"+
			"          \"unresolved\": {}\n        }",
			a.Local.Format("2006-01-02T15:04-07:00"), nominal, a.Number, a.Outputs[0].Name, a.Outputs[0].URIs[0])
		return true
	})
	fmt.Fprintf(bw, "\n      ],\n      \"end\": %q,\n      \"frequency\": \"5\",\n      \"frequency_description\": \"\",\n"+
		"      \"name\": \"bench\",\n      \"start\": %q,\n      \"timezone\": \"America/Los_Angeles\"\n    }\n  ],\n"+
		"  \"format_version\": \"1\",\n  \"summary\": {\n    \"actions\": %d,\n    \"coordinators\": 1,\n    \"dst_days\": 0,\n"+
		"    \"unresolved\": 0\n  },\n  \"tzdata_version\": \"2025c\"\n}\n",
		s.start.Add(time.Duration(s.n)*s.step).UTC().Format("2006-01-02T15:04Z"), s.start.UTC().Format("2006-01-02T15:04Z"), n)
	return bw.Flush()
}

// TestFmtBaselineMatches keeps the benchmark comparison honest: the baseline
// prints exactly the bytes Write prints.
func TestFmtBaselineMatches(t *testing.T) {
	s := newSynth(t, 300, 5*time.Minute, 12)
	var want bytes.Buffer
	if err := fmtBaseline(&want, s); err != nil {
		t.Fatal(err)
	}
	got, _ := render(t, s.job(), Options{Format: FormatJSON, TZDataVersion: "2025c"})
	if !bytes.Equal(want.Bytes(), got) {
		t.Errorf("baseline and Write differ:\n%s\n----\n%s", want.Bytes()[:600], got[:600])
	}
}

const benchActions = 200_000

func BenchmarkWriteJSON(b *testing.B) {
	s := newSynth(b, benchActions, 5*time.Minute, 12)
	var cw countWriter
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := Write(&cw, s.job(), Options{Format: FormatJSON, TZDataVersion: "2025c"}); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
	b.SetBytes(cw.n / int64(b.N))
}

func BenchmarkFmtBaseline(b *testing.B) {
	s := newSynth(b, benchActions, 5*time.Minute, 12)
	var cw countWriter
	b.ReportAllocs()
	for b.Loop() {
		if err := fmtBaseline(&cw, s); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(cw.n / int64(b.N))
}

func BenchmarkWriteText(b *testing.B) {
	s := newSynth(b, benchActions, 5*time.Minute, 12)
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := Write(io.Discard, s.job(), Options{Format: FormatText}); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}

// countWriter discards what it is given and counts the bytes.
type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// TestWriteMemoryBounded renders ten years of one-minute actions (5.26
// million) and checks that the heap stays small: Write streams.
func TestWriteMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("renders 5 million actions; skipped with -short")
	}
	start := utc("2016-01-01T00:00Z")
	n := int(start.AddDate(10, 0, 0).Sub(start) / time.Minute)
	s := newSynth(t, n, time.Minute, 1)
	var peak uint64
	var ms runtime.MemStats
	s.probe = func(int) {
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapInuse)
	}
	var cw countWriter
	sum, diags := Write(&cw, s.job(), Options{Format: FormatJSON})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if sum.Actions != n {
		t.Fatalf("rendered %d actions, want %d", sum.Actions, n)
	}
	const bound = 64 << 20
	t.Logf("%d actions, %d MB of JSON, peak HeapInuse %.1f MB", n, cw.n>>20, float64(peak)/(1<<20))
	if peak > bound {
		t.Errorf("peak HeapInuse %d bytes, want < %d", peak, bound)
	}
}

// BenchmarkWriteHTML renders the JSON benchmark's stream as the timeline
// page: it must stay within twice BenchmarkWriteJSON.
func BenchmarkWriteHTML(b *testing.B) {
	s := newSynth(b, benchActions, 5*time.Minute, 12)
	var cw countWriter
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := Write(&cw, s.job(), Options{Format: FormatHTML, TZDataVersion: "2025c"}); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
	b.SetBytes(cw.n / int64(b.N))
}

// BenchmarkWriteSVG renders the same stream as the picture (per-day bins).
func BenchmarkWriteSVG(b *testing.B) {
	s := newSynth(b, benchActions, 5*time.Minute, 12)
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := Write(io.Discard, s.job(), Options{Format: FormatSVG}); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}
