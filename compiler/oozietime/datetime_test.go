package oozietime

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Accepted and rejected forms were checked against SimpleDateFormat
// ("yyyy-MM-dd'T'HH:mm'Z'", non-lenient, UTC) on OpenJDK 17.
func TestParseDateTimeAccepts(t *testing.T) {
	tests := map[string]string{
		"2009-01-01T08:00Z":                        "2009-01-01T08:00Z",
		"  2009-01-01T08:00Z\n":                    "2009-01-01T08:00Z",
		"2009-01-01T7:00Z":                         "2009-01-01T07:00Z",
		"2025-1-5T3:7Z":                            "2025-01-05T03:07Z",
		"2009-03-06T010:00Z":                       "2009-03-06T10:00Z",
		"2009-01-01T00:009Z":                       "2009-01-01T00:09Z",
		"2009-01- 01T00:00Z":                       "2009-01-01T00:00Z",
		"2009-01-01T\t0:00Z":                       "2009-01-01T00:00Z",
		"2009-01-01T-0:00Z":                        "2009-01-01T00:00Z",
		"２００９-01-01T00:00Z":                        "2009-01-01T00:00Z",
		"2E3-01-01T00:00Z":                         "2000-01-01T00:00Z",
		"20100E-1-01-01T00:00Z":                    "2010-01-01T00:00Z",
		"2009-01-01T00:5E-1Z":                      "2009-01-01T00:00Z",
		"2009-01-01T00:1E1Z":                       "2009-01-01T00:10Z",
		"4294969305-01-01T00:00Z":                  "2009-01-01T00:00Z",
		"2009-4294967297-01T00:00Z":                "2009-01-01T00:00Z",
		"12345-01-01T00:00Z":                       "12345-01-01T00:00Z",
		"2008-02-29T23:59Z":                        "2008-02-29T23:59Z",
		"2016-04-13T00:00+0900":                    "2016-04-12T15:00Z",
		"2012-08-08T12:42-0300":                    "2012-08-08T15:42Z",
		"20099999999999999999999E-19-01-01T00:00Z": "2010-01-01T00:00Z",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			v, err := ParseDateTime(in)
			if err != nil {
				t.Fatalf("ParseDateTime(%q): %v", in, err)
			}
			if diff := cmp.Diff(want, FormatDateTime(v)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if v.Location().String() != "UTC" {
				t.Errorf("location %v, want UTC", v.Location())
			}
		})
	}
}

