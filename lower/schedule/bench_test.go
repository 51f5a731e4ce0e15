package schedule

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler/ir"
)

const benchActions = 200_000

// benchCoord is the plan command's reference shape: five-minute actions with
// a 12-instance input window on a five-minute dataset, and one output.
func benchCoord(b *testing.B) *ir.Coordinator {
	c := coordinator(b, "2020-01-01T00:00Z", "2030-01-01T00:00Z", "America/Los_Angeles", frequency(b, "${coord:minutes(5)}", "", ""))
	d := mkDataset(b, "events", dsSpec{Frequency: 5.0, TimeUnit: "MINUTE", InitialInstance: "2019-01-01T00:00Z", Timezone: "America/Los_Angeles",
		URITemplate: "hdfs://nn:8020/data/events/${YEAR}/${MONTH}/${DAY}/${HOUR}/${MINUTE}"})
	c.Inputs = []*ir.DataIn{rangeIn(b, "input", d, "${coord:current(-11)}", "${coord:current(0)}")}
	c.Outputs = []*ir.DataOut{{Name: "output", Dataset: d, Instance: text(b, "${coord:current(0)}")}}
	return c
}

// BenchmarkWalk materializes 200,000 actions per iteration.
func BenchmarkWalk(b *testing.B) {
	c := benchCoord(b)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		n := 0
		Walk(c, Options{Count: benchActions}, func(a *Action) bool {
			n += len(a.Inputs[0].URIs)
			return true
		})
		if n != 12*benchActions {
			b.Fatalf("%d URIs", n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchActions), "ns/action")
}

// BenchmarkFmtBaseline is the "bare fmt loop" the plan target compares
// with: formatting the same 13 URIs per action with fmt.
func BenchmarkFmtBaseline(b *testing.B) {
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for range b.N {
		for i := range benchActions {
			nt := start.Add(time.Duration(i) * 5 * time.Minute)
			for k := range 13 {
				t := nt.Add(-time.Duration(k%12) * 5 * time.Minute)
				fmt.Fprintf(io.Discard, "hdfs://nn:8020/data/events/%d/%02d/%02d/%02d/%02d", t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute())
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchActions), "ns/action")
}

func BenchmarkNominals(b *testing.B) {
	for _, tc := range []struct{ name, freq string }{
		{"daily", "${coord:days(1)}"},
		{"monthly", "${coord:months(1)}"},
		{"cron", "10 23 * * *"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			c := coordinator(b, "2000-01-31T23:10Z", "2100-01-01T00:00Z", "America/Los_Angeles", frequency(b, tc.freq, "", ""))
			b.ReportAllocs()
			total := 0
			for range b.N {
				it := Nominals(c)
				for _, ok := it.Next(); ok; _, ok = it.Next() {
					total++
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(total), "ns/nominal")
		})
	}
}
