// Command coordc compiles, validates, lints, plans and runs Apache
// Oozie-style coordinators written in Oozie XML or HCL.
package main

import "os"

func main() {
	code := run(os.Args, os.Stdin, os.Stdout, os.Stderr)
	removeFlinkApps()
	os.Exit(code)
}
