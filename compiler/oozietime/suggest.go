package oozietime

import (
	"regexp"
	"strings"
	"sync"

	"github.com/coordc/coordc/compiler/suggest"
)

var looseGMT = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?i:gmt|utc)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$`) })

// SuggestZone returns the valid ID closest to an invalid one, for
// "did you mean" hints: an exact case-insensitive match first ("utc" → "UTC"),
// then a loose GMT offset rewritten to the accepted form ("GMT+5:30" →
// "GMT+05:30"), then a unique region whose city part matches ("kolkata" →
// "Asia/Kolkata"), then the nearest ID by edit distance
// ("Americas/Los_Angeles" → "America/Los_Angeles"). It returns "" when id is
// already valid or nothing is close enough.
func SuggestZone(id string) string {
	if _, _, err := LoadZone(id); err == nil || strings.TrimSpace(id) == "" {
		return ""
	}
	ids := ZoneIDs()
	folded := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(id), " ", "_"))
	for _, c := range ids {
		if strings.ToLower(c) == folded {
			return c
		}
	}
	if m := looseGMT().FindStringSubmatch(strings.TrimSpace(id)); m != nil {
		mm := m[3]
		if mm == "" {
			mm = "00"
		}
		hh := m[2]
		if len(hh) == 1 {
			hh = "0" + hh
		}
		cand := "GMT" + m[1] + hh + ":" + mm
		if _, _, err := LoadZone(cand); err == nil {
			return cand
		}
	}
	var city string
	for _, c := range ids {
		if i := strings.LastIndexByte(c, '/'); i >= 0 && strings.ToLower(c[i+1:]) == folded {
			if city != "" {
				city = ""
				break
			}
			city = c
		}
	}
	if city != "" {
		return city
	}
	best, _ := suggest.Closest(folded, ids, maxSuggestDistance(folded), nil)
	return best
}

// maxSuggestDistance is how many edits a suggestion may be away: one for
// three-letter IDs (so "UTZ" suggests "UTC" but "XYZ" suggests nothing), more
// for longer names.
func maxSuggestDistance(s string) int {
	switch n := len(s); {
	case n <= 4:
		return 1
	case n <= 12:
		return 2
	default:
		return 3
	}
}
