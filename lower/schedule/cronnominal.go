package schedule

import (
	"time"

	"github.com/coordc/coordc/compiler/oozietime"
)

// nextCron is Oozie's cron materialization loop (SEMANTICS §5.3) as one pass
// from the job start: the cursor starts at start − 1 minute, each fire is the
// first UTC cron time strictly after the cursor, and a fire at least 24 h
// after the previous cursor is shifted by the DST difference between the job
// start and the fire. The end test uses the unshifted cursor, so a fall-back
// shift can put a nominal time at or after the end.
func (it *NominalIter) nextCron() (Nominal, bool) {
	next, ok := it.cron.Next(it.cursor)
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
