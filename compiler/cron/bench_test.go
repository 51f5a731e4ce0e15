package cron

import (
	"testing"
	"time"

	robfig "github.com/robfig/cron/v3"
)

// benchExprs are written in both dialects (robfig counts Sunday as 0).
var benchExprs = []struct{ name, ours, robfig string }{
	{"daily", "10 9 * * *", "10 9 * * *"},
	{"every-minute", "* * * * *", "* * * * *"},
	{"list", "10,30,45 9 * * *", "10,30,45 9 * * *"},
	{"weekdays", "0/20 9-17 * * 2-6", "0/20 9-17 * * 1-5"},
	{"monthly", "10 23 1 1-12 *", "10 23 1 1-12 *"},
	{"or-days", "20-30 * 20 5-7 4,5", "20-30 * 20 5-7 3,4"},
	{"yearly", "0 0 1 1 *", "0 0 1 1 *"},
	{"leap-day", "0 0 29 2 *", "0 0 29 2 *"},
}

// BenchmarkNext steps through successive fires from 2013 on; the robfig
// sub-benchmarks do the same with robfig's Schedule.Next for comparison.
func BenchmarkNext(b *testing.B) {
	start := time.Date(2013, 7, 18, 0, 0, 0, 0, time.UTC)
	parser := robfig.NewParser(robfig.Minute | robfig.Hour | robfig.Dom | robfig.Month | robfig.Dow)
	for _, be := range benchExprs {
		e := MustParse(be.ours)
		b.Run(be.name+"/coordc", func(b *testing.B) {
			t := start
			for b.Loop() {
				next, ok := e.Next(t)
				if !ok {
					next = start
				}
				t = next
			}
		})
		s, err := parser.Parse(be.robfig)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(be.name+"/robfig", func(b *testing.B) {
			t := start
			for b.Loop() {
				next := s.Next(t)
				if next.IsZero() {
					next = start
				}
				t = next
			}
		})
	}
}

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		if _, err := Parse("0/20 9-17 * * MON-FRI"); err != nil {
			b.Fatal(err)
		}
	}
}
