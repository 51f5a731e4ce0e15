// Package suggest finds the likely intended name for a misspelt one, for the
// "did you mean" hints of every coordc diagnostic (zones, EL functions,
// datasets, elements). It is the one edit-distance implementation in coordc.
package suggest

import "strings"

// Distance is the Levenshtein distance between a and b over Unicode code
// points, compared without case; a difference in case alone counts as one
// edit (so "utc" is one edit from "UTC", not zero).
func Distance(a, b string) int {
	if a != b && strings.EqualFold(a, b) {
		return 1
	}
	x, y := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(y)]
}

// Closest returns the candidate nearest to word by dist (Distance when nil)
// within maxEdits, and whether it is the only candidate at that distance.
// word itself is never suggested.
func Closest(word string, candidates []string, maxEdits int, dist func(a, b string) int) (string, bool) {
	if dist == nil {
		dist = Distance
	}
	best, bestD, ties := "", maxEdits+1, 0
	for _, c := range candidates {
		if c == word {
			continue
		}
		switch d := dist(word, c); {
		case d < bestD:
			best, bestD, ties = c, d, 1
		case d == bestD:
			ties++
		}
	}
	return best, best != "" && ties == 1
}

// DefaultMaxEdits is the edit budget for a name of n characters: about one
// edit per three characters, at least one.
func DefaultMaxEdits(n int) int { return max(1, n/3) }

// TypoDistance is Distance counting the swap of two adjacent characters as
// one edit (optimal string alignment), the commonest typo in a command
// name: "plna" is one edit from "plan".
func TypoDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}