func TestParseDateTimeRejects(t *testing.T) {
	tests := []struct {
		in, reason string
		offset     int
	}{
		{"", "a datetime is required, in the form yyyy-MM-ddTHH:mmZ", 0},
		{"2009-02-30T00:00Z", "day 30 does not exist in February 2009", 8},
		{"2009-02-29T00:00Z", "day 29 does not exist in February 2009", 8},
		{"2009-01-01T24:00Z", "hour 24 is not accepted; write 00:00 of the next day", 11},
		{"2009-01-01T23:60Z", "minute 60 is out of range (0-59)", 14},
		{"2009-13-01T00:00Z", "month 13 is out of range (1-12)", 5},
		{"2009-00-01T00:00Z", "month 00 is out of range (1-12)", 5},
		{"2009-01-32T00:00Z", "day 32 is out of range (1-31)", 8},
		{"0-01-01T00:00Z", "year 0 is out of range (1-292278994)", 0},
		{"292278995-01-01T00:00Z", "year 292278995 is out of range (1-292278994)", 0},
		{"2009-01-01T00:00:00Z", "seconds are not allowed; use the form yyyy-MM-ddTHH:mmZ", 16},
		{"2009-01-01T00:00", `expected "Z" after the minutes, found the end of the text`, 16},
		{"2009-01-01T00:00z", `expected "Z" after the minutes, found 'z'`, 16},
		{"2009-01-01T00:00 Z", `expected "Z" after the minutes, found ' '`, 16},
		{"+2009-01-01T00:00Z", "expected the year (digits), found '+'", 0},
		{"2009-01-01T00:00Z abc", `unexpected " abc" after the datetime`, 17},
		{"2009/01/01T00:00Z", `expected "-" after the year, found '/'`, 4},
		{"2009-01-01 00:00Z", `expected "T" after the day, found ' '`, 10},
		{"2009-01-01T00:05E+1Z", `expected "Z" after the minutes, found 'E'`, 16},
		{"2009-01-01T00:1E99999999999999999999Z", `expected "Z" after the minutes, found 'E'`, 15},
		{"2009-01-01T00:9223372036854775808Z", "minute 9223372036854775808 is out of range (0-59)", 14},
		{"2016-04-13T00:00+2400", `offset "+2400" is out of range (at most ±2359)`, 16},
		{"2016-04-13T00:00+09:00", `expected "Z" after the minutes, found '+'`, 16},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			_, err := ParseDateTime(tc.in)
			var de *DateTimeError
			if !errors.As(err, &de) {
				t.Fatalf("ParseDateTime(%q) error = %v, want a *DateTimeError", tc.in, err)
			}
			want := &DateTimeError{Input: tc.in, Offset: tc.offset, Reason: tc.reason}
			if diff := cmp.Diff(want, de); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDateTimeErrorText(t *testing.T) {
	_, err := ParseDateTime("2009-02-30T00:00Z")
	want := `"2009-02-30T00:00Z": day 30 does not exist in February 2009`
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestParseDateTimeIn(t *testing.T) {
	tests := []struct {
		in, zone, want string
		ok             bool
	}{
		{"2012-08-08T12:42-0300", "GMT-0300", "2012-08-08T15:42Z", true},
		{"2012-08-08T12:42Z", "GMT-0300", "", false},
		{"2012-08-08T12:42+0300", "GMT-0300", "", false},
		{"2012-08-08T12:42Z", "UTC", "2012-08-08T12:42Z", true},
		{"2012-08-08T12:42+0000", "UTC", "", false},
		{"2012-08-08T12:42Z", "America/Los_Angeles", "", false},
	}
	for _, tc := range tests {
		v, err := ParseDateTimeIn(tc.in, tc.zone)
		if (err == nil) != tc.ok {
			t.Errorf("ParseDateTimeIn(%q, %q) error = %v, want ok=%v", tc.in, tc.zone, err, tc.ok)
			continue
		}
		if tc.ok {
			if diff := cmp.Diff(tc.want, FormatDateTime(v)); diff != "" {
				t.Errorf("ParseDateTimeIn(%q, %q) (-want +got):\n%s", tc.in, tc.zone, diff)
			}
		}
	}
}

func TestFormatDateTime(t *testing.T) {
	oddHost(t)
	v := mustTime(t, "2009-01-02T08:00Z")
	got := []string{FormatDateTime(v), FormatDateTime(v.In(mustZone(t, "Asia/Tokyo"))), FormatDateTime(mustTime(t, "5-1-2T3:4Z"))}
	want := []string{"2009-01-02T08:00Z", "2009-01-02T08:00Z", "0005-01-02T03:04Z"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestFormatDateTimeIn(t *testing.T) {
	v := mustTime(t, "2012-08-08T15:42Z")
	var got []string
	for _, z := range []string{"UTC", "GMT-0300", "GMT+0530"} {
		s, err := FormatDateTimeIn(v, z)
		if err != nil {
			t.Fatalf("FormatDateTimeIn(%q): %v", z, err)
		}
		got = append(got, s)
	}
	want := []string{"2012-08-08T15:42Z", "2012-08-08T12:42-0300", "2012-08-08T21:12+0530"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := FormatDateTimeIn(v, "America/Los_Angeles"); err == nil {
		t.Errorf("FormatDateTimeIn accepted a region as processing zone")
	}
}
