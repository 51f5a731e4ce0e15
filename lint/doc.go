// Package lint is coordc's rule framework: Analyzer values (one per rule,
// each with an ID, a name, a default severity, a documented bad and good
// example, and a Run over the compiled project), the runner that applies
// configuration, suppressions and baselines, and the report formats.
// The rules themselves live in lint/rules, one file each.
package lint
