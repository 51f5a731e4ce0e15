package flink

import (
	"encoding/json"
	"testing"

	"github.com/coordc/coordc/runtime/flink/flinkfake"
)

func TestOverviewVersion(t *testing.T) {
	tests := []struct {
		version      string
		major, minor int
		supported    bool
		parseErr     bool
	}{
		{"2.0.0", 2, 0, true, false},
		{"1.20.1", 1, 20, true, false},
		{"2.1-SNAPSHOT", 2, 1, true, false},
		{"1.19.2", 1, 19, false, false},
		{"0.10.2", 0, 10, false, false},
		{"dev", 0, 0, false, true},
		{"", 0, 0, false, true},
	}
	for _, tt := range tests {
		o := &Overview{FlinkVersion: tt.version}
		major, minor, err := o.Version()
		if (err != nil) != tt.parseErr || major != tt.major || minor != tt.minor {
			t.Errorf("Version(%q) = %d, %d, %v", tt.version, major, minor, err)
		}
		if got := o.Supported() == nil; got != tt.supported {
			t.Errorf("Supported(%q) = %v, want %v", tt.version, got, tt.supported)
		}
	}
}

func TestOverviewFromBothFlavours(t *testing.T) {
	for _, fl := range flavors {
		e := newEnv(t, flinkfake.Options{Flavor: fl})
		e.submit(t, "C@1")
		o, err := e.client.Overview(ctxT(t))
		if err != nil {
			t.Fatal(err)
		}
		if o.FlinkVersion != fl.Version() || o.Supported() != nil || o.JobsRunning != 1 || o.TaskManagers != 1 {
			t.Errorf("%s: overview = %+v", fl, o)
		}
	}
}

func TestExceptionsMessage(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"empty", `{"exceptionHistory":{"entries":[],"truncated":false}}`, ""},
		{"root with cause and task", `{"exceptionHistory":{"entries":[{"exceptionName":"org.apache.flink.runtime.JobException",
			"stacktrace":"org.apache.flink.runtime.JobException: Recovery is suppressed by NoRestartBackoffTimeStrategy\n\tat a\nCaused by: java.io.IOException: x\n\tat b\nCaused by: java.lang.RuntimeException: disk full\n\t... 3 more",
			"taskName":"Sink (2/4)"}]}}`,
			"org.apache.flink.runtime.JobException: Recovery is suppressed by NoRestartBackoffTimeStrategy (caused by java.lang.RuntimeException: disk full) (task Sink (2/4))"},
		{"history newest first", `{"exceptionHistory":{"entries":[{"stacktrace":"B: two"},{"stacktrace":"A: one"}]}}`, "B: two; earlier: A: one"},
		{"long history", `{"exceptionHistory":{"entries":[{"stacktrace":"E5"},{"stacktrace":"E4"},{"stacktrace":"E3"},{"stacktrace":"E2"},{"stacktrace":"E1"}]}}`,
			"E5; earlier: E4; earlier: E3; earlier: E2; more failures not shown"},
		{"truncated", `{"exceptionHistory":{"entries":[{"stacktrace":"E2"}],"truncated":true}}`, "E2; more failures not shown"},
		{"no stacktrace", `{"exceptionHistory":{"entries":[{"exceptionName":"java.lang.Error"}]}}`, "java.lang.Error"},
		{"1.x fallback", `{"root-exception":"java.lang.Exception: old\n\tat x","timestamp":1,"all-exceptions":[],"truncated":false,"exceptionHistory":{"entries":[]}}`, "java.lang.Exception: old"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var x JobExceptions
			if err := json.Unmarshal([]byte(tt.body), &x); err != nil {
				t.Fatal(err)
			}
			if got := x.Message(); got != tt.want {
				t.Errorf("Message() = %q\nwant %q", got, tt.want)
			}
		})
	}
}
