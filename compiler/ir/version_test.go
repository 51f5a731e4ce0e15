package ir

import "testing"

func TestVersionCompare(t *testing.T) {
	tests := []struct {
		a, b Version
		want int
	}{
		{"0.1", "0.1", 0},
		{"0.1", "0.5", -1},
		{"0.4.5", "0.4", 1},
		{"0.4.5", "0.5", -1},
		{"0.2.5", "0.3", -1},
		{"1.0", "0.5", 1},
		{"0.10", "0.9", 1}, // numbers, not strings
		{"1.0", "1", 0},
		{"", "0.1", -1}, // an unknown version is before every known one
	}
	for _, tt := range tests {
		if got := tt.a.Compare(tt.b); got != tt.want {
			t.Errorf("%q.Compare(%q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := tt.b.Compare(tt.a); got != -tt.want {
			t.Errorf("%q.Compare(%q) = %d, want %d", tt.b, tt.a, got, -tt.want)
		}
		if tt.a.AtLeast(tt.b) != (tt.want >= 0) || tt.a.Before(tt.b) != (tt.want < 0) {
			t.Errorf("%q vs %q: AtLeast/Before disagree with Compare", tt.a, tt.b)
		}
	}
}
