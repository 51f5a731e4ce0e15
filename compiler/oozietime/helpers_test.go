package oozietime

import (
	"testing"
	"time"
)

// mustTime parses an Oozie datetime or fails the test.
func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := ParseDateTime(s)
	if err != nil {
		t.Fatalf("ParseDateTime(%q): %v", s, err)
	}
	return v
}

// mustZone loads a zone or fails the test.
func mustZone(t testing.TB, id string) *time.Location {
	t.Helper()
	loc, _, err := LoadZone(id)
	if err != nil {
		t.Fatalf("LoadZone(%q): %v", id, err)
	}
	return loc
}

// oddHost makes the host look like it runs in Asia/Kathmandu (UTC+05:45, an
// offset no tested zone shares) for the rest of the test: TZ for anything
// that reads it, and time.Local itself, which Go reads only once.
func oddHost(t *testing.T) {
	t.Setenv("TZ", "Asia/Kathmandu")
	saved := time.Local
	time.Local = time.FixedZone("host", 5*3600+45*60)
	t.Cleanup(func() { time.Local = saved })
}
