package schedule

import (
	"fmt"
	"time"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/hashicorp/hcl/v2"
)

// nextCron is Oozie's cron materialization loop (SEMANTICS §5.3) as one pass
// from the job start: the cursor starts at start − 1 minute, each fire is the
// first UTC cron time strictly after the cursor, and a fire at least 24 h
// after the previous cursor is shifted by the DST difference between the job
// start and the fire. The end test uses the unshifted cursor, so a fall-back
// shift can put a nominal time at or after the end.
func (it *NominalIter) nextCron() (Nominal, bool) {
	next, ok := it.cron.Next(it.cursor)
	if !ok && it.cron.Loops(it.cursor) {
		it.loops = loopsDiag(it.freqRange, it.cron.String(), it.cursor, it.start)
	}
	if !ok || !next.Before(it.end) {
		it.done = true
		return Nominal{}, false
	}
	prev := it.cursor
	it.cursor = next
	nominal := next
	corrected := false
	if next.Sub(prev) >= 24*time.Hour {
		if off := oozietime.DSTOffset(it.loc, it.start, next); off != 0 {
			nominal, corrected = nominal.Add(off), true
		}
	}
	it.k++
	day, overlap := it.zone.dstFlags(nominal)
	return Nominal{Number: it.k, Time: nominal, Flags: flagSet(corrected, false, overlap, day, false)}, true
}

// loopsDiag says that the schedule stops because Quartz never finds the fire
// after `after` (SEMANTICS §5.3; package cron, Expr.Loops).
func loopsDiag(rng hcl.Range, expr string, after, start time.Time) *hcl.Diagnostic {
	when := "the last action, " + oozietime.FormatDateTime(after)
	if !after.After(start.Add(-time.Minute)) {
		when = "the start"
	}
	d := diag.Errorf(rng, diag.CRON003, "The schedule stops after %s: Oozie would hang there", when)
	d.Detail = fmt.Sprintf("Quartz never finds the fire of %q after %s (its search loops forever on 'L-nW' with n ≥ 28 in some months), "+
		"so Oozie's materialization of this job would spin instead of creating the next action. "+
		"Use 'L-n' without W, or 'LW', or list the days.", expr, oozietime.FormatDateTime(after))
	return d
}
