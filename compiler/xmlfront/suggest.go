package xmlfront

import (
	"fmt"

	suggestpkg "github.com/coordc/coordc/compiler/suggest"
)

// suggest returns the candidate closest to s by edit distance, or "" when
// none is close enough to be a likely typo.
func suggest(s string, candidates []string) string {
	best, _ := suggestpkg.Closest(s, candidates, len(s)/3+1, nil)
	return best
}

// didYouMean formats a suggestion as a sentence, or "" when there is none.
func didYouMean(s string, candidates []string) string {
	if c := suggest(s, candidates); c != "" {
		return fmt.Sprintf(" Did you mean %q?", c)
	}
	return ""
}
