package launch

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWireRoundTrip(t *testing.T) {
	msgs := []message{
		{op: opPrepare, seq: 1, dir: "/d", workDir: "/w", args: []string{"echo", "a b", "", "\xff\xfe not UTF-8"}, env: []string{"A=1", "PWD=/w"}},
		{op: opPrepare, seq: 1 << 40, dir: "/d", workDir: "/d", args: []string{"true"}, env: []string{}},
		{op: opGo, seq: 1},
		{op: opAbort, seq: 300},
		{op: opEnded, seq: 1 << 63},
	}
	var b []byte
	for _, m := range msgs {
		b = appendMessage(b, m)
	}
	r := bufio.NewReader(bytes.NewReader(b))
	for _, want := range msgs {
		got, err := readMessage(r)
		if err != nil {
			t.Fatal(err)
		}
		if want.env == nil && want.op == opPrepare {
			want.env = []string{}
		}
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(message{})); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	}
	if _, err := readMessage(r); err != io.EOF {
		t.Errorf("after the last frame: %v, want EOF", err)
	}
}

func TestWireMalformed(t *testing.T) {
	prepare := appendMessage(nil, message{op: opPrepare, seq: 2, dir: "/d", workDir: "/d", args: []string{"true"}})
	for name, frame := range map[string][]byte{
		"empty frame":         {0},
		"huge length":         {0xff, 0xff, 0xff, 0xff, 0x7f},
		"truncated":           prepare[:len(prepare)-1],
		"unknown op":          {2, 9, 1},
		"trailing bytes":      {3, byte(opGo), 1, 0},
		"no seq":              {1, byte(opGo)},
		"prepare without cmd": appendMessage(nil, message{op: opPrepare, seq: 2, dir: "/d", workDir: "/d"}),
		"prepare without dir": appendMessage(nil, message{op: opPrepare, seq: 2, args: []string{"true"}}),
		"count past the end":  {5, byte(opPrepare), 1, 0, 0, 9},
		"length in a varint":  {0x80},
	} {
		_, err := readMessage(bufio.NewReader(bytes.NewReader(frame)))
		if !errors.Is(err, errFrame) {
			t.Errorf("%s: %v, want a malformed frame", name, err)
		}
	}
}

// FuzzWire: no input makes readMessage panic, and what it accepts encodes
// back to the same frame.
func FuzzWire(f *testing.F) {
	f.Add(appendMessage(nil, message{op: opPrepare, seq: 7, dir: "/d", workDir: "/w", args: []string{"sh", "-c", "x"}, env: []string{"A=1"}}))
	f.Add(appendMessage(nil, message{op: opGo, seq: 7}))
	f.Add(appendMessage(nil, message{op: opEnded, seq: 1 << 50}))
	f.Add([]byte{5, byte(opPrepare), 1, 0, 0, 9})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := bufio.NewReader(bytes.NewReader(data))
		for {
			m, err := readMessage(r)
			if err != nil {
				return
			}
			again, err := readMessage(bufio.NewReader(bytes.NewReader(appendMessage(nil, m))))
			if err != nil {
				t.Fatalf("%+v does not read back: %v", m, err)
			}
			if diff := cmp.Diff(m, again, cmp.AllowUnexported(message{})); diff != "" {
				t.Fatalf("round trip (-first +again):\n%s", diff)
			}
		}
	})
}
