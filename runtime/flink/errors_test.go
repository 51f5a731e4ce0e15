package flink

import (
	"errors"
	"fmt"
	"testing"
)

func TestAPIErrorText(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		want   string
	}{
		{"handler error", 400, `{"errors":["org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute application.\n\tat x\nCaused by: y"]}`,
			"flink: POST /jars/j/run: 400 Bad Request: org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute application."},
		{"internal error", 500, `{"errors":["Internal server error.","<Exception on server side:\norg.apache.flink.runtime.messages.FlinkJobNotFoundException: Could not find Flink job (x)\n\tat y\nEnd of exception on server side>"]}`,
			"flink: POST /jars/j/run: 500 Internal Server Error: Internal server error.: org.apache.flink.runtime.messages.FlinkJobNotFoundException: Could not find Flink job (x)"},
		{"router 404", 404, `{"errors":["Not found: /nope"]}`, "flink: POST /jars/j/run: 404 Not Found: Not found: /nope"},
		{"not json", 502, "<html>bad gateway</html>", "flink: POST /jars/j/run: 502 Bad Gateway: <html>bad gateway</html>"},
		{"empty", 503, "", "flink: POST /jars/j/run: 503 Service Unavailable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := newAPIError("POST", "/jars/j/run", tt.status, []byte(tt.body)).Error(); got != tt.want {
				t.Errorf("Error() = %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestErrorClassification(t *testing.T) {
	notFound500 := newAPIError("GET", "/jobs/x/status", 500, []byte(`{"errors":["Internal server error.","<Exception on server side:\norg.apache.flink.runtime.messages.FlinkJobNotFoundException: Could not find Flink job (x)"]}`))
	other500 := newAPIError("GET", "/jobs/x/status", 500, []byte(`{"errors":["Internal server error.","<Exception on server side:\njava.util.concurrent.TimeoutException"]}`))
	dup := newAPIError("POST", "/jars/j/run", 400, []byte(`{"errors":["RestHandlerException: Could not execute application.\nCaused by: org.apache.flink.runtime.client.DuplicateJobSubmissionException: Job has already been submitted."]}`))
	jarGone := newAPIError("POST", "/jars/j/run", 400, []byte(`{"errors":["RestHandlerException: Jar file /tmp/x/j does not exist"]}`))
	tests := []struct {
		err                           error
		notFound, duplicate, jar, try bool
	}{
		{notFound500, true, false, false, false},
		{other500, false, false, false, true},
		{newAPIError("GET", "/jobs/x", 404, nil), true, false, false, false},
		{dup, false, true, false, false},
		{fmt.Errorf("wrapped: %w", dup), false, true, false, false},
		{jarGone, false, false, true, false},
		{&TransportError{Method: "GET", Path: "/x", Err: errors.New("reset")}, false, false, false, true},
		{errors.New("plain"), false, false, false, false},
	}
	for i, tt := range tests {
		got := [4]bool{isJobNotFound(tt.err), IsDuplicateSubmission(tt.err), isJarMissing(tt.err), retryIdempotent.allows(tt.err)}
		want := [4]bool{tt.notFound, tt.duplicate, tt.jar, tt.try}
		if got != want {
			t.Errorf("case %d (%v): notFound/duplicate/jarMissing/retry = %v, want %v", i, tt.err, got, want)
		}
	}
}

func TestNewRejectsBadBaseURLs(t *testing.T) {
	for _, u := range []string{"", "jm:8081", "ftp://jm", "http://", "://x"} {
		if _, err := New(Config{BaseURL: u}); err == nil {
			t.Errorf("New(%q) succeeded, want an error", u)
		}
	}
	c, err := New(Config{BaseURL: "https://proxy/flink/"})
	if err != nil || c.base.String() != "https://proxy/flink" {
		t.Errorf("New(https://proxy/flink/) = %v, %v; want the prefix kept without the slash", c, err)
	}
}
