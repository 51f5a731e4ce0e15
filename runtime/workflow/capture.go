package workflow

import (
	"fmt"
	"os"

	"github.com/coordc/coordc/compiler/props"
)

// MaxOutputData is the largest capture-output accepted, Oozie's default
// oozie.action.max.output.data (2 KB).
const MaxOutputData = 2048

// readCapture reads a shell action's stdout as Java properties.
func readCapture(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parseCapture(path, data)
}

func parseCapture(path string, data []byte) (map[string]string, error) {
	if len(data) > MaxOutputData {
		return nil, fmt.Errorf("Output data size [%d] exceeds maximum [%d]: capture-output takes at most %d bytes of key=value lines", len(data), MaxOutputData, MaxOutputData)
	}
	ps, diags := props.Parse(path, data)
	if diags.HasErrors() {
		return nil, fmt.Errorf("capture-output is not in Java properties format: %s", diagText(diags))
	}
	return props.ToMap(ps), nil
}
