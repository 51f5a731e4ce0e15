package el

import "strings"

// Suggest returns the catalog function name closest to name, for a
// "did you mean" hint, or "" when nothing is close or two candidates are
// equally close. Matching ignores case and also compares the names without
// their prefixes, so "coord:currnet", "current" and "wf:current" all suggest
// "coord:current".
func Suggest(name string) string {
	best, unique := suggest(name)
	if !unique {
		return ""
	}
	return best
}

// suggest returns the closest catalog name and whether it is the only one
// at that distance.
func suggest(name string) (string, bool) {
	names := make([]string, 0, len(Functions()))
	for _, f := range Functions() {
		names = append(names, f.Name)
	}
	return closest(name, names, func(a, b string) int {
		d := distance(a, b)
		la, lb := localName(a), localName(b)
		if dl := distance(la, lb); la != a || lb != b {
			if prefixOf(a) != prefixOf(b) {
				dl++
			}
			d = min(d, dl)
		}
		return d
	}, len(localName(name)))
}

// closest picks the candidate with the smallest dist to word, allowing at
// most max(1, size/3) edits.
func closest(word string, candidates []string, dist func(a, b string) int, size int) (string, bool) {
	limit := max(1, size/3)
	best, bestD, ties := "", limit+1, 0
	for _, c := range candidates {
		if c == word {
			continue
		}
		d := dist(word, c)
		switch {
		case d < bestD:
			best, bestD, ties = c, d, 1
		case d == bestD:
			ties++
		}
	}
	return best, best != "" && ties == 1
}

func localName(s string) string {
	if i := strings.IndexByte(s, ':'); i >= 0 {
		return s[i+1:]
	}
	return s
}

func prefixOf(s string) string {
	if i := strings.IndexByte(s, ':'); i >= 0 {
		return s[:i]
	}
	return ""
}

// distance is the Levenshtein distance between a and b, compared without
// case; a difference in case alone counts as one edit.
func distance(a, b string) int {
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
