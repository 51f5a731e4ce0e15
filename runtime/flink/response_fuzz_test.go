package flink

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// replyTransport answers every request with one status and body, as a
// hostile or broken JobManager would.
type replyTransport struct {
	status int
	body   []byte
}

func (r replyTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	return &http.Response{StatusCode: r.status, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewReader(r.body)), Request: req}, nil
}

// noWait is a Clock whose sleeps return at once, advancing its time.
type noWait struct{ now time.Time }

func (w *noWait) Now() time.Time { return w.now }
func (w *noWait) Sleep(ctx context.Context, d time.Duration) error {
	w.now = w.now.Add(d)
	return ctx.Err()
}

// FuzzResponses feeds an arbitrary answer (status and body) to every
// operation of the client, that is to every response parser: none may
// panic or hang, and a failure is an error, never a zero value taken for
// success.
func FuzzResponses(f *testing.F) {
	for _, s := range []struct {
		status int
		body   string
	}{
		{200, `{"state":"RUNNING"}`}, {200, `{"status":"FINISHED"}`}, {200, `{"status":"RUNNING"}`}, {200, `{"flink-version":"1.20.0","taskmanagers":1}`},
		{200, `{"files":[{"id":"abc_job.jar","name":"job.jar"}]}`}, {200, `{"filename":"/tmp/x/abc_job.jar","status":"success"}`},
		{200, `{"jobid":"00000000000000000000000000000001"}`}, {202, `{"request-id":"00000000000000000000000000000002"}`},
		{200, `{"status":{"id":"COMPLETED"},"operation":{"location":"file:/sp/1"}}`},
		{200, `{"status":{"id":"COMPLETED"},"operation":{"failure-cause":{"stack-trace":"x"}}}`},
		{200, `{"exceptionHistory":{"entries":[{"exceptionName":"E","stacktrace":"s","timestamp":1}],"truncated":false}}`},
		{500, `{"errors":["Internal server error.","<Exception on server side:\norg.apache.flink.runtime.messages.FlinkJobNotFoundException: x"]}`},
		{400, `{"errors":["Could not execute application.","DuplicateJobSubmissionException"]}`},
		{200, ``}, {200, `null`}, {200, `[]`}, {200, `{"files":null}`}, {204, ``}, {503, `not json`},
		{200, strings.Repeat(`{"a":`, 10000)},
	} {
		f.Add(s.status, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 100 || status > 999 {
			status = 200
		}
		c, err := New(Config{BaseURL: "http://jm:8081", HTTPClient: &http.Client{Transport: replyTransport{status, body}},
			Retry: RetryPolicy{MaxAttempts: 1}, Clock: &noWait{}, RequestTimeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		const job, trigger = "00000000000000000000000000000001", "00000000000000000000000000000002"
		c.Overview(ctx)
		c.ListJars(ctx)
		c.DeleteJar(ctx, "abc_job.jar")
		c.UploadJar(ctx, Jar{Name: "job.jar", Content: []byte("PK")})
		c.EnsureJar(ctx, Jar{Name: "job.jar", Content: []byte("PK")})
		c.Run(ctx, "abc_job.jar", RunRequest{JobID: job})
		c.Submit(ctx, Jar{Name: "job.jar", Content: []byte("PK")}, RunRequest{JobID: job})
		if st, err := c.Status(ctx, job); err == nil && st == "" {
			t.Errorf("Status answered an empty state without an error for %d %q", status, body)
		}
		c.Exceptions(ctx, job, 5)
		c.StopWithSavepoint(ctx, job, StopRequest{TriggerID: trigger})
		c.SavepointStatus(ctx, job, trigger)
		c.Cancel(ctx, job)
		c.Wait(ctx, job, WaitOptions{Interval: time.Millisecond, Timeout: time.Millisecond, MaxErrors: 1})
		c.WaitSavepoint(ctx, job, trigger, WaitOptions{Interval: time.Millisecond, Timeout: time.Millisecond, MaxErrors: 1})
		if ctx.Err() != nil {
			t.Fatalf("the operations did not end within 10s for %d %q", status, body)
		}
	})
}
