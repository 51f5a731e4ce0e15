package rules

import (
	"testing"

	"github.com/coordc/coordc/lint/linttest"
)

func TestSUP001(t *testing.T) {
	linttest.Run(t, SUP001, "../../testdata/lint/SUP001", All()...)
	linttest.CheckDoc(t, SUP001, All()...)
}
