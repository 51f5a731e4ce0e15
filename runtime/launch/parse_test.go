package launch

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseStat(t *testing.T) {
	line := "4242 (a) b) (c) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10\n"
	got, err := parseStat([]byte(line))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(procStat{state: 'S', ppid: 1, start: 987654}, got, cmp.AllowUnexported(procStat{})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, bad := range []string{"", "1 (x S 1", "1 (x) S 1 2 3", "1 (x) SS 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20",
		"1 (x) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 -1 20",
		"1 (x) S p 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20"} {
		if _, err := parseStat([]byte(bad)); err == nil {
			t.Errorf("parseStat(%q) succeeded", bad)
		}
	}
}

func TestParseRecord(t *testing.T) {
	tests := []struct {
		in    string
		ident string
		want  record
	}{
		// A wrapper's records (coordc before the supervisor).
		{"12 0\n", "12", record{status: Status{State: Exited}}},
		{"12 143\n", "12", record{status: Status{State: Exited, ExitCode: 143}}},
		{"7 unstarted\n", "7", record{status: Status{State: NotStarted}}},
		{"12 0", "12", record{}}, // being written
		// A supervisor's records.
		{"5:99:3 4711 0\n", "5:99:3", record{status: Status{State: Exited}, pid: 4711}},
		{"5:99:3 4711 137\n", "5:99:3", record{status: Status{State: Exited, ExitCode: 137}, pid: 4711}},
		{"5:99:3 0 127\n", "5:99:3", record{status: Status{State: Exited, ExitCode: 127}}},
		{"5:99:3 4711", "5:99:3", record{pid: 4711}},    // started
		{"5:99:3 47", "5:99:3", record{pid: 47}},        // started, or the end record being written
		{"5:99:3 4711 13", "5:99:3", record{pid: 4711}}, // the status being appended
		{"5:99:3", "5:99:3", record{}},
		{"", "", record{}},
	}
	for _, tt := range tests {
		got, ident, err := parseRecord([]byte(tt.in))
		if err != nil || ident != tt.ident {
			t.Errorf("parseRecord(%q) = ident %q, %v; want %q", tt.in, ident, err, tt.ident)
		}
		if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(record{})); diff != "" {
			t.Errorf("parseRecord(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
	for _, bad := range []string{"12\n", "12 256\n", "12 -1\n", "12 0 1\n", "12 x\n",
		"5:99:3 4711\n", "5:99:3 x 0\n", "5:99:3 -1 0\n", "5:99:3 4711 unstarted\n", "5:99:3 1 2 3\n"} {
		if _, _, err := parseRecord([]byte(bad)); err == nil {
			t.Errorf("parseRecord(%q) succeeded", bad)
		}
	}
}

// TestRecordOfAnotherLaunch: readRecord reads only the launch's own record;
// another launch's, even a malformed one, reads as none.
func TestRecordOfAnotherLaunch(t *testing.T) {
	dir := t.TempDir()
	h := Handle{Pid: 5, StartTime: 99, Seq: 3}
	for _, rec := range []string{"5 0\n", "5:99:4 1 0\n", "5:98:3 1 0\n", "6:99:3 1 0\n", "5:99:30 x\n", "garbage\n"} {
		if err := os.WriteFile(filepath.Join(dir, ExitFile), []byte(rec), 0o600); err != nil {
			t.Fatal(err)
		}
		if r, err := readRecord(dir, h); err != nil || r != (record{}) {
			t.Errorf("readRecord with %q = %+v, %v; want none", rec, r, err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, ExitFile), []byte("5:99:3 x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := readRecord(dir, h); err == nil {
		t.Error("a malformed record of the launch read without an error")
	}
}

func TestHandleString(t *testing.T) {
	for h, want := range map[Handle]string{
		{Pid: 31337, StartTime: 99}:         "pid:31337:99",
		{Pid: 31337, StartTime: 99, Seq: 7}: "pid:31337:99:7",
	} {
		if h.String() != want {
			t.Errorf("String = %q, want %q", h.String(), want)
		}
		got, err := ParseHandle(h.String())
		if err != nil || got != h {
			t.Errorf("ParseHandle = %v, %v", got, err)
		}
	}
	for _, bad := range []string{"", "pid:1", "pid:x:1", "pid:0:1", "pid:1:x", "job:1:1", "pid:1:1:0", "pid:1:1:x", "pid:1:1:1:1"} {
		if _, err := ParseHandle(bad); err == nil {
			t.Errorf("ParseHandle(%q) succeeded", bad)
		}
	}
	if Lost.String() != "lost" || State(9).String() != "State(9)" {
		t.Error("State.String")
	}
}

func FuzzParse(f *testing.F) {
	f.Add("12 0\n")
	f.Add("7 unstarted\n")
	f.Add("4242 (a) b) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 987 1\n")
	f.Add("pid:1:2")
	f.Add("pid:1:2:3")
	f.Add("5:99:3 4711 0\n")
	f.Add("5:99:3 4711")
	f.Fuzz(func(t *testing.T, s string) {
		if r, _, err := parseRecord([]byte(s)); err == nil && (r.pid < 0 || r.status.ExitCode < 0 || r.status.ExitCode > 255) {
			t.Errorf("parseRecord(%q) accepted %+v", s, r)
		}
		parseStat([]byte(s))
		if h, err := ParseHandle(s); err == nil {
			if again, err := ParseHandle(h.String()); err != nil || again != h {
				t.Errorf("ParseHandle round trip of %q: %v, %v", s, again, err)
			}
		}
	})
}
