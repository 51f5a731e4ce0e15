package compiler_test

import (
	"os"
	"testing"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/corpus"
)

// BenchmarkLoadCorpus parses and validates every corpus definition with its
// sibling properties, as `coordc validate` would, one Load per file.
func BenchmarkLoadCorpus(b *testing.B) {
	entries := corpus.Entries(b)
	var size int64
	for _, e := range entries {
		if st, err := os.Stat(e.File); err == nil {
			size += st.Size()
		}
	}
	b.SetBytes(size)
	for b.Loop() {
		for _, e := range entries {
			compiler.Load([]string{e.File}, compiler.Options{PropertiesFiles: e.Properties})
		}
	}
}
