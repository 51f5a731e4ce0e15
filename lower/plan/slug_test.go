package plan

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gosimple/slug"
)

// TestASCIISlug: the ASCII fast path gives the library's slug for every
// kind of ASCII name (hand-picked and 20,000 random ones).
func TestASCIISlug(t *testing.T) {
	names := []string{"", " ", "daily-report", "Daily_Report", "  a  b  ", "a--b", "-a-", "_a_", "R&D @ home",
		"x&&y", "a@b", "--", "__", "a_-_b", "ÀB", "\tx\n", "ETL.v2 (nightly)", "a\x00b\x7f"}
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = " \t\n-_&@.aAzZ09#/ "
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			if rng.IntN(4) == 0 {
				b.WriteByte(byte(rng.IntN(128)))
			} else {
				b.WriteByte(alphabet[rng.IntN(len(alphabet))])
			}
		}
		names = append(names, b.String())
	}
	for _, n := range names {
		if !isASCII(n) {
			continue
		}
		if got, want := asciiSlug(n), slug.MakeLang(n, slugLang); got != want {
			t.Errorf("asciiSlug(%q) = %q, slug.MakeLang = %q", n, got, want)
		}
	}
}
