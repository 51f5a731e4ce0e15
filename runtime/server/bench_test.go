package server

import (
	"io"
	"net/http"
	"testing"
	"time"
)

// fetch GETs path and drains the body, failing on a non-200 answer.
func fetch(b *testing.B, c *http.Client, url string) {
	resp, err := c.Get(url)
	if err != nil {
		b.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		b.Fatalf("%s: %d", url, resp.StatusCode)
	}
}

// BenchmarkJobInfo100k: GET /oozie/v2/job/{id}?show=info with a page of 50
// actions of a 100,000-action job, at its start, middle and (desc) end,
// filtered by status and by nominal time; `coordc status --server`'s
// read (the default page of 1,000 actions, and a filtered page); and a
// console page of 500 actions.
func BenchmarkJobInfo100k(b *testing.B) {
	f := newFixture(b, "")
	id := f.seed(b, "big", 100_000)
	c := f.ts.Client()
	for _, q := range []struct{ name, path string }{
		{"first-page", "/oozie/v2/job/" + id + "?show=info&len=50"},
		{"middle-page", "/oozie/v2/job/" + id + "?show=info&offset=50000&len=50"},
		{"last-page-desc", "/oozie/v2/job/" + id + "?show=info&len=50&order=desc"},
		{"filtered-WAITING", "/oozie/v2/job/" + id + "?show=info&len=50&filter=status%3DWAITING"},
		{"filtered-nominaltime", "/oozie/v2/job/" + id + "?show=info&len=50&filter=nominaltime%3E%3D2012-01-01T00:00Z"},
		{"status-server-default", "/coordc/v1/status?job=" + id},
		{"status-server-desc-filtered", "/coordc/v1/status?job=" + id + "&filter=status%3DWAITING&len=50&order=desc&offset=1000"},
		{"console-500", "/console/job/" + id + "?offset=50000&len=500"},
	} {
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				fetch(b, c, f.ts.URL+q.path)
			}
		})
	}
}

// BenchmarkJobsListing: GET /oozie/v2/jobs?jobtype=coordinator (50 per
// page) over 200 jobs; requests/s is reported.
func BenchmarkJobsListing(b *testing.B) {
	f := newFixture(b, "")
	for i := 0; i < 200; i++ {
		f.seed(b, "job"+time.Duration(i).String(), 1)
	}
	c := f.ts.Client()
	began := time.Now()
	n := 0
	for b.Loop() {
		fetch(b, c, f.ts.URL+"/oozie/v2/jobs?jobtype=coordinator&len=50")
		n++
	}
	b.ReportMetric(float64(n)/time.Since(began).Seconds(), "req/s")
}
