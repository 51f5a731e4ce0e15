package workflow

import "github.com/coordc/coordc/compiler/suggest"

// closest returns the unique candidate nearest to name, or "".
func closest(name string, candidates []string) string {
	s, unique := suggest.Closest(name, candidates, suggest.DefaultMaxEdits(len(name)), suggest.Distance)
	if !unique {
		return ""
	}
	return s
}
