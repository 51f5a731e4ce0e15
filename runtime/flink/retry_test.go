package flink

import (
	"errors"
	"net"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/clock/clocktest"

	"github.com/coordc/coordc/runtime/flink/flinkfake"
	"github.com/google/go-cmp/cmp"
)

func TestRetryDelays(t *testing.T) {
	p := RetryPolicy{MaxAttempts: 6, BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}.withDefaults()
	tests := []struct {
		rnd  float64
		want []time.Duration
	}{
		{0, []time.Duration{50 * time.Millisecond, 100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond, 500 * time.Millisecond}},
		{0.5, []time.Duration{75 * time.Millisecond, 150 * time.Millisecond, 300 * time.Millisecond, 600 * time.Millisecond, 750 * time.Millisecond}},
	}
	for _, tt := range tests {
		var got []time.Duration
		for attempt := 1; attempt <= 5; attempt++ {
			got = append(got, p.delay(attempt, func() float64 { return tt.rnd }))
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("rand %v: delays (-want +got):\n%s", tt.rnd, diff)
		}
	}
}

func TestStatusRetriesTransientFailures(t *testing.T) {
	route := "GET /jobs/:jobid/status"
	backoff := []time.Duration{187500 * time.Microsecond, 375 * time.Millisecond, 750 * time.Millisecond}
	tests := []struct {
		name   string
		fault  flinkfake.Fault
		sleeps []time.Duration
	}{
		{"503 leader election", flinkfake.Fault{Route: route, Status: 503}, backoff},
		// net/http itself re-sends a GET whose reused connection died before
		// any answer, so fewer client-level retries may be needed.
		{"connection reset", flinkfake.Fault{Route: route, Reset: true}, nil},
		{"500 internal", flinkfake.Fault{Route: route, Status: 500}, backoff},
		{"504 gateway", flinkfake.Fault{Route: route, Status: 504}, backoff},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, flinkfake.Options{})
			id := e.submit(t, "C@1")
			e.fake.FailNext(3, tt.fault)
			st, err := e.client.Status(ctxT(t), id)
			job, _ := e.fake.Job(id)
			if err != nil || string(st) != job.State {
				t.Fatalf("Status = %s, %v; want %s after 3 retried failures", st, err, job.State)
			}
			if tt.sleeps != nil {
				if diff := cmp.Diff(tt.sleeps, e.clock.slept()); diff != "" {
					t.Errorf("backoff sleeps (-want +got):\n%s", diff)
				}
			}
			if got := e.fake.Count(route); got != 4 {
				t.Errorf("requests = %d, want 4", got)
			}
		})
	}
}

func TestRetriesAreBounded(t *testing.T) {
	e := newEnv(t, flinkfake.Options{})
	id := e.submit(t, "C@1")
	e.fake.FailNext(10, flinkfake.Fault{Route: "GET /jobs/:jobid/status", Status: 503})
	_, err := e.client.Status(ctxT(t), id)
	var ae *APIError
	if !errors.As(err, &ae) || ae.StatusCode != 503 {
		t.Fatalf("err = %v, want the 503", err)
	}
	if got := e.fake.Count("GET /jobs/:jobid/status"); got != 4 {
		t.Errorf("requests = %d, want MaxAttempts = 4", got)
	}
}

func TestNonRetryableStatusIsNotRetried(t *testing.T) {
	e := newEnv(t, flinkfake.Options{})
	e.fake.FailNext(1, flinkfake.Fault{Route: "GET /overview", Status: 401})
	if _, err := e.client.Overview(ctxT(t)); err == nil {
		t.Fatal("want the 401")
	}
	if got := e.fake.Count("GET /overview"); got != 1 {
		t.Errorf("requests = %d, want 1", got)
	}
}

// TestUploadRetriedOnTransientFailures is the jar-upload bullet of issue
// 11: an upload answered 500 killed every action. Uploads are retried
// after transient failures (a repeat at worst leaves a second copy of the
// jar), and not after an answer that refuses the request.
func TestUploadRetriedOnTransientFailures(t *testing.T) {
	e := newEnv(t, flinkfake.Options{})
	jar := testJar(t, "etl.jar", "com.example.Etl")
	e.fake.FailNext(2, flinkfake.Fault{Route: "POST /jars/upload", Status: 503})
	if _, err := e.client.UploadJar(ctxT(t), jar); err != nil {
		t.Fatalf("upload after two 503s: %v", err)
	}
	e.fake.FailNext(1, flinkfake.Fault{Route: "POST /jars/upload", Lost: true})
	if _, err := e.client.UploadJar(ctxT(t), jar); err != nil {
		t.Fatalf("upload after a lost answer: %v", err)
	}
	e.fake.FailNext(1, flinkfake.Fault{Route: "POST /jars/upload", Status: 500})
	if _, err := e.client.UploadJar(ctxT(t), jar); err != nil {
		t.Fatalf("upload after a 500: %v", err)
	}
	e.fake.FailNext(1, flinkfake.Fault{Route: "POST /jars/upload", Status: 400})
	if _, err := e.client.UploadJar(ctxT(t), jar); err == nil {
		t.Fatal("upload answered 400 succeeded")
	}
	if got := e.fake.Count("POST /jars/upload"); got != 3+2+2+1 {
		t.Errorf("upload requests = %d, want 3 + 2 + 2 + 1", got)
	}
	if _, err := e.client.UploadJar(ctxT(t), Jar{Name: "etl.zip", Content: jar.Content}); err == nil {
		t.Error("upload of a .zip name succeeded, want a local error")
	}
}

func TestConnectionRefusedIsRetriedThenReported(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	clock := &fakeClock{mc: clocktest.New(time.Unix(0, 0))}
	c, err := New(Config{BaseURL: "http://" + addr, Clock: clock, Rand: func() float64 { return 0 }})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.UploadJar(ctxT(t), Jar{Name: "a.jar"})
	var te *TransportError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v, want a *TransportError", err)
	}
	if got := len(clock.slept()); got != 3 {
		t.Errorf("backoff sleeps = %d, want 3 (refused uploads are retried)", got)
	}
}
