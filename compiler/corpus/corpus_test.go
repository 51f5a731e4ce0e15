package corpus

import (
	"errors"
	"os"
	"path/filepath"
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

// TestSharedMissing runs Shared in a repository without ../shared: the test
// is skipped, unless COORDC_REQUIRE_SHARED asks for a failure (checked by
// SharedDir's error, since a failing subtest would fail this test).
func TestSharedMissing(t *testing.T) {
	root := filepath.Join(t.TempDir(), "repo")
	if err := os.MkdirAll(filepath.Join(root, "pkg"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(root, "pkg"))
	if _, err := SharedDir(); !errors.Is(err, ErrMissing) {
		t.Fatalf("SharedDir() = %v, want ErrMissing", err)
	}
	t.Setenv(RequireSharedEnv, "")
	var skipped bool
	t.Run("skips", func(t *testing.T) {
		defer func() { skipped = t.Skipped() }()
		Shared(t, "reference")
	})
	if !skipped {
		t.Error("Shared did not skip without ../shared")
	}
}
