package oozietime

import (
	"testing"
	"time"
)

func FuzzParseDateTime(f *testing.F) {
	for _, s := range []string{"2009-01-01T08:00Z", "2009-01-01T7:00Z", "2025-1-5T3:7Z", "2009-03-06T010:00Z",
		"2009-02-30T00:00Z", "2009-01-01T24:00Z", "2009-01-01T00:00:00Z", "2016-04-13T00:00+0900", " 2009- 1-1T0:0Z ",
		"2E3-01-01T00:00Z", "２００９-01-01T00:00Z", "4294969305-01-01T00:00Z", "1-01-01T00:00+2359", "-", "E", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseDateTime(s)
		if err != nil {
			return
		}
		if y := v.Year(); y < 1 || y > maxJavaYear {
			return // an offset suffix moved the instant outside Java's years
		}
		back, err := ParseDateTime(FormatDateTime(v))
		if err != nil || !back.Equal(v) {
			t.Fatalf("ParseDateTime(%q) = %v; formatted %q reparses to %v, %v", s, v, FormatDateTime(v), back, err)
		}
	})
}

var fuzzZones = []string{"UTC", "America/Los_Angeles", "Australia/Lord_Howe", "Pacific/Apia", "America/Sao_Paulo",
	"Europe/Dublin", "Asia/Kathmandu", "Pacific/Chatham", "PST", "GMT-03:00"}

func FuzzAdd(f *testing.F) {
	f.Add(int64(1457778600), uint8(1), uint8(Day), int32(1))
	f.Add(int64(1455359400), uint8(1), uint8(Month), int32(1))
	f.Add(int64(1325196000), uint8(3), uint8(Day), int32(1))
	f.Add(int64(1475250300), uint8(2), uint8(Week), int32(-3))
	f.Add(int64(1233396000), uint8(0), uint8(Year), int32(7))
	f.Fuzz(func(t *testing.T, unix int64, zone, field uint8, n int32) {
		unix = unix % (250 * 365 * 86400) // keep within a few centuries of 1970
		name := fuzzZones[int(zone)%len(fuzzZones)]
		loc := mustZone(t, name)
		fl := Field(field % 6)
		start := time.Unix(unix, 0).UTC()
		got := Add(start, loc, fl, int(n))
		if !Add(start, loc, fl, 0).Equal(start) {
			t.Fatalf("Add(%v, %v, 0) moved", start, fl)
		}
		switch fl {
		case Minute, Hour:
			if back := Add(got, loc, fl, -int(n)); !back.Equal(start) {
				t.Fatalf("Add(Add(%v, %v, %d), -%d) = %v", start, fl, n, n, back)
			}
		case Day, Week:
			days := int64(n)
			if fl == Week {
				days *= 7
			}
			plain := start.Add(time.Duration(days) * 24 * time.Hour)
			if d := got.Sub(plain); d > 30*time.Hour || d < -30*time.Hour {
				t.Fatalf("Add(%v, %v, %d) = %v, %v away from %v", start, fl, n, got, d, plain)
			}
			if name == "UTC" {
				if back := Add(got, loc, fl, -int(n)); !back.Equal(start) {
					t.Fatalf("UTC Add(Add(%v, %v, %d), -%d) = %v", start, fl, n, n, back)
				}
			}
		case Month, Year:
			if name == "UTC" && start.Day() <= 28 {
				if back := Add(got, loc, fl, -int(n)); !back.Equal(start) {
					t.Fatalf("UTC Add(Add(%v, %v, %d), -%d) = %v", start, fl, n, n, back)
				}
			}
		}
	})
}
