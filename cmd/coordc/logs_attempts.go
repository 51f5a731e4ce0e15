package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/coordc/coordc/runtime/launch"
	"github.com/coordc/coordc/runtime/workflow"
)

// writeAttempts prints the ended attempts of a node that user retries ran
// again (their exit records, stdout and stderr, kept by the engine), before
// the current attempt.
func writeAttempts(w io.Writer, runDir, node string) {
	ns, dirs := workflow.AttemptDirs(runDir, node)
	for i, dir := range dirs {
		exit, _ := os.ReadFile(filepath.Join(dir, launch.ExitFile))
		fmt.Fprintf(w, "    attempt %d: directory %s, exit record %q\n", ns[i], dir, strings.TrimSpace(string(exit)))
		writeOutputs(w, dir)
	}
}
