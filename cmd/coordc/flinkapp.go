package main

import "github.com/coordc/coordc/runtime/submit"

// removeFlinkApps deletes the private directory of the workflow apps
// generated for HCL flink blocks (submit.RemoveFlinkApps).
func removeFlinkApps() { submit.RemoveFlinkApps() }
