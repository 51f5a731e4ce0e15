package corpus

import (
	"errors"
	"os"
	"testing"
)

// Entries loads the corpus for a test. When ../shared is absent it skips the
// test with a clear message, unless COORDC_REQUIRE_SHARED is set (as CI sets
// it), in which case the test fails.
func Entries(tb testing.TB) []*Entry {
	tb.Helper()
	entries, err := Load()
	if errors.Is(err, ErrMissing) && os.Getenv("COORDC_REQUIRE_SHARED") == "" {
		tb.Skip("skipping: ../shared/corpus/oozie is not beside the repository (set COORDC_REQUIRE_SHARED=1 to make this a failure)")
	}
	if err != nil {
		tb.Fatal(err)
	}
	return entries
}
