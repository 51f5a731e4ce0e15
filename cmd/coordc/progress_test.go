package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/coordc/coordc/runtime/state"
	"github.com/google/go-cmp/cmp"
)

func TestProgressLine(t *testing.T) {
	tests := map[string]struct {
		jobs    int
		counts  map[state.ActionStatus]int
		running []string
		want    string
	}{
		"nothing yet": {1, nil, nil, "1 job: no actions yet"},
		"oozie order": {2, map[state.ActionStatus]int{state.Succeeded: 3, state.Waiting: 5, state.Running: 1, state.Killed: 0},
			[]string{"J@4"}, "2 jobs: 5 WAITING, 1 RUNNING, 3 SUCCEEDED | running J@4"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, progressLine(tc.jobs, tc.counts, tc.running)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestProgressTerminal: on a terminal, log lines erase the status line and
// it is drawn again below them; a long line is cut to the width.
func TestProgressTerminal(t *testing.T) {
	var b bytes.Buffer
	p := &progress{w: &b, tty: true}
	p.Write([]byte("log 1\n"))
	p.set("status A")
	p.Write([]byte("log 2\n"))
	p.set(strings.Repeat("x", 100))
	p.clear()
	p.clear()
	want := "log 1\n" + eraseLine + "status A" + eraseLine + "log 2\nstatus A" +
		eraseLine + strings.Repeat("x", progressWidth-1) + "…" + eraseLine
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestProgressNotTerminal: piped output gets the log lines only.
func TestProgressNotTerminal(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b)
	p.Write([]byte("log 1\n"))
	p.set("status")
	p.Write([]byte("log 2\n"))
	p.clear()
	if diff := cmp.Diff("log 1\nlog 2\n", b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	f, err := os.CreateTemp(t.TempDir(), "log")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Errorf("a regular file is taken for a terminal")
	}
}
