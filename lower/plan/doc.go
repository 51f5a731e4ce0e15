// Package plan renders the actions package schedule computes as a reviewable
// plan (`coordc plan`): a text table for code review, Markdown for pull
// request comments (ending with Mermaid gantt charts of the actions around
// each DST transition), the plan.v1 JSON document that is also the snapshot
// format, and timelines: a static SVG picture and a self-contained,
// interactive HTML page (one lane per coordinator, local midnights, DST days
// shaded and named, input windows as bars, lint findings pinned to actions
// as given in Options.Pins, producer→consumer Links). Diff compares a
// snapshot with a fresh plan and prints only what changed: added, removed
// and shifted actions, and changed inputs, outputs, configuration and flags;
// for the timelines it marks the changes on the new plan.
//
// The HTML page streams the actions into <script> data blocks as they come;
// the SVG keeps at most svgDetailLimit actions per lane and then counts per
// local day. Zones come from the embedded tz database (compiler/oozietime),
// never from the host; the page's script uses the offsets written into it,
// not the browser's time zone.
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
