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
