package oozietime

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// java1900 is 1900-01-01T00:00Z in seconds since the epoch. The JDK's zone
// compiler drops every transition before it: java.util.TimeZone gives an
// instant before 1900 the zone's raw (current standard) offset, so
// America/New_York is -05:00 there, not its local mean time -04:56:02, and
// from 1900 on follows the tz database.
const java1900 = -2208988800

// tzif is the 64-bit data of a TZif file (RFC 8536), the parts a
// time.Location reads.
type tzif struct {
	trans  []int64
	idx    []uint8
	types  []tzType
	chars  []byte
	footer string
}

type tzType struct {
	off   int32
	isDST bool
	abbr  uint8
}

var errTZif = errors.New("malformed TZif data")

func parseTZif(data []byte) (*tzif, error) {
	const headerLen = 44
	header := func(b []byte) (v byte, n [6]int, ok bool) {
		if len(b) < headerLen || string(b[:4]) != "TZif" {
			return 0, n, false
		}
		for i := range n {
			n[i] = int(binary.BigEndian.Uint32(b[20+4*i:]))
		}
		return b[4], n, true
	}
	v, n, ok := header(data)
	if !ok {
		return nil, errTZif
	}
	isut, isstd, leap, timecnt, typecnt, charcnt := n[0], n[1], n[2], n[3], n[4], n[5]
	timeSize := 4
	body := data[headerLen:]
	if v >= '2' {
		skip := timecnt*5 + typecnt*6 + charcnt + leap*8 + isstd + isut
		if len(body) < skip {
			return nil, errTZif
		}
		if _, n, ok = header(body[skip:]); !ok {
			return nil, errTZif
		}
		isut, isstd, leap, timecnt, typecnt, charcnt = n[0], n[1], n[2], n[3], n[4], n[5]
		body = body[skip+headerLen:]
		timeSize = 8
	}
	need := timecnt*(timeSize+1) + typecnt*6 + charcnt + leap*(timeSize+4) + isstd + isut
	if len(body) < need || typecnt == 0 {
		return nil, errTZif
	}
	z := &tzif{}
	for i := 0; i < timecnt; i++ {
		if timeSize == 8 {
			z.trans = append(z.trans, int64(binary.BigEndian.Uint64(body[8*i:])))
		} else {
			z.trans = append(z.trans, int64(int32(binary.BigEndian.Uint32(body[4*i:]))))
		}
	}
	body = body[timecnt*timeSize:]
	z.idx = append(z.idx, body[:timecnt]...)
	body = body[timecnt:]
	for i := 0; i < typecnt; i++ {
		b := body[6*i:]
		z.types = append(z.types, tzType{off: int32(binary.BigEndian.Uint32(b)), isDST: b[4] != 0, abbr: b[5]})
	}
	body = body[typecnt*6:]
	z.chars = append(z.chars, body[:charcnt]...)
	body = body[charcnt+leap*(timeSize+4)+isstd+isut:]
	if timeSize == 8 && len(body) > 2 && body[0] == '\n' {
		if end := bytes.IndexByte(body[1:], '\n'); end >= 0 {
			z.footer = string(body[1 : 1+end])
		}
	}
	return z, nil
}

// encode writes z as a version 2 TZif file with an empty version 1 part.
func (z *tzif) encode() []byte {
	var b bytes.Buffer
	header := func(timecnt, typecnt, charcnt int) {
		b.WriteString("TZif2")
		b.Write(make([]byte, 15))
		for _, n := range []int{0, 0, 0, timecnt, typecnt, charcnt} {
			_ = binary.Write(&b, binary.BigEndian, uint32(n))
		}
	}
	header(0, 0, 0)
	header(len(z.trans), len(z.types), len(z.chars))
	for _, t := range z.trans {
		_ = binary.Write(&b, binary.BigEndian, t)
	}
	b.Write(z.idx)
	for _, t := range z.types {
		_ = binary.Write(&b, binary.BigEndian, t.off)
		dst := byte(0)
		if t.isDST {
			dst = 1
		}
		b.Write([]byte{dst, t.abbr})
	}
	b.Write(z.chars)
	b.WriteString("\n" + z.footer + "\n")
	return b.Bytes()
}

// addAbbr returns the index of name in z's abbreviation characters, adding
// it when missing.
func (z *tzif) addAbbr(name string) uint8 {
	if i := bytes.Index(z.chars, append([]byte(name), 0)); i >= 0 && (i == 0 || z.chars[i-1] == 0) {
		return uint8(i)
	}
	i := len(z.chars)
	z.chars = append(append(z.chars, name...), 0)
	return uint8(i)
}

func (z *tzif) abbrAt(i uint8) string {
	if int(i) >= len(z.chars) {
		return ""
	}
	end := bytes.IndexByte(z.chars[i:], 0)
	if end < 0 {
		return string(z.chars[i:])
	}
	return string(z.chars[i : int(i)+end])
}

// rawOffset is java.util.TimeZone.getRawOffset of a tz database zone: its
// current standard offset. The JDK compiles the "rearguard" form of the
// database, where daylight saving time is never negative, so the standard
// offset is the smaller of a year's offsets (Europe/Dublin: +00:00, not the
// +01:00 the main form calls standard).
func rawOffset(loc *time.Location) int {
	if raw, ok := javaRawOffsets[loc.String()]; ok {
		return raw
	}
	raw := 0
	for m := 0; m < 12; m++ {
		_, off := time.Date(2025, time.Month(m+1), 1, 0, 0, 0, 0, time.UTC).In(loc).Zone()
		if m == 0 || off < raw {
			raw = off
		}
	}
	return raw
}

