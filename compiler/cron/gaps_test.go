package cron

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestGaps(t *testing.T) {
	type gaps struct {
		Min, Max time.Duration
		OK       bool
		Daily    bool
	}
	h := time.Hour
	tests := map[string]gaps{
		"10 23 * * *":         {24 * h, 24 * h, true, true},
		"10 * * * *":          {h, h, true, false},
		"*/30 * * * *":        {30 * time.Minute, 30 * time.Minute, true, false},
		"0 10,13 * * MON-FRI": {3 * h, 69 * h, true, false},
		"10 23 1 1-12 *":      {28 * 24 * h, 31 * 24 * h, true, true},
		"0 0 29 2 ?":          {(3*365 + 366) * 24 * h, 8*365*24*h + 24*h, true, true},
		"59 23 * * *":         {24 * h, 24 * h, true, true},
		"0,59 0,23 * * *":     {time.Minute, 22*h + time.Minute, true, false},
		"0 10 30 2 *":         {0, 0, false, true},
	}
	for expr, want := range tests {
		e := MustParse(expr)
		var got gaps
		got.Min, got.OK = e.MinGap()
		got.Max, _ = e.MaxGap()
		got.Daily = e.FiresAtMostDaily()
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("gaps of %q (-want +got):\n%s", expr, d)
		}
	}
}
