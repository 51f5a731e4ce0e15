package corpus

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// RequireSharedEnv names the environment variable that turns a missing
// ../shared from a skipped test into a failed one; CI sets it.
const RequireSharedEnv = "COORDC_REQUIRE_SHARED"

// Entries loads the corpus for a test. When ../shared is absent it skips the
// test with a clear message, unless COORDC_REQUIRE_SHARED is set (as CI sets
// it), in which case the test fails.
func Entries(tb testing.TB) []*Entry {
	tb.Helper()
	Shared(tb)
	entries, err := Load()
	if err != nil {
		tb.Fatal(err)
	}
	return entries
}

// Shared returns the path of elem inside ../shared, the reference material
// and corpus that sit beside the repository (the directory holding
// go.mod), for tests that read it there (never copied into the project).
// When ../shared is absent it skips tb, or fails it when
// COORDC_REQUIRE_SHARED is set; a missing elem inside an existing ../shared
// always fails tb.
func Shared(tb testing.TB, elem ...string) string {
	tb.Helper()
	dir, err := SharedDir()
	if err != nil {
		if errors.Is(err, ErrMissing) && os.Getenv(RequireSharedEnv) == "" {
			tb.Skipf("skipping: %v (set %s=1 to make this a failure)", err, RequireSharedEnv)
		}
		tb.Fatal(err)
	}
	p := filepath.Join(append([]string{dir}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Fatalf("%v: ../shared is there but lacks what this test reads", err)
	}
	return p
}

// SharedDir returns the absolute path of ../shared relative to the
// repository root found upwards from the working directory, or an error
// matching ErrMissing.
func SharedDir() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			shared := filepath.Join(filepath.Dir(d), "shared")
			if st, err := os.Stat(shared); err == nil && st.IsDir() {
				return shared, nil
			}
			return "", ErrMissing
		}
		if filepath.Dir(d) == d {
			return "", ErrMissing
		}
	}
}

// SourceFiles returns the repository root (the directory holding go.mod,
// found upwards from the working directory) and every non-test Go file
// below it, relative to the root with forward slashes: what the tests that
// check the shape of the code base read. testdata and hidden directories
// are skipped.
func SourceFiles(tb testing.TB) (root string, files []string) {
	tb.Helper()
	wd, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for root = wd; ; root = filepath.Dir(root) {
		if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
			break
		}
		if filepath.Dir(root) == root {
			tb.Fatal("no go.mod above the working directory")
		}
	}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); path != root && (n == "testdata" || strings.HasPrefix(n, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			rel, err := filepath.Rel(root, path)
			if err != nil {
				return err
			}
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if len(files) < 100 {
		tb.Fatalf("only %d Go files under %s; is this the repository?", len(files), root)
	}
	return root, files
}

// ReadShared returns the content of the file elem inside ../shared, with
// Shared's skip-or-fail rule when ../shared is absent.
func ReadShared(tb testing.TB, elem ...string) []byte {
	tb.Helper()
	data, err := os.ReadFile(Shared(tb, elem...))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}
