package schedule

import (
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
)

// maxRange caps the number of instances one range may walk. Oozie has no
// limit; coordc refuses absurd ranges instead of running for hours.
const maxRange = 1_000_000

// maxSeq caps the cached repeated-step sequence of a dataset (see stepSeq).
const maxSeq = 1 << 20

// step is one frequency unit in a zone with java.util.Calendar.add semantics.
// MINUTE and HOUR adds are absolute, so they are done on Unix seconds (no
// Duration overflow for far dates); the others go through oozietime.Add.
type step struct {
	loc   *time.Location
	field oozietime.Field
	secs  int64 // seconds per unit for absolute units, 0 for calendar units
}

func newStep(u ir.TimeUnit, loc *time.Location) (step, bool) {
	switch u {
	case ir.UnitMinute:
		return step{loc: loc, field: oozietime.Minute, secs: 60}, true
	case ir.UnitHour:
		return step{loc: loc, field: oozietime.Hour, secs: 3600}, true
	case ir.UnitDay:
		return step{loc: loc, field: oozietime.Day}, true
	case ir.UnitWeek:
		return step{loc: loc, field: oozietime.Week}, true
	case ir.UnitMonth:
		return step{loc: loc, field: oozietime.Month}, true
	case ir.UnitYear:
		return step{loc: loc, field: oozietime.Year}, true
	}
	return step{}, false
}

func (s step) add(t time.Time, n int) time.Time {
	if s.secs != 0 {
		return time.Unix(t.Unix()+int64(n)*s.secs, 0).UTC()
	}
	return oozietime.Add(t, s.loc, s.field, n)
}

// endOf maps Oozie's end_of_duration flag to oozietime's.
func endOf(e ir.EndOf) (oozietime.EndOf, bool) {
	switch e {
	case ir.EndOfDay:
		return oozietime.EndOfDay, true
	case ir.EndOfWeek:
		return oozietime.EndOfWeek, true
	case ir.EndOfMonth:
		return oozietime.EndOfMonth, true
	}
	return 0, false
}

// dataset is a dataset prepared for instance arithmetic (SEMANTICS §3.2,
// §6.1): its effective initial instance I*, frequency and zone, its compiled
// uri-template and done-flag.
type dataset struct {
	ir   *ir.Dataset
	st   step
	unit ir.TimeUnit
	freq int
	init time.Time // I*
	uri  *uriTemplate
	// done is the done-flag appended to a URI ("/_SUCCESS"), "" when the
	// directory itself is the flag.
	done string

	// Cache of the last current-instance computation (several events of one
	// action often share a dataset).
	memoT     time.Time
	memoCal   time.Time
	memoCount int
	memoOK    bool
	memoSet   bool

	// seq is I*, I*+f, I*+f+f, ... by repeated addition, as Oozie's offset
	// rewinding steps; grown on demand up to maxSeq entries.
	seq []time.Time
}

// current is Oozie's getCurrentInstance: the calendar it ends on (which may
// have drifted: it is reached by repeated addition) and the instance count
// c(t). ok is false when I* is after t.
func (d *dataset) current(t time.Time) (cal time.Time, count int, ok bool) {
	if d.memoSet && d.memoT.Equal(t) {
		return d.memoCal, d.memoCount, d.memoOK
	}
	cal, count, ok = d.computeCurrent(t)
	d.memoT, d.memoCal, d.memoCount, d.memoOK, d.memoSet = t, cal, count, ok, true
	return cal, count, ok
}

func (d *dataset) computeCurrent(t time.Time) (time.Time, int, bool) {
	if d.init.After(t) {
		return time.Time{}, 0, false
	}
	cur, count := d.init, 0
	if est := d.estimate(t); est > 2 {
		count = est / d.freq
		cur = d.st.add(d.init, count*d.freq)
	}
	for !cur.After(t) {
		cur = d.st.add(cur, d.freq)
		count++
	}
	return d.st.add(cur, -d.freq), count - 1, true
}

// estimate is Oozie's first guess of the number of units between I* and t:
// a division for fixed-length units, the calendar field difference for
// months and years (SEMANTICS §6.1).
func (d *dataset) estimate(t time.Time) int {
	diff := t.Unix() - d.init.Unix()
	switch d.unit {
	case ir.UnitMinute:
		return int(diff / 60)
	case ir.UnitHour:
		return int(diff / 3600)
	case ir.UnitDay:
		return int(diff / 86400)
	case ir.UnitWeek:
		return int(diff / (7 * 86400))
	}
	a, b := d.init.In(d.st.loc), t.In(d.st.loc)
	if d.unit == ir.UnitYear {
		return b.Year() - a.Year()
	}
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}

// at is instance k: I* plus k·f units in one calendar add.
func (d *dataset) at(k int) time.Time { return d.st.add(d.init, k*d.freq) }

// currentRange is Oozie's coord_currentRange_sync: the first instance is
// I* + (c+a)·f, the following ones are reached by repeated addition; those
// before I* are skipped; the result is newest first and appended to out.
// Nothing is appended when I* is after the nominal time.
func (d *dataset) currentRange(nt time.Time, a, b int, out []time.Time) []time.Time {
	_, c, ok := d.current(nt)
	if !ok {
		return out
	}
	first := len(out)
	cal := d.at(c + a)
	for i := a; i <= b; i++ {
		if !cal.Before(d.init) {
			out = append(out, cal)
		}
		cal = d.st.add(cal, d.freq)
	}
	reverse(out[first:])
	return out
}

func reverse(ts []time.Time) {
	for i, j := 0, len(ts)-1; i < j; i, j = i+1, j-1 {
		ts[i], ts[j] = ts[j], ts[i]
	}
}

// rewind is the second half of Oozie's coord_offset_sync: the latest
// instance at or before raw, found by stepping from I* by ±f. It returns
// ok=false for "" (before I*), and drift=true when the stepped instance and
// the one-add instance disagree (Oozie's "Shouldn't happen" error).
func (d *dataset) rewind(raw time.Time) (inst time.Time, ok, drift bool) {
	if raw.Before(d.init) {
		return time.Time{}, false, false
	}
	var k int
	var cal time.Time
	if d.st.secs != 0 {
		stepSecs := int64(d.freq) * d.st.secs
		k = int((raw.Unix() - d.init.Unix()) / stepSecs)
		return d.at(k), true, false
	}
	k, cal = d.stepTo(raw)
	if cal.After(raw) {
		cal = d.st.add(cal, -d.freq)
		k--
	}
	nom := d.at(k)
	if nom.Before(d.init) {
		return time.Time{}, false, false
	}
	if oozietime.FormatDateTime(cal) != oozietime.FormatDateTime(nom) {
		return cal, true, true
	}
	return cal, true, false
}

// stepTo returns the first element of the repeated-step sequence that is not
// before raw, and its index.
func (d *dataset) stepTo(raw time.Time) (int, time.Time) {
	if len(d.seq) == 0 {
		d.seq = append(d.seq, d.init)
	}
	last := d.seq[len(d.seq)-1]
	for last.Before(raw) && len(d.seq) < maxSeq {
		last = d.st.add(last, d.freq)
		d.seq = append(d.seq, last)
	}
	if last.Before(raw) {
		// Beyond the cache: keep stepping without storing.
		k := len(d.seq) - 1
		for last.Before(raw) {
			last = d.st.add(last, d.freq)
			k++
		}
		return k, last
	}
	lo, hi := 0, len(d.seq)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if d.seq[mid].Before(raw) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo, d.seq[lo]
}
