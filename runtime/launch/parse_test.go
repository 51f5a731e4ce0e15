package launch

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseStat(t *testing.T) {
	line := "4242 (a) b) (c) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10\n"
	got, err := parseStat([]byte(line))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(procStat{state: 'S', start: 987654}, got, cmp.AllowUnexported(procStat{})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, bad := range []string{"", "1 (x S 1", "1 (x) S 1 2 3", "1 (x) SS 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20",
		"1 (x) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 -1 20"} {
		if _, err := parseStat([]byte(bad)); err == nil {
			t.Errorf("parseStat(%q) succeeded", bad)
		}
	}
}

func TestParseExit(t *testing.T) {
	tests := []struct {
		in   string
		pid  int
		want Status
	}{
		{"12 0\n", 12, Status{State: Exited}},
		{"12 143\n", 12, Status{State: Exited, ExitCode: 143}},
		{"7 unstarted\n", 7, Status{State: NotStarted}},
	}
	for _, tt := range tests {
		pid, st, err := parseExit([]byte(tt.in))
		if err != nil || pid != tt.pid {
			t.Errorf("parseExit(%q) = %d, %v", tt.in, pid, err)
		}
		if diff := cmp.Diff(tt.want, st); diff != "" {
			t.Errorf("parseExit(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
	for _, bad := range []string{"", "12 0", "12\n", "x 0\n", "0 0\n", "12 256\n", "12 -1\n", "12 0 1\n"} {
		if _, _, err := parseExit([]byte(bad)); err == nil {
			t.Errorf("parseExit(%q) succeeded", bad)
		}
	}
}

func TestHandleString(t *testing.T) {
	h := Handle{Pid: 31337, StartTime: 99}
	if h.String() != "pid:31337:99" {
		t.Errorf("String = %q", h.String())
	}
	got, err := ParseHandle(h.String())
	if err != nil || got != h {
		t.Errorf("ParseHandle = %v, %v", got, err)
	}
	for _, bad := range []string{"", "pid:1", "pid:x:1", "pid:0:1", "pid:1:x", "job:1:1", "pid:1:1:1"} {
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
	f.Fuzz(func(t *testing.T, s string) {
		if pid, st, err := parseExit([]byte(s)); err == nil && (pid <= 0 || st.ExitCode < 0 || st.ExitCode > 255) {
			t.Errorf("parseExit(%q) accepted pid %d status %+v", s, pid, st)
		}
		parseStat([]byte(s))
		if h, err := ParseHandle(s); err == nil {
			if again, err := ParseHandle(h.String()); err != nil || again != h {
				t.Errorf("ParseHandle round trip of %q: %v, %v", s, again, err)
			}
		}
	})
}
