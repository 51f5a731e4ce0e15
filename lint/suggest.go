package lint

import "fmt"

// suggestRule returns "Did you mean "X"? " for the closest rule ID or name
// to s, or "".
func suggestRule(s string, analyzers []*Analyzer) string {
	best, bestDist := "", 3
	for _, a := range analyzers {
		for _, cand := range []string{a.ID, a.Name} {
			if d := levenshtein(s, cand); d < bestDist {
				best, bestDist = cand, d
			}
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("Did you mean %q? ", best)
}

// levenshtein is the edit distance between a and b, case-insensitive for
// ASCII letters.
func levenshtein(a, b string) int {
	lower := func(c byte) byte {
		if 'A' <= c && c <= 'Z' {
			return c + 'a' - 'A'
		}
		return c
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if lower(a[i-1]) == lower(b[j-1]) {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
