package plan

import (
	"strconv"
	"time"
)

// appendUTC appends t in UTC as yyyy-MM-ddTHH:mmZ, Oozie's datetime form.
// Seconds are dropped, not rounded, as Oozie's formatDateOozieTZ does: a
// nominal time with seconds (a zone offset of local mean time such as
// Africa/Monrovia's -00:44:30) keeps them for the instance arithmetic but is
// printed to the minute.
func appendUTC(b []byte, t time.Time) []byte {
	b = appendWall(b, t.UTC().Truncate(time.Minute))
	return append(b, 'Z')
}

// appendLocal appends t on its own location's wall clock with its UTC offset:
// yyyy-MM-ddTHH:mm±hh:mm. Seconds of the time and of the offset are added
// only when they are not zero (historic local mean time offsets).
func appendLocal(b []byte, t time.Time) []byte {
	b = appendWall(b, t)
	return appendOffset(b, t)
}

// appendWall appends the wall clock of t: yyyy-MM-ddTHH:mm[:ss].
func appendWall(b []byte, t time.Time) []byte {
	year, month, day := t.Date()
	hour, minute, sec := t.Clock()
	if year >= 0 && year <= 9999 {
		b = append(b, byte('0'+year/1000), byte('0'+year/100%10), byte('0'+year/10%10), byte('0'+year%10))
	} else {
		b = strconv.AppendInt(b, int64(year), 10)
	}
	b = append(b, '-')
	b = append2(b, int(month))
	b = append(b, '-')
	b = append2(b, day)
	b = append(b, 'T')
	b = append2(b, hour)
	b = append(b, ':')
	b = append2(b, minute)
	if sec != 0 {
		b = append(b, ':')
		b = append2(b, sec)
	}
	return b
}

// appendOffset appends the UTC offset of t as ±hh:mm[:ss].
func appendOffset(b []byte, t time.Time) []byte {
	_, off := t.Zone()
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	b = append(b, sign)
	b = append2(b, off/3600)
	b = append(b, ':')
	b = append2(b, off/60%60)
	if off%60 != 0 {
		b = append(b, ':')
		b = append2(b, off%60)
	}
	return b
}

// append2 appends n (0 ≤ n < 100) as two digits.
func append2(b []byte, n int) []byte {
	return append(b, byte('0'+n/10), byte('0'+n%10))
}

// formatUTC is appendUTC for callers that need a string.
func formatUTC(t time.Time) string { return string(appendUTC(nil, t)) }

// appendDuration appends d compactly for a reviewer: "5m", "23h", "1d",
// "1d 1h", "30d 23h 30m". Negative durations get a leading "-".
func appendDuration(b []byte, d time.Duration) []byte {
	if d < 0 {
		b = append(b, '-')
		d = -d
	}
	mins := int64(d / time.Minute)
	days, hours, m := mins/(24*60), mins/60%24, mins%60
	if mins == 0 {
		return append(b, "0m"...)
	}
	sep := false
	for _, part := range [...]struct {
		n    int64
		unit byte
	}{{days, 'd'}, {hours, 'h'}, {m, 'm'}} {
		if part.n == 0 {
			continue
		}
		if sep {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, part.n, 10)
		b = append(b, part.unit)
		sep = true
	}
	return b
}
