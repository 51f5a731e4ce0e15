package xmlfront

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestZZSlow(t *testing.T) {
	files, _ := filepath.Glob("/root/.cache/go-build/fuzz/github.com/coordc/coordc/compiler/xmlfront/FuzzParse/*")
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		lines := strings.Split(string(raw), "\n")
		s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")"))
		if err != nil { continue }
		st := time.Now()
		Parse("x", []byte(s))
		if d := time.Since(st); d > 5*time.Millisecond { t.Logf("%v %d %q", d, len(s), s[:min(len(s), 80)]) }
	}
}
