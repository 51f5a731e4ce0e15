package rules

import (
	"path/filepath"
	"testing"

	"github.com/coordc/coordc/lint/linttest"
)

// TestTimeRules runs every time rule over its fixtures in
// testdata/lint/<ID> (want comments, fix goldens) and checks its doc
// examples.
func TestTimeRules(t *testing.T) {
	for _, a := range timeRules {
		t.Run(a.ID, func(t *testing.T) {
			linttest.Run(t, a, filepath.Join("..", "..", "testdata", "lint", a.ID))
			linttest.CheckDoc(t, a)
		})
	}
}
