package workflow

import (
	"fmt"
	"io"
	"os"

	"github.com/coordc/coordc/compiler/props"
)

// MaxOutputData is the largest capture-output accepted, Oozie's default
// oozie.action.max.output.data (2 KB).
const MaxOutputData = 2048

// readCapture reads a shell action's stdout as Java properties. It reads
// at most MaxOutputData+1 bytes, however much the action printed (issue
// 11, F9: 1.5 GB of output were read whole before the limit was checked).
func readCapture(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxOutputData+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxOutputData {
		size := int64(len(data))
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
		return nil, outputTooLarge(size)
	}
	return parseCapture(path, data)
}

// outputTooLarge is Oozie's error for capture-output over the limit.
func outputTooLarge(size int64) error {
	return fmt.Errorf("Output data size [%d] exceeds maximum [%d]: capture-output takes at most %d bytes of key=value lines", size, MaxOutputData, MaxOutputData)
}

func parseCapture(path string, data []byte) (map[string]string, error) {
	if len(data) > MaxOutputData {
		return nil, outputTooLarge(int64(len(data)))
	}
	ps, diags := props.Parse(path, data)
	if diags.HasErrors() {
		return nil, fmt.Errorf("capture-output is not in Java properties format: %s", diagText(diags))
	}
	return props.ToMap(ps), nil
}
