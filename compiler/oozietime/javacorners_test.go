package oozietime

import (
	"testing"
	"time"
)

// The expectations below were computed with OpenJDK 17.0.15 (tzdata 2025a)
// by testdata/oracle/Oracle.java; TestOracle in lower/schedule repeats such
// comparisons on random cases.

func TestJavaHybridCalendar(t *testing.T) {
	for _, tc := range []struct {
		in     string
		millis int64 // 0: Java's parser rejects the text
	}{
		{"1500-01-01T00:00Z", -14830992000000}, // Julian: Go's proleptic 1500-01-10
		{"1500-02-29T00:00Z", -14825894400000}, // a Julian leap day
		{"1582-10-03T12:00Z", -12219422400000},
		{"1582-10-10T00:00Z", 0}, // skipped by the cutover
		{"1700-02-29T00:00Z", 0}, // not a Gregorian leap year
		{"1971-01-01T00:00Z", 31536000000},
	} {
		got, err := ParseDateTime(tc.in)
		switch {
		case tc.millis == 0 && err == nil:
			t.Errorf("ParseDateTime(%q) = %v, want an error", tc.in, got)
		case tc.millis != 0 && err != nil:
			t.Errorf("ParseDateTime(%q): %v", tc.in, err)
		case tc.millis != 0 && got.UnixMilli() != tc.millis:
			t.Errorf("ParseDateTime(%q) = %d ms, want %d", tc.in, got.UnixMilli(), tc.millis)
		case tc.millis != 0 && FormatDateTime(got) != tc.in:
			t.Errorf("FormatDateTime(ParseDateTime(%q)) = %q", tc.in, FormatDateTime(got))
		}
	}
	for _, tc := range []struct{ in, pattern, want string }{
		{"1500-01-01T00:00Z", "EEE yyyy-MM-dd D", "Wed 1500-01-01 1"},
		{"1582-10-15T00:00Z", "EEE D w W F", "Fri 278 40 1 1"},
	} {
		got, err := FormatJava(mustParse(t, tc.in), time.UTC, tc.pattern)
		if err != nil || got != tc.want {
			t.Errorf("FormatJava(%s, %q) = %q, %v; want %q", tc.in, tc.pattern, got, err, tc.want)
		}
	}
	for _, tc := range []struct {
		in    string
		field Field
		n     int
		want  string
	}{
		{"1582-10-04T00:00Z", Day, 1, "1582-10-15T00:00Z"},
		{"1580-02-29T10:23Z", Year, 2, "1582-03-01T10:23Z"}, // pinned in the lenient cutover year
		{"1582-10-03T12:00Z", Day, 2, "1582-10-15T12:00Z"},
		{"1582-12-18T04:33Z", Month, -2, "1582-10-18T04:33Z"}, // a Gregorian day of October 1582
		{"1583-01-29T00:42Z", Month, -3, "1582-10-29T00:42Z"},
	} {
		if got := FormatDateTime(Add(mustParse(t, tc.in), time.UTC, tc.field, tc.n)); got != tc.want {
			t.Errorf("Add(%s, %v, %d) = %s, want %s", tc.in, tc.field, tc.n, got, tc.want)
		}
	}
}

func TestJavaEra(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"2016-02-29T10:00Z", -1, "2016-03-01T10:00Z"}, // 2016 BC has no February 29th
		{"2016-02-28T10:00Z", -1, "2016-02-28T10:00Z"},
		{"2016-02-29T10:00Z", 3, "2016-02-29T10:00Z"},
	} {
		if got := FormatDateTime(AddEra(mustParse(t, tc.in), tc.n)); got != tc.want {
			t.Errorf("AddEra(%s, %d) = %s, want %s", tc.in, tc.n, got, tc.want)
		}
	}
}

func TestJavaZoneOffsets(t *testing.T) {
	at := func(s string) time.Time { return mustParse(t, s) }
	for _, tc := range []struct {
		zone string
		at   time.Time
		want int
	}{
		{"America/New_York", at("1850-06-01T00:00Z"), -18000}, // before 1900: the raw offset, not LMT
		{"Africa/Windhoek", at("1850-06-01T00:00Z"), 3600},
		{"Africa/Monrovia", time.Unix(java1900-1, 0), 0},     // raw offset just before 1900
		{"Africa/Monrovia", time.Unix(java1900, 0), -2588},   // from 1900: the tz database (Monrovia Mean Time)
		{"SystemV/EST5EDT", at("2024-03-15T12:00Z"), -18000}, // the 1976 US rule: DST from the last Sunday of April
		{"SystemV/EST5EDT", at("2024-07-01T12:00Z"), -14400},
		{"SystemV/EST5EDT", at("1974-01-10T12:00Z"), -14400}, // 1974: DST from January 6
		{"SystemV/YST9YDT", at("2024-10-20T12:00Z"), -28800},
	} {
		loc, _, err := LoadZone(tc.zone)
		if err != nil {
			t.Fatal(err)
		}
		if _, got := tc.at.In(loc).Zone(); got != tc.want {
			t.Errorf("%s at %s: offset %d, want %d", tc.zone, tc.at, got, tc.want)
		}
	}
	for id := range systemVZones {
		if _, _, err := LoadZone(id); err != nil {
			t.Errorf("LoadZone(%q): %v", id, err)
		}
	}
}

// TestJavaDSTOffset checks Calendar.get(DST_OFFSET) where a zone changed
// its standard offset and its DST state at once (the cron DST correction
// uses it).
func TestJavaDSTOffset(t *testing.T) {
	for _, tc := range []struct {
		zone   string
		millis int64
		want   time.Duration
	}{
		{"Asia/Oral", 386367600000, 0},         // 1982-03-30: +06 standard
		{"Asia/Oral", 387126300000, time.Hour}, // 1982-04-08: +05 and one hour of DST
		{"Asia/Qostanay", 1080462600000, time.Hour},
		{"Asia/Qostanay", 1115014260000, 0},
		{"Asia/Ust-Nera", 354757680000, 0},
		{"Asia/Ust-Nera", 365532180000, time.Hour},  // 1981-08-01: +11 and one hour, not +09 and three
		{"Europe/Dublin", 1719835200000, time.Hour}, // summer (a negative save in the tz database's main form)
		{"Europe/Dublin", 1704110400000, 0},
		{"America/Iqaluit", -769553100000, time.Hour}, // 1945-08-13: wartime EWT, -05 and one hour, not 00 before it
		{"Europe/Kyiv", -880000000000, time.Hour},     // 1942 under CEST: +01 and one hour
		{"Europe/Riga", -880000000000, time.Hour},
	} {
		loc, _, err := LoadZone(tc.zone)
		if err != nil {
			t.Fatal(err)
		}
		if got := DSTSavings(time.UnixMilli(tc.millis), loc); got != tc.want {
			t.Errorf("DSTSavings(%s, %d) = %v, Java %v", tc.zone, tc.millis, got, tc.want)
		}
	}
}

func mustParse(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := ParseDateTime(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