// javaRawOffsets are the zones whose JDK raw offset is not the smaller of
// their current offsets: OpenJDK 17 (tzdata 2025a) reports +01:00 for
// Africa/Windhoek, the winter time it kept until 2017.
var javaRawOffsets = map[string]int{"Africa/Windhoek": 3600}

// javaZoneData rewrites the TZif data of a tz database zone the way the JDK
// sees it: transitions before 1900 are dropped, an instant before 1900 has
// the zone's raw offset, and 1900-01-01T00:00Z starts whatever offset the
// database has then.
func javaZoneData(name string, data []byte) ([]byte, error) {
	orig, err := time.LoadLocationFromTZData(name, data)
	if err != nil {
		return nil, err
	}
	z, err := parseTZif(data)
	if err != nil {
		return nil, fmt.Errorf("zone %s: %w", name, err)
	}
	abbr1900, off1900 := time.Unix(java1900, 0).In(orig).Zone()
	at1900 := -1
	for i, t := range z.types {
		if int(t.off) == off1900 && z.abbrAt(t.abbr) == abbr1900 {
			at1900 = i
			break
		}
	}
	if at1900 < 0 {
		return nil, fmt.Errorf("zone %s: no zone type for 1900", name)
	}
	raw := rawOffset(orig)
	first := len(z.trans)
	for i, t := range z.trans {
		if t >= java1900 {
			first = i
			break
		}
	}
	out := &tzif{chars: z.chars, footer: z.footer}
	out.types = append([]tzType{{off: int32(raw), abbr: z.addAbbr(offsetAbbr(raw))}}, z.types...)
	out.chars = z.chars
	if first == len(z.trans) || z.trans[first] != java1900 {
		out.trans = append(out.trans, java1900)
		out.idx = append(out.idx, uint8(at1900+1))
	}
	for i := first; i < len(z.trans); i++ {
		out.trans = append(out.trans, z.trans[i])
		out.idx = append(out.idx, z.idx[i]+1)
	}
	return out.encode(), nil
}

// offsetAbbr names a raw offset the way the tz database names zones
// without letters: "-05", "+0530".
func offsetAbbr(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	s := sign + fmt.Sprintf("%02d", sec/3600)
	if m := sec / 60 % 60; m != 0 {
		s += fmt.Sprintf("%02d", m)
	}
	return s
}

// systemVZones are the 13 SystemV/* IDs java.util.TimeZone still accepts
// (the JDK keeps them from the tz database's retired "systemv" file):
// standard offsets in hours, and whether the zone follows the SystemV rule,
// the United States rule of 1976 (last Sunday of April to last Sunday of
// October, 02:00) with the 1974 and 1975 energy-crisis dates, in every year.
var systemVZones = map[string]struct {
	hours int
	dst   bool
	std   string
	day   string
}{
	"SystemV/AST4":    {-4, false, "AST", ""},
	"SystemV/AST4ADT": {-4, true, "AST", "ADT"},
	"SystemV/EST5":    {-5, false, "EST", ""},
	"SystemV/EST5EDT": {-5, true, "EST", "EDT"},
	"SystemV/CST6":    {-6, false, "CST", ""},
	"SystemV/CST6CDT": {-6, true, "CST", "CDT"},
	"SystemV/MST7":    {-7, false, "MST", ""},
	"SystemV/MST7MDT": {-7, true, "MST", "MDT"},
	"SystemV/PST8":    {-8, false, "PST", ""},
	"SystemV/PST8PDT": {-8, true, "PST", "PDT"},
	"SystemV/YST9":    {-9, false, "YST", ""},
	"SystemV/YST9YDT": {-9, true, "YST", "YDT"},
	"SystemV/HST10":   {-10, false, "HST", ""},
}

// IsSystemVZone reports whether id is one of the JDK's deprecated SystemV/*
// zone IDs.
func IsSystemVZone(id string) bool {
	_, ok := systemVZones[id]
	return ok
}

// systemVLocation builds a SystemV zone: a fixed offset, or the SystemV
// rule's transitions from 1900 to 2037 and the same rule as the TZif footer
// after that.
func systemVLocation(id string) (*time.Location, error) {
	sv := systemVZones[id]
	std := sv.hours * 3600
	if !sv.dst {
		return time.FixedZone(sv.std, std), nil
	}
	z := &tzif{}
	z.types = []tzType{{off: int32(std), abbr: z.addAbbr(sv.std)}, {off: int32(std), abbr: z.addAbbr(sv.std)},
		{off: int32(std + 3600), isDST: true, abbr: z.addAbbr(sv.day)}}
	lastSunday := func(y int, m time.Month) int64 {
		d := daysFromGregorian(int64(y), m+1, 1) - 1
		return d - weekday(d)
	}
	const twoAM = 2 * 3600
	for y := 1900; y <= 2037; y++ {
		on, off := lastSunday(y, time.April), lastSunday(y, time.October)
		switch y {
		case 1974:
			on, off = daysFromGregorian(1974, time.January, 6), lastSunday(y, time.November)
		case 1975:
			on = daysFromGregorian(1975, time.February, 23)
		}
		z.trans = append(z.trans, on*secondsPerDay+twoAM-int64(std), off*secondsPerDay+twoAM-int64(std+3600))
		z.idx = append(z.idx, 2, 1)
	}
	z.footer = sv.std + strconv.Itoa(-sv.hours) + sv.day + ",M4.5.0,M10.5.0"
	return time.LoadLocationFromTZData(id, z.encode())
}
