// Package report renders lint findings: one model (Report, whose JSON
// encoding is the published lint-report v1) projected into every output
// format — text with snippets, compact one-liners, JSON, SARIF 2.1.0,
// GitHub Actions workflow commands with a step summary, and Markdown —
// plus the Markdown form of a rule's documentation (`coordc explain`).
//
// It does not decide what is reported or whether a run fails: that is
// package lint and the CLI.
package report
