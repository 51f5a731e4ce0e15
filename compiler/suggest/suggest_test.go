package suggest

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "abc", 0},
		{"utc", "UTC", 1},
		{"currnet", "current", 2},
		{"Americas/Los_Angeles", "America/Los_Angeles", 1},
		{"äbc", "abc", 1},
		{"kitten", "sitting", 3},
	}
	for _, tc := range tests {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestClosest(t *testing.T) {
	cands := []string{"current", "latest", "future", "offset"}
	tests := []struct {
		word       string
		max        int
		want       string
		wantUnique bool
	}{
		{"currnet", 2, "current", true},
		{"lates", 1, "latest", true},
		{"xyz", 1, "", false},
		{"current", 2, "", false}, // the word itself is not a suggestion
	}
	for _, tc := range tests {
		got, unique := Closest(tc.word, cands, tc.max, nil)
		if got != tc.want || unique != tc.wantUnique {
			t.Errorf("Closest(%q) = %q, %v; want %q, %v", tc.word, got, unique, tc.want, tc.wantUnique)
		}
	}
	if _, unique := Closest("ab", []string{"aa", "bb"}, 1, nil); unique {
		t.Error("a tie must not be unique")
	}
}

func TestTypoDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"plna", "plan", 1}, {"plan", "plan", 0}, {"pln", "plan", 1}, {"sla", "plna", 2}, {"", "abc", 3}, {"ab", "ba", 1},
	} {
		if got := TypoDistance(c.a, c.b); got != c.want {
			t.Errorf("TypoDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
