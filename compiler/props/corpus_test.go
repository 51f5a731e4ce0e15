package props

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler/corpus"
)

// TestCorpusProperties parses every .properties file of the shared corpus.
func TestCorpusProperties(t *testing.T) {
	root := corpus.Shared(t, "corpus", "oozie")
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".properties") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n++
		ps, diags := Parse(path, data)
		if diags.HasErrors() {
			t.Errorf("%s: %v", path, diags)
		}
		for _, p := range ps {
			checkRanges(t, path, data, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no .properties files found")
	}
	t.Logf("%d files parsed", n)
}

// checkRanges verifies that a property's ranges lie inside the file and are
// ordered.
func checkRanges(t *testing.T, name string, data []byte, p Property) {
	t.Helper()
	k, v, r := p.KeyRange, p.ValueRange, p.Range
	if k.Start.Byte < 0 || k.Start.Byte > k.End.Byte || k.End.Byte > v.Start.Byte ||
		v.Start.Byte > v.End.Byte || v.End.Byte > len(data) ||
		r.Start.Byte != k.Start.Byte || r.End.Byte != v.End.Byte ||
		k.Start.Line < 1 || k.Start.Column < 1 || v.End.Line < k.Start.Line {
		t.Errorf("%s: bad ranges for %q: key %+v value %+v range %+v", name, p.Key, k, v, r)
	}
}
