package cron

import (
	"fmt"
	"math/bits"
	"strings"
)

// Field indexes, in the order Oozie writes them.
const (
	fMinute = iota
	fHour
	fDOM
	fMonth
	fDOW
)

var (
	fieldNames = [5]string{"minute", "hour", "day-of-month", "month", "day-of-week"}
	fieldLo    = [5]int{0, 0, 1, 1, 1}
	fieldHi    = [5]int{59, 23, 31, 12, 7}
	monthNames = []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}
	dayNames   = []string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}
)

// field is one Quartz field after parsing: the value set as a bitset plus
// the special markers and flags Quartz keeps beside it.
type field struct {
	bits     uint64 // bit v set when value v is in the set
	noSpec   bool   // a '?' term (Quartz's NO_SPEC marker)
	noSpecAt int    // byte offset of the first '?' term
	allMark  bool   // a bare '*' term (Quartz's ALL_SPEC marker)
	lastDOM  bool   // day-of-month L, L-n, LW, L-nW
	lastOff  int    // n of L-n
	nearestW bool   // day-of-month nW or LW
	lastDOW  bool   // day-of-week nL
	nth      int    // k of day-of-week n#k; 0 when absent
}

// first returns the smallest value of the set (the only one Quartz looks at
// for W, nL and n#k).
func (f *field) first() int {
	return bits.TrailingZeros64(f.bits)
}

// fieldParser reads one field the way Quartz 2.3.2's CronExpression does:
// comma-separated terms, each read left to right with Quartz's own
// tolerance for trailing characters (they are ignored, and reported here as
// warnings).
type fieldParser struct {
	expr  string // the whole expression, for ParseError
	kind  int
	base  int    // byte offset of s inside expr
	s     string // the field, trimmed like java.lang.String.trim, upper-cased (ASCII)
	f     field
	warns []ParseError
}

func (p *fieldParser) errAt(off, n int, format string, args ...any) *ParseError {
	if n < 1 {
		n = 1
	}
	return &ParseError{Expr: p.expr, Field: p.kind, Offset: p.base + off, Length: n, Msg: fmt.Sprintf(format, args...)}
}

func (p *fieldParser) warnAt(off, n int, format string, args ...any) {
	p.warns = append(p.warns, *p.errAt(off, n, format, args...))
}

// ignored records that Quartz stops reading term t (at offset off) at i.
func (p *fieldParser) ignored(t string, off, i int) {
	if i < len(t) {
		p.warnAt(off+i, len(t)-i, "Quartz ignores %q after %q in the %s field", t[i:], t[:i], fieldNames[p.kind])
	}
}

func (p *fieldParser) name() string { return fieldNames[p.kind] }

func (p *fieldParser) rangeErr(off, n, v int) *ParseError {
	e := p.errAt(off, n, "%s %d is out of range %d-%d", p.name(), v, fieldLo[p.kind], fieldHi[p.kind])
	if p.kind == fDOW {
		e.Msg += " (Oozie counts 1 = Sunday)"
	}
	return e
}

// parse reads the whole field.
func (p *fieldParser) parse() *ParseError {
	s := p.s
	if p.kind == fDOM || p.kind == fDOW {
		if strings.IndexByte(s, 'L') >= 0 && len(s) > 1 && strings.IndexByte(s, ',') >= 0 {
			what := "days of the month"
			if p.kind == fDOW {
				what = "days of the week"
			}
			return p.errAt(0, len(s), "'L' cannot be combined with other %s in a list", what)
		}
	}
	if p.kind == fDOW {
		if i := strings.IndexByte(s, '#'); i >= 0 {
			if j := strings.IndexByte(s[i+1:], '#'); j >= 0 {
				return p.errAt(i+1+j, 1, "only one '#' term is allowed in the day-of-week field")
			}
		}
	}
	off := 0
	for _, t := range strings.Split(s, ",") {
		if t != "" {
			if err := p.term(t, off); err != nil {
				return err
			}
		}
		off += len(t) + 1
	}
	f := &p.f
	if f.bits == 0 && !f.noSpec && !f.lastDOM {
		return p.errAt(0, len(s), "the %s field has no values", p.name())
	}
	if n := bits.OnesCount64(f.bits); n > 1 && (f.nearestW || f.lastDOW || f.nth > 0) {
		p.warnAt(0, len(s), "with 'W', 'L' or '#' Quartz uses only the smallest value, %d; the other %d values are ignored", f.first(), n-1)
	}
	if f.nearestW && !f.lastDOM && f.first() >= 29 {
		p.warnAt(0, len(s), "'%dW' overflows into the next month in shorter months, where Quartz skips or shifts fires", f.first())
	}
	if f.lastDOM && f.nearestW && f.lastOff >= 28 {
		p.warnAt(0, len(s), "'L-%dW' reaches before the first day of short months, where Quartz can loop forever", f.lastOff)
	}
	return nil
}

// add puts values into the set exactly like Quartz's addToSet: incr 0 or -1
// adds the single value; an end below the start wraps around the field.
func (p *fieldParser) add(val, end, incr int, all bool) {
	f := &p.f
	if (incr == 0 || incr == -1) && !all {
		f.bits |= 1 << val
		return
	}
	if all && incr <= 0 {
		incr = 1
		f.allMark = true
	}
	start, stop := val, end
	if all {
		start = fieldLo[p.kind]
	}
	if stop == -1 {
		stop = fieldHi[p.kind]
	}
	size := 0
	if stop < start {
		size = [5]int{60, 24, 31, 12, 7}[p.kind]
		stop += size
	}
	for v := start; v <= stop; v += incr {
		w := v
		if size > 0 {
			w = v % size
			if w == 0 && p.kind >= fDOM {
				w = size
			}
		}
		f.bits |= 1 << w
	}
}

// readDigits reads ASCII digits from t[i:]; ok is false when the number
// does not fit a Java int.
func readDigits(t string, i int) (v, next int, ok bool) {
	for i < len(t) && isDigit(t[i]) {
		if v = v*10 + int(t[i]-'0'); v > 1<<31-1 {
			for i < len(t) && isDigit(t[i]) {
				i++
			}
			return 0, i, false
		}
		i++
	}
	return v, i, true
}

// javaInt parses s like java.lang.Integer.parseInt (ASCII digits only).
func javaInt(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	neg, i := false, 0
	if s[0] == '+' || s[0] == '-' {
		neg, i = s[0] == '-', 1
	}
	if i == len(s) {
		return 0, false
	}
	v := 0
	for ; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		if v = v*10 + int(s[i]-'0'); v > 1<<31 {
			return 0, false
		}
	}
	if neg {
		return -v, true
	}
	if v > 1<<31-1 {
		return 0, false
	}
	return v, true
}
