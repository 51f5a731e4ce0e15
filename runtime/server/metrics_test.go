package server

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestMetricsNamed: every metric issue 14 names is exported — actions by
// status, materialization lag, input-wait time, launch latency, tick
// duration, leases held, HTTP requests — and the leases count the started
// actions of each scheduler.
func TestMetricsNamed(t *testing.T) {
	f := newFixture(t, "")
	id := f.seed(t, "alpha", 4)
	own := func(n, owner, status string) {
		t.Helper()
		if _, err := f.st.DB().Exec(`UPDATE coord_actions SET status = ?, owner = ? WHERE id = ?`, status, owner, id+"@"+n); err != nil {
			t.Fatal(err)
		}
	}
	own("1", "hostA:10:1", "RUNNING")
	own("2", "hostA:10:1", "SUBMITTED")
	own("3", "hostB:20:2", "RUNNING")
	own("4", "hostB:20:2", "SUCCEEDED") // finished: no lease
	f.srv.metrics.Tick(context.Background(), 20*time.Millisecond)
	f.call(t, "GET", "/oozie/v2/jobs?jobtype=coordinator", "")
	_, _, body := f.call(t, "GET", "/metrics", "")
	for _, want := range []string{
		`coordc_actions{status="RUNNING"} 2`,
		"coordc_materialization_lag_seconds ",
		"coordc_input_wait_seconds ",
		"coordc_action_launch_latency_seconds_count 2",
		"coordc_tick_duration_seconds_count 1",
		`coordc_leases_held{scheduler="hostA:10:1"} 2`,
		`coordc_leases_held{scheduler="hostB:20:2"} 1`,
		`coordc_http_requests_total{code="200",method="GET",route="GET /oozie/v2/jobs"} 1`,
		"coordc_http_request_duration_seconds_bucket",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q\n%s", want, grep(body, "coordc_"))
		}
	}
}

// grep keeps the lines of s that contain sub.
func grep(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestMetricsExposition: /metrics is Prometheus' text format: each of
// coordc's families once, with its HELP text and TYPE before its samples,
// then the Go runtime's and the process's metrics.
func TestMetricsExposition(t *testing.T) {
	f := newFixture(t, "")
	f.seed(t, "alpha", 2)
	f.srv.metrics.Tick(context.Background(), 5*time.Millisecond)
	f.call(t, "GET", "/healthz", "")
	_, hdr, body := f.call(t, "GET", "/metrics", "")
	if ct := hdr.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain; version=0.0.4") {
		t.Errorf("Content-Type %q", ct)
	}
	typed := map[string]string{}
	for _, l := range strings.Split(body, "\n") {
		if f, ok := strings.CutPrefix(l, "# TYPE "); ok {
			name, typ, _ := strings.Cut(f, " ")
			if _, dup := typed[name]; dup {
				t.Errorf("family %s typed twice", name)
			}
			typed[name] = typ
		}
	}
	for name, typ := range map[string]string{
		"coordc_actions":                       "gauge",
		"coordc_http_requests_total":           "counter",
		"coordc_http_request_duration_seconds": "histogram",
		"coordc_tick_duration_seconds":         "histogram",
		"coordc_state_up":                      "gauge",
	} {
		if typed[name] != typ {
			t.Errorf("TYPE of %s = %q, want %q", name, typed[name], typ)
		}
	}
	for _, want := range []string{
		"# HELP coordc_jobs Coordinator jobs by status.\n# TYPE coordc_jobs gauge\ncoordc_jobs{",
		`coordc_http_requests_total{code="200",method="GET",route="GET /healthz"} 1`,
		"coordc_state_up 1\n",
		"\ngo_goroutines ",
		"\nprocess_cpu_seconds_total ",
		"\nprocess_resident_memory_bytes ",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

// TestLabelValue: label values are escaped as the text format requires.
func TestLabelValue(t *testing.T) {
	if got, want := labelValue("a\\b\"c\nd"), `"a\\b\"c\nd"`; got != want {
		t.Errorf("labelValue = %s, want %s", got, want)
	}
}
