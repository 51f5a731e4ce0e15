// Package lint is coordc's rule framework: Analyzer values (one per rule,
// each with an ID, a name, a default severity, a documented bad and good
// example, and a Run over the compiled project), the runner that applies
// configuration, suppressions and baselines, and the report formats.
// The rules themselves live in lint/rules, one file each; the output
// formats in lint/report; the fixture harness in lint/linttest.
//
// Run is the entry point. It is deterministic: findings are sorted by file,
// line, column, rule and message, and do not depend on the order of files
// or analyzers. Suppression directives (coordc:ignore, coordc:ignore-file)
// are read from the sources, not from the IR, so they work in every file
// kind; the framework rule SUP001 (SuppressionRuleID) reports the
// directives themselves. Package lint does not load definitions (package
// compiler does) and does not print anything; it tells the loader which job
// properties belong to which definition (JobProperties: beside it, by
// oozie.coord.application.path, or mapped in .coordc.hcl), which XML files
// to leave alone (Skipped: pom.xml, *-site.xml …) and checks workflow
// definitions with the compiler's workflow front end (WorkflowDiagnostics).
package lint
