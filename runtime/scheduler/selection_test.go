package scheduler

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseActions(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []int
		err  string
	}{
		{"1-3,7", []int{1, 2, 3, 7}, ""},
		{" 7 , 2-3 ,3", []int{2, 3, 7}, ""},
		{"5", []int{5}, ""},
		{"0", nil, `"0" is not an action number`},
		{"3-1", nil, `range "3-1" starts after it ends`},
		{"a", nil, "not an action number"},
		{"1-", nil, "not an action number"},
		{"", nil, "not an action number"},
		{"1-2000000", nil, "more than 1,000,000"},
	} {
		got, err := ParseActions(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("ParseActions(%q) error %v, want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseActions(%q): %v", c.in, err)
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("ParseActions(%q) (-want +got):\n%s", c.in, diff)
		}
	}
}

func TestParseDates(t *testing.T) {
	d := func(s string) time.Time { return at(s) }
	for _, c := range []struct {
		in   string
		want []DateRange
		err  string
	}{
		{"2009-01-01T01:00Z::2009-01-01T05:00Z", []DateRange{{d("2009-01-01T01:00Z"), d("2009-01-01T05:00Z")}}, ""},
		{"2009-01-01T01:00Z, 2009-01-02T01:00Z", []DateRange{{d("2009-01-01T01:00Z"), d("2009-01-01T01:00Z")}, {d("2009-01-02T01:00Z"), d("2009-01-02T01:00Z")}}, ""},
		{"2009-01-02T01:00Z::2009-01-01T01:00Z", nil, "starts after it ends"},
		{"yesterday", nil, `"yesterday" is not a time`},
		{"2009-01-01T01:00Z::", nil, "is not a time"},
	} {
		got, err := ParseDates(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("ParseDates(%q) error %v, want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseDates(%q): %v", c.in, err)
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("ParseDates(%q) (-want +got):\n%s", c.in, diff)
		}
	}
}

func FuzzParseScopes(f *testing.F) {
	f.Add("1-3,7")
	f.Add("2009-01-01T01:00Z::2009-01-01T05:00Z,2009-01-02T01:00Z")
	f.Add("-1--2,,")
	f.Fuzz(func(t *testing.T, s string) {
		if nums, err := ParseActions(s); err == nil {
			for i, n := range nums {
				if n < 1 || (i > 0 && nums[i-1] >= n) {
					t.Fatalf("ParseActions(%q) = %v: not increasing positive numbers", s, nums)
				}
			}
		}
		if ranges, err := ParseDates(s); err == nil {
			for _, r := range ranges {
				if r.From.After(r.To) {
					t.Fatalf("ParseDates(%q) = %v: inverted range", s, ranges)
				}
			}
		}
	})
}
