package scheduler

import (
	"errors"
	"testing"
)

// FuzzParseChange: a -value string either parses or is refused with
// E1015; never a panic.
func FuzzParseChange(f *testing.F) {
	for _, s := range []string{"endtime=2024-06-01T00:00Z;concurrency=3;pausetime=", "status=RUNNING", "concurrency=x",
		"endtime", ";", "pausetime=\"\"", "endtime=2024-06-01T00:00Z;endtime=2024-06-02T00:00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ch, err := ParseChange(s)
		if err != nil {
			var ce *CommandError
			if !errors.As(err, &ce) || ce.Code != E1015 {
				t.Fatalf("%q: %v, want E1015", s, err)
			}
			return
		}
		if ch.Revive && (ch.End != nil || ch.Concurrency != nil || ch.PauseTime != nil) {
			t.Fatalf("%q: status=RUNNING with other values", s)
		}
	})
}
