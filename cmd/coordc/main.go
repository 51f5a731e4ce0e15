// Command coordc compiles, validates, lints, plans and runs Apache
// Oozie-style coordinators written in Oozie XML or HCL.
package main

import "os"

// ownsProcess is true when the CLI runs as the coordc process itself (not
// in a test): commands may then tune the process (see batchGC).
var ownsProcess bool

func main() {
	ownsProcess = true
	code := run(os.Args, os.Stdin, os.Stdout, os.Stderr)
	removeFlinkApps()
	os.Exit(code)
}
