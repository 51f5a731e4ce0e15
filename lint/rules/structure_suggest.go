package rules

import (
	"slices"

	"github.com/coordc/coordc/compiler/suggest"
)

// didYouMean returns the candidate closest to name (coordc's one edit
// distance, compiler/suggest, with its default budget), or "" when none is
// a plausible typo or two are equally close. Repeated candidates count once.
func didYouMean(name string, candidates []string) string {
	uniq := slices.Compact(slices.Sorted(slices.Values(candidates)))
	best, unique := suggest.Closest(name, uniq, suggest.DefaultMaxEdits(len([]rune(name))), nil)
	if !unique {
		return ""
	}
	return best
}
