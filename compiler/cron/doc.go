// Package cron implements Oozie's cron dialect for coordinator frequencies:
// parsing with positioned errors, the next fire time, Oozie's submit-time
// checks, gap analysis for DST lints, and a short English description.
//
// # Semantics
//
// Oozie splits the (trimmed) frequency on single spaces into exactly five
// fields — minute, hour, day-of-month, month, day-of-week — and hands each
// Quartz expression "0 " + fields to Quartz 2.3.2's CronExpression,
// evaluated in the processing timezone, UTC. This package reproduces
// Quartz's parser term by term (names read by their first three letters,
// case-insensitive; day-of-week 1–7 = SUN–SAT; '?', L, L-n, nW, LW, nL, n#k;
// wrapping ranges such as 22-2 or NOV-FEB; increments that do not wrap and
// Quartz's increment limits) and its CronExpression.getTimeAfter search
// step by step, on precomputed bitsets, so that the quirks come out the
// same too: "31W" in a 30-day month reads the 31st as the next month's 1st,
// only the smallest value of a list counts with W, nL and n#k, and text
// Quartz does not read ("JANUARY", "5X") is ignored (see Expr.Warnings).
//
// Oozie's own adaptation of day-of-month and day-of-week is applied: when
// neither is '?', a '*' one becomes '?' (day-of-month first); when both are
// specific, Oozie evaluates both single-day-field readings and takes the
// earlier fire, which is Unix-cron OR semantics. Submission parses both
// readings, so an error in either field is reported even when that field is
// later replaced. The month field restricts both readings.
//
// # Deliberate deviations
//
//   - Quartz gives up at the server's current year + 100. Next uses the year
//     of its `after` argument + 100 instead, so results never depend on the
//     wall clock. Quartz also never fires before 1970 or after 2999.
//   - Next ignores sub-second parts of `after`. (Quartz compares a 'W'
//     candidate with millisecond noise from the current time; with
//     whole-minute inputs, the only ones Oozie uses, this cannot matter.)
//   - A tab inside the expression is rejected with the field-count message:
//     Oozie's split keeps it inside a field, but Quartz then splits there
//     and may read a seventh (year) field.
//   - Quartz accepts some input it cannot use; coordc rejects it with a
//     clear message instead: 'L' in the minute, hour or month field (Quartz
//     ignores it, and alone it leaves the field empty so Oozie fails later
//     with an internal error), a field with no values (","), 0W (Quartz
//     accepts it and then searches forever, so Oozie's submit hangs), and
//     day-of-week numbers outside 1–7 before '#'.
//   - Only ASCII letters are upper-cased (Java would also map 'ſ' to S and
//     'ı' to I) and only ASCII digits are numbers.
//   - On 'L-nW' with n ≥ 28 Quartz can loop forever in short months; Next
//     stops after a bounded search and reports no fire, and Loops and
//     LoopsBefore say that Oozie would hang there (lint rule CRON003).
//   - When both day fields are specific and one reading never fires, Oozie
//     fails with a NullPointerException; Next reports no fire and Validate
//     reports it as a separate E0803 error.
//
// # Not here
//
// The package does not classify a frequency as integer or cron (callers
// try Java's Integer.parseInt first), does not apply the job timezone's DST
// correction of materialization (SEMANTICS §5.3), and does not produce
// diagnostics: errors carry byte
// offsets that callers map to file positions.
package cron
