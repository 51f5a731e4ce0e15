package rules

import (
	"path/filepath"
	"testing"

	"github.com/coordc/coordc/lint/linttest"
)

func TestStructureRules(t *testing.T) {
	for _, a := range structureRules {
		t.Run(a.ID, func(t *testing.T) {
			linttest.Run(t, a, filepath.Join("..", "..", "testdata", "lint", a.ID))
			linttest.CheckDoc(t, a)
		})
	}
}
