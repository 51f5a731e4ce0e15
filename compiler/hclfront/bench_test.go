package hclfront

import (
	"os"
	"testing"
)

func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile("../../testdata/examples/daily-logs/coordinator.coord.hcl")
	if err != nil {
		b.Skip("example not found")
	}
	files := map[string][]byte{"c.coord.hcl": data}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		Parse(files, Options{})
	}
}
