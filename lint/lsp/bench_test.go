package lsp

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// bigCoordinator is a 500-line daily coordinator in a DST zone: 32
// datasets, 32 data-ins, 32 data-outs and a long configuration, with a few
// lint findings.
func bigCoordinator() string {
	var b strings.Builder
	b.WriteString(`<!-- The LSP benchmark: a 500-line coordinator. -->
<coordinator-app name="big" frequency="1440" start="2024-01-01T08:00Z" end="2025-01-01T08:00Z" timezone="America/Los_Angeles" xmlns="uri:oozie:coordinator:0.4">
  <controls>
    <timeout>-1</timeout>
    <concurrency>2</concurrency>
  </controls>
  <datasets>
`)
	const n = 32
	for i := range n {
		fmt.Fprintf(&b, `    <dataset name="ds%d" frequency="${coord:hours(1)}" initial-instance="2023-01-01T08:00Z" timezone="America/Los_Angeles">
      <uri-template>hdfs://nn/data/ds%d/${YEAR}/${MONTH}/${DAY}/${HOUR}</uri-template>
      <done-flag>_DONE</done-flag>
    </dataset>
`, i, i)
	}
	b.WriteString("  </datasets>\n  <input-events>\n")
	for i := range n {
		fmt.Fprintf(&b, `    <data-in name="in%d" dataset="ds%d">
      <start-instance>${coord:current(-24)}</start-instance>
      <end-instance>${coord:current(-1)}</end-instance>
    </data-in>
`, i, i)
	}
	b.WriteString("  </input-events>\n  <output-events>\n")
	for i := range n {
		fmt.Fprintf(&b, `    <data-out name="out%d" dataset="ds%d">
      <instance>${coord:current(0)}</instance>
    </data-out>
`, i, i)
	}
	b.WriteString("  </output-events>\n  <action>\n    <workflow>\n      <app-path>hdfs://nn/apps/big</app-path>\n      <configuration>\n")
	for i := range n {
		fmt.Fprintf(&b, `        <property>
          <name>in%d</name>
          <value>${coord:dataIn('in%d')}</value>
        </property>
`, i, i)
	}
	b.WriteString("      </configuration>\n    </workflow>\n  </action>\n</coordinator-app>\n")
	return b.String()
}

func TestBigCoordinatorSize(t *testing.T) {
	if n := strings.Count(bigCoordinator(), "\n"); n != 500 {
		t.Fatalf("the benchmark coordinator has %d lines, want 500", n)
	}
}

// BenchmarkDiagnosticsAfterChange is the time from a didChange of a
// 500-line coordinator to its publishDiagnostics, over the pipe: the whole
// load and lint of the new text, without and with the default debounce.
func BenchmarkDiagnosticsAfterChange(b *testing.B) {
	for _, debounce := range []time.Duration{0, DefaultDebounce} {
		b.Run(fmt.Sprintf("debounce=%s", debounce), func(b *testing.B) {
			src := bigCoordinator()
			dir := writeFiles(b, map[string]string{"big.xml": src})
			c := newClient(b, Options{Debounce: debounce})
			uri := c.open(filepath.Join(dir, "big.xml"))
			first := c.diagnostics(uri, 1)
			if len(first) == 0 {
				b.Fatal("no findings in the benchmark coordinator")
			}
			b.ResetTimer()
			cpu0 := cpuSeconds()
			for i := range b.N {
				v := int32(i + 2)
				// Alternate between two texts so every change is real.
				text := src
				if i%2 == 0 {
					text = strings.Replace(src, `<concurrency>2</concurrency>`, `<concurrency>3</concurrency>`, 1)
				}
				c.change(uri, v, text)
				if ds := c.diagnostics(uri, v); len(ds) != len(first) {
					b.Fatalf("version %d: %d diagnostics, want %d", v, len(ds), len(first))
				}
			}
			// The CPU time is what the figure is on an idle machine; the
			// wall time includes waiting for a core on a busy one.
			b.ReportMetric((cpuSeconds()-cpu0)*1000/float64(b.N), "cpu-ms/op")
		})
	}
}

// BenchmarkAnalyze is the load and lint of the 500-line coordinator alone,
// without the protocol.
func BenchmarkAnalyze(b *testing.B) {
	src := bigCoordinator()
	dir := writeFiles(b, map[string]string{"big.xml": src})
	path := filepath.Join(dir, "big.xml")
	overlay := map[string][]byte{path: []byte(src)}
	for b.Loop() {
		if a := analyze(path, overlay); len(a.diagnostics()) == 0 {
			b.Fatal("no findings")
		}
	}
}
