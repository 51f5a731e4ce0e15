// Package plan renders the actions package schedule computes as a reviewable
// plan (`coordc plan`): a text table for code review, Markdown for pull
// request comments, and the plan.v1 JSON document that is also the snapshot
// format. Diff compares a snapshot with a fresh plan and prints only what
// changed: added, removed and shifted actions, and changed inputs, outputs,
// configuration and flags.
//
// Output is deterministic: no run timestamps, sorted JSON keys, every time
// written in UTC or with an explicit offset, so the same input gives the
// same bytes on every machine and in every host time zone. Actions are
// streamed: memory does not grow with their number, in Write or in Diff.
//
// The JSON contract is published in package schemas (plan.v1.schema.json
// and plan-diff.v1.schema.json); File and DiffFile mirror it as Go types.
//
// Jobs makes the Job of every coordinator a project plans (its own and the
// enabled ones of its bundles), whose Each streams the actions package
// schedule computes over the window; Write and Diff render any Jobs. This
// package does not compute schedules, resolve datasets or choose the window,
// and it does not read the wall clock.
package plan
