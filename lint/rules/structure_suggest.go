package rules

import "strings"

// didYouMean returns the candidate closest to name by edit distance (case
// differences count half), or "" when none is within a plausible typo
// (at most a third of the name's length, at least one edit) or when two
// candidates are equally close.
func didYouMean(name string, candidates []string) string {
	limit := max(2, 2*len(name)/3) // in half-edits
	best, bestD, ties := "", limit+1, 0
	seen := map[string]bool{}
	for _, c := range candidates {
		if c == name || seen[c] {
			continue
		}
		seen[c] = true
		switch d := halfEdits(name, c); {
		case d < bestD:
			best, bestD, ties = c, d, 1
		case d == bestD:
			ties++
		}
	}
	if ties != 1 {
		return ""
	}
	return best
}

// halfEdits is twice the Levenshtein distance between a and b, where
// replacing a letter by the same letter in another case costs 1 instead
// of 2.
func halfEdits(a, b string) int {
	x, y := []rune(a), []rune(b)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = 2 * j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = 2 * i
		for j := 1; j <= len(y); j++ {
			sub := 2
			switch {
			case x[i-1] == y[j-1]:
				sub = 0
			case strings.EqualFold(string(x[i-1]), string(y[j-1])):
				sub = 1
			}
			cur[j] = min(prev[j]+2, cur[j-1]+2, prev[j-1]+sub)
		}
		prev, cur = cur, prev
	}
	return prev[len(y)]
}
