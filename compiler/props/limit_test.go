package props_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/props"
)

// TestPropertiesFileCap is the properties bullet of issue 11: a 50 MB
// file of a million keys took 1.5 GB. Files over MaxFileSize are refused
// after reading MaxFileSize+1 bytes.
func TestPropertiesFileCap(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.properties")
	line := "some.property.key=some value\n"
	if err := os.WriteFile(big, []byte(strings.Repeat(line, props.MaxFileSize/len(line)+1)), 0o600); err != nil {
		t.Fatal(err)
	}
	_, diags := compiler.Load([]string{"../../testdata/examples/daily-logs/coordinator.xml"}, compiler.Options{PropertiesFiles: []string{big}})
	if !diags.HasErrors() || !strings.Contains(diags.Error(), "the limit is 1 MiB") {
		t.Fatalf("diagnostics = %v, want the size limit", diags)
	}
}
