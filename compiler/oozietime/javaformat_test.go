package oozietime

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Expected strings are java.text.SimpleDateFormat output (Locale US,
// OpenJDK 17) for the same instant, zone and pattern.
func TestFormatJava(t *testing.T) {
	oddHost(t)
	tests := []struct {
		zone, at, pattern, want string
	}{
		{"UTC", "2009-09-08T23:59Z", "yyyyMMdd_HHmmss", "20090908_235900"},
		{"UTC", "2009-09-08T23:59Z", "yyyy", "2009"},
		{"UTC", "2009-09-08T23:59Z", "yy y yyy yyyyy", "09 2009 2009 02009"},
		{"UTC", "2009-09-08T23:59Z", "M MM MMM MMMM L LLL LLLL", "9 09 Sep September 9 Sep September"},
		{"UTC", "2009-09-08T23:59Z", "d dd D DDD F E EEE EEEE u uu", "8 08 251 251 2 Tue Tue Tuesday 2 02"},
		{"UTC", "2009-09-08T23:59Z", "H HH k kk K KK h hh a", "23 23 23 23 11 11 11 11 PM"},
		{"UTC", "2009-09-08T00:05Z", "H k K h a", "0 24 0 12 AM"},
		{"UTC", "2009-09-08T12:05Z", "H k K h a", "12 12 0 12 PM"},
		{"UTC", "2009-09-08T23:59Z", "m mm s ss S SSS G", "59 59 0 00 0 000 AD"},
		{"UTC", "2009-09-08T23:59Z", "z zzzz Z X XX XXX", "UTC Coordinated Universal Time +0000 Z Z Z"},
		{"GMT+05:30", "2009-09-08T23:59Z", "yyyy-MM-dd HH:mm z zzzz Z X XX XXX", "2009-09-09 05:29 GMT+05:30 GMT+05:30 +0530 +05 +0530 +05:30"},
		{"GMT-0300", "2009-09-08T23:59Z", "yyyy-MM-dd HH:mm z Z X XXX", "2009-09-08 20:59 GMT-03:00 -0300 -03 -03:00"},
		{"America/Los_Angeles", "2009-07-08T23:59Z", "z zzzz Z XXX", "PDT Pacific Daylight Time -0700 -07:00"},
		{"America/Los_Angeles", "2009-12-08T23:59Z", "z zzzz Z XXX", "PST Pacific Standard Time -0800 -08:00"},
		{"UTC", "2009-12-27T10:00Z", "YYYY ww W yyyy", "2010 01 5 2009"},
		{"UTC", "2009-12-26T10:00Z", "YYYY ww W yyyy", "2009 52 4 2009"},
		{"UTC", "2010-01-01T10:00Z", "YYYY w W yyyy", "2010 1 1 2010"},
		{"UTC", "2017-01-01T10:00Z", "YYYY w W yyyy", "2017 1 1 2017"},
		{"UTC", "2016-12-31T10:00Z", "YY w W yy", "16 53 5 16"},
		{"UTC", "2009-09-08T23:59Z", "'at' HH 'o''clock' ''", "at 23 o'clock '"},
		{"UTC", "2009-09-08T23:59Z", "yyyy-MM-dd'T'HH:mm'Z'", "2009-09-08T23:59Z"},
		{"UTC", "2009-09-08T23:59Z", "[yyyy]/_.,!", "[2009]/_.,!"},
		{"UTC", "2009-09-08T23:59Z", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.zone+" "+tc.pattern, func(t *testing.T) {
			got, err := FormatJava(mustTime(t, tc.at), mustZone(t, tc.zone), tc.pattern)
			if err != nil {
				t.Fatalf("FormatJava: %v", err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestFormatJavaErrors(t *testing.T) {
	tests := map[string]string{
		"q":             "Illegal pattern character 'q'",
		"b":             "Illegal pattern character 'b'",
		"yyyy-MM-dd'T":  "Unterminated quote",
		"'unterminated": "Unterminated quote",
		"XXXX":          "invalid ISO 8601 format: length=4",
	}
	got := map[string]string{}
	for pattern := range tests {
		_, err := FormatJava(mustTime(t, "2009-09-08T23:59Z"), mustZone(t, "UTC"), pattern)
		if err == nil {
			t.Fatalf("FormatJava(%q) succeeded", pattern)
		}
		got[pattern] = err.Error()
	}
	if diff := cmp.Diff(tests, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
