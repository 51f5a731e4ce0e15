// Command fmtbaseline is the yardstick for coordc plan's speed: a minimal Go
// program that only formats the plan JSON of ../five-minute.xml with fmt and
// a buffered writer, with every value precomputed by simple time arithmetic
// (no parsing, no EL, no calendar). Its output is byte-identical to
// `coordc plan -o json ../five-minute.xml`.
//
//	go run ./testdata/bench/fmtbaseline > /tmp/baseline.json
package main

import (
	"bufio"
	"fmt"
	"os"
	"time"
)

func main() {
	w := bufio.NewWriterSize(os.Stdout, 64<<10)
	defer w.Flush()
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	const n, step = 200000, 5 * time.Minute
	uri := func(root string, t time.Time) string {
		return fmt.Sprintf("hdfs://nn:8020/%s/%04d/%02d/%02d/%02d/%02d", root, t.Year(), int(t.Month()), t.Day(), t.Hour(), t.Minute())
	}
	fmt.Fprint(w, "{\n  \"coordinators\": [\n    {\n      \"actions\": [\n")
	for i := 0; i < n; i++ {
		nt := start.Add(time.Duration(i) * step)
		ts := nt.Format("2006-01-02T15:04Z")
		fmt.Fprintf(w, "        {\n          \"configuration\": {},\n          \"flags\": [],\n          \"id\": \"five-minute@%s\",\n          \"inputs\": {\n            \"events\": [\n", ts)
		for k := 0; k < 12; k++ {
			sep := ","
			if k == 11 {
				sep = ""
			}
			fmt.Fprintf(w, "              %q%s\n", uri("events", nt.Add(-time.Duration(k)*step)), sep)
		}
		fmt.Fprintf(w, "            ]\n          },\n          \"nominal_local\": \"%s+00:00\",\n          \"nominal_time\": \"%s\",\n          \"number\": %d,\n", ts[:16], ts, i+1)
		fmt.Fprintf(w, "          \"outputs\": {\n            \"rollup\": [\n              %q\n            ]\n          },\n          \"unresolved\": {}\n        }", uri("rollup", nt))
		if i < n-1 {
			fmt.Fprint(w, ",")
		}
		fmt.Fprint(w, "\n")
	}
	fmt.Fprint(w, "      ],\n      \"end\": \"2021-11-25T10:40Z\",\n      \"frequency\": \"coord:minutes(5)\",\n      \"frequency_description\": \"every 5 minutes (absolute time)\",\n      \"name\": \"five-minute\",\n      \"start\": \"2020-01-01T00:00Z\",\n      \"timezone\": \"UTC\"\n    }\n  ],\n")
	fmt.Fprintf(w, "  \"format_version\": \"1\",\n  \"summary\": {\n    \"actions\": %d,\n    \"coordinators\": 1,\n    \"dst_days\": 0,\n    \"unresolved\": 0\n  },\n  \"tzdata_version\": \"2025c\"\n}\n", n)
}
