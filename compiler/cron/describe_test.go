package cron

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDescribe(t *testing.T) {
	tests := map[string]string{
		"10 9 * * *":          "at 09:10 every day (UTC)",
		"10,30,45 9 * * *":    "at 09:10, 09:30, 09:45 every day (UTC)",
		"0 * 30 JAN 2-6":      "at minute 0 of every hour on day 30 of the month or on Monday-Friday, in January (UTC)",
		"0/20 9-17 * * 2-5":   "at minutes 0, 20, 40 of hours 9-17 on Monday-Thursday (UTC)",
		"1 2 L-3 * *":         "at 02:01 on the last day of the month minus 3 days (UTC)",
		"1 2 6W 3 ?":          "at 02:01 on the weekday nearest to day 6 of the month in March (UTC)",
		"1 2 * 3 3#2":         "at 02:01 on the second Tuesday of the month in March (UTC)",
		"0 10,13 * * MON-FRI": "at 10:00, 13:00 on Monday-Friday (UTC)",
		"* * * * *":           "every minute every day (UTC)",
		"* 3 * * *":           "every minute of hour 3 every day (UTC)",
		"0 0 LW * ?":          "at 00:00 on the last weekday of the month (UTC)",
		"0 0 L 2,8 ?":         "at 00:00 on the last day of the month in February, August (UTC)",
		"0 0 ? * 6L":          "at 00:00 on the last Friday of the month (UTC)",
		"0 0 1,15 * ?":        "at 00:00 on days 1, 15 of the month (UTC)",
		"0 0 ? * 1,7":         "at 00:00 on Sunday, Saturday (UTC)",
	}
	for expr, want := range tests {
		if d := cmp.Diff(want, Describe(MustParse(expr))); d != "" {
			t.Errorf("Describe(%q) (-want +got):\n%s", expr, d)
		}
	}
}
