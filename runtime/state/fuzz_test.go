package state

import (
	"strconv"
	"strings"
	"testing"
)

// FuzzParseReportRow: any row text parses or is refused without panicking,
// and a row built from fields parses back to them (error messages may hold
// anything, separators included).
func FuzzParseReportRow(f *testing.F) {
	f.Add(7, "2009-03-01T08:00:00Z", "FAILED", "wf-1", "exit 1")
	f.Add(1, "", "", "", "a\x1fb\x1f")
	f.Add(-3, "x", "WAITING", "", "")
	f.Fuzz(func(t *testing.T, n int, nominal, status, ext, msg string) {
		parseReportRow(nominal + "\x1f" + status + "\x1f" + ext + "\x1f" + msg)
		if strings.Contains(nominal+status+ext, "\x1f") {
			return
		}
		row := strings.Join([]string{itoa(n), nominal, status, ext, msg}, "\x1f")
		got, ok := parseReportRow(row)
		want := ActionReport{Number: n, NominalTime: nominal, Status: ActionStatus(status), ExternalID: ext, ErrorMessage: msg}
		if !ok || got != want {
			t.Errorf("parseReportRow(%q) = %+v, %v; want %+v", row, got, ok, want)
		}
	})
}

// FuzzParseTime: stored times parse only in the exact layout and round-trip.
func FuzzParseTime(f *testing.F) {
	f.Add("2009-03-01T08:00:00Z")
	f.Add("2009-03-01T08:00Z")
	f.Add("9999-12-31T23:59:59Z")
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := ParseTime(s)
		if err != nil {
			return
		}
		if got := FormatTime(tm); got != s {
			t.Errorf("FormatTime(ParseTime(%q)) = %q", s, got)
		}
	})
}

func itoa(n int) string { return strconv.Itoa(n) }
