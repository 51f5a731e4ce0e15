// Package linttest is the test harness for lint rules: it lints fixture
// files and compares the findings with expectations written in the
// fixtures themselves, applies fixes and compares the result with golden
// files, and checks each rule's documentation examples.
//
// # Layout
//
// A rule's fixtures live in testdata/lint/<RULE-ID>/ at the repository
// root; a rule test calls
//
//	linttest.Run(t, rules.DST001, "../../testdata/lint/DST001")
//	linttest.CheckDoc(t, rules.DST001)
//
// Every *.xml file directly in the directory is a project of its own; a
// sibling file with the same base name and the extension .properties
// (coord.xml → coord.properties) is loaded as its job properties. Every
// subdirectory is one project of all the definition files below it (*.xml
// and *.coord.hcl), with all its *.properties files; use that for
// cross-file rules (a coordinator and the datasets file it includes, two
// coordinators of a pipeline). Names starting with "." or "_" are skipped.
//
// coordc compiles all *.coord.hcl files of a directory as one
// configuration, so an HCL fixture always lives in a subdirectory of its
// own, named hcl-CASE by convention:
//
//	testdata/lint/DST001/hcl-literal1440/coordinator.coord.hcl
//
// A *.coord.hcl file directly in the rule's directory is an error.
//
// # Expectations
//
// A want comment on a line expects a finding of the rule that starts on
// that line:
//
//	<frequency>1440</frequency> <!-- want "DST001" -->
//	<frequency>1440</frequency> <!-- want "DST001: drifts across DST" -->
//
// In HCL fixtures the comment is `# want "DST001"` (or `//`, or `/* */`),
// found with the HCL scanner, so "#" and "//" inside strings (hdfs://…)
// are not comments. The text
// after "ID:" is a regular expression matched against the finding's
// summary. A comment may list several quoted expectations, each matched
// by its own finding. When a comment cannot share the line (inside an
// attribute value, or when the line itself is a comment under test), write
// it on another line with an offset: `<!-- want+1 "TZ001" -->` expects the
// finding on the next line, `want-1` on the previous one.
//
// Every finding of the rule must be wanted and every want must be met;
// suppressed findings (coordc:ignore directives in the fixture) are not
// compared, so a fixture can also prove that suppression works. Findings
// of other rules and load diagnostics are ignored.
//
// # Fixes
//
// The fixes of all findings are applied; if that changes a file, the
// result must equal <file>.golden next to it (a .golden file without
// fixes must equal the file unchanged). `go test -update` rewrites the
// golden files; the flag is defined here, so rule test packages must not
// define their own.
//
// The fixed project is then loaded and linted again (the fixed files from
// memory, through compiler.Options.Overlay): every applied fix must remove its finding and add
// none, so the rule reports exactly the findings that had no fix, and
// loading must report no more errors than before. An HCL file that coordc
// fmt accepts must still be formatted after the fixes.
//
// linttest is for tests only; it is not the linter's runner (lint.Run).
package linttest
