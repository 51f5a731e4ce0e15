package corpus

import (
	"os"
	"testing"
)

func TestLoad(t *testing.T) {
	entries := Entries(t)
	if len(entries) < 300 {
		t.Fatalf("found %d definitions, want the 308 of the shared corpus", len(entries))
	}
	withProps := 0
	for _, e := range entries {
		if _, err := os.Stat(e.File); err != nil {
			t.Errorf("%s: %v", e.Local, err)
		}
		if len(e.Properties) > 0 {
			withProps++
		}
	}
	t.Logf("%d definitions, %d with sibling properties files", len(entries), withProps)
}
