package outage

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// TestOncePerOutage is the logging bullet of issue 11: a service that is
// down is logged once per outage, and its recovery is logged.
func TestOncePerOutage(t *testing.T) {
	now := time.Unix(0, 0)
	tr := New(func() time.Time { return now })
	var buf bytes.Buffer
	tr.SetLogger(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}})))
	down := errors.New("connection refused")
	tr.Observe("flink", false, nil)
	for range 100 {
		tr.Observe("flink", true, down)
		now = now.Add(time.Second)
	}
	tr.Observe("webhdfs ns1", true, down)
	tr.Observe("flink", false, errors.New("400 bad request")) // an answer: up
	tr.Observe("flink", false, nil)
	tr.Observe("flink", true, down)
	want := `level=WARN msg="service unreachable; operations that need it wait and retry" service=flink error="connection refused"
level=WARN msg="service unreachable; operations that need it wait and retry" service="webhdfs ns1" error="connection refused"
level=INFO msg="service reachable again" service=flink down_for=1m40s
level=WARN msg="service unreachable; operations that need it wait and retry" service=flink error="connection refused"
`
	if got := buf.String(); got != want {
		t.Errorf("log:\n%s\nwant:\n%s", got, want)
	}
	if d := strings.Join(tr.Down(), ","); d != "flink,webhdfs ns1" && d != "webhdfs ns1,flink" {
		t.Errorf("Down = %s", d)
	}
}
