package cron

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		expr, start, end string
		want             string // "" for accepted; else "code: message"
	}{
		{"0 10 * * *", "2013-10-18T09:00Z", "2013-10-18T11:00Z", ""},
		// The search starts one minute before start, so a fire at start counts.
		{"0 10 * * *", "2013-10-18T10:00Z", "2013-10-18T10:01Z", ""},
		{"0 10 * * *", "2013-10-18T21:00Z", "2013-10-18T22:00Z",
			"E1003: Coordinator job with frequency '0 10 * * *' materializes no actions between start and end time."},
		// The end is exclusive.
		{"0 10 * * *", "2013-10-18T10:01Z", "2013-10-19T10:00Z",
			"E1003: Coordinator job with frequency '0 10 * * *' materializes no actions between start and end time."},
		{"0 10 30 2 *", "2013-01-01T00:00Z", "2014-01-01T00:00Z", "E1003: Invalid coordinator cron frequency: 0 10 30 2 *"},
		{" 0 10 30 2 * ", "2013-01-01T00:00Z", "2014-01-01T00:00Z", "E1003: Invalid coordinator cron frequency: 0 10 30 2 *"},
		// Both days specific, the day-of-month side never fires: Oozie's
		// compareTo on a null Date.
		{"0 0 30 2 MON", "2013-01-01T00:00Z", "2014-01-01T00:00Z",
			"E0803: Coordinator job with frequency '0 0 30 2 MON' cannot be materialized: its day-of-month-only or its day-of-week-only reading never fires, and Oozie then fails with a NullPointerException"},
		{"* * * * *", "2013-01-01T00:00Z", "2013-01-01T00:01Z", ""},
	}
	for _, tc := range tests {
		err := Validate(tc.expr, mustTime(t, tc.start), mustTime(t, tc.end))
		got := ""
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Validate(%q) = %v, want *ValidationError", tc.expr, err)
			}
			got = string(ve.Code) + ": " + ve.Error()
		}
		if d := cmp.Diff(tc.want, got); d != "" {
			t.Errorf("Validate(%q, %s, %s) (-want +got):\n%s", tc.expr, tc.start, tc.end, d)
		}
	}
	var pe *ParseError
	if err := Validate("0 0 ? * 0", mustTime(t, "2013-01-01T00:00Z"), mustTime(t, "2014-01-01T00:00Z")); !errors.As(err, &pe) {
		t.Errorf("Validate of a bad expression = %v, want *ParseError", err)
	}
}
