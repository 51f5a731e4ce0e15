package oozietime

import "testing"

func BenchmarkAddDay(b *testing.B) {
	loc, start := mustZone(b, "America/Los_Angeles"), mustTime(b, "2016-03-12T10:30Z")
	for i := 0; b.Loop(); i++ {
		Add(start, loc, Day, i%400)
	}
}

func BenchmarkAddMonth(b *testing.B) {
	loc, start := mustZone(b, "America/Los_Angeles"), mustTime(b, "2016-01-31T10:30Z")
	for i := 0; b.Loop(); i++ {
		Add(start, loc, Month, i%120)
	}
}

func BenchmarkFormatJava(b *testing.B) {
	loc, at := mustZone(b, "UTC"), mustTime(b, "2009-09-08T23:59Z")
	for b.Loop() {
		if _, err := FormatJava(at, loc, "yyyyMMdd_HHmmss"); err != nil {
			b.Fatal(err)
		}
	}
}
