package cron

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	robfig "github.com/robfig/cron/v3"
)

// randomTerm builds one term of a field in the dialect both parsers share:
// values, non-wrapping ranges and steps (within Quartz's increment limits),
// and, outside the day fields, '*' terms. DOW values are Quartz's 1–7.
func randomTerm(r *rand.Rand, lo, hi int, star bool) string {
	a := lo + r.IntN(hi-lo+1)
	b := a + r.IntN(hi-a+1)
	step := 1 + r.IntN(hi) // Quartz allows increments up to the field maximum
	switch r.IntN(6) {
	case 0:
		if star {
			return "*"
		}
	case 1:
		if star {
			return fmt.Sprintf("*/%d", step)
		}
	case 2:
		return fmt.Sprintf("%d-%d", a, b)
	case 3:
		return fmt.Sprintf("%d-%d/%d", a, b, step)
	case 4:
		return fmt.Sprintf("%d/%d", a, step)
	}
	return fmt.Sprint(a)
}

func randomField(r *rand.Rand, lo, hi int, star bool) string {
	n := 1 + r.IntN(3)
	terms := make([]string, n)
	for i := range terms {
		terms[i] = randomTerm(r, lo, hi, star)
	}
	return strings.Join(terms, ",")
}

// randomDayField is a day field: exactly "*" (Oozie and robfig then both
// defer to the other day field) or a list without '*'.
func randomDayField(r *rand.Rand, lo, hi int) string {
	if r.IntN(3) == 0 {
		return "*"
	}
	return randomField(r, lo, hi, false)
}

// toRobfigDOW renumbers day-of-week values from Quartz's 1–7 to robfig's
// 0–6; steps keep their meaning because both count from the start value.
func toRobfigDOW(f string) string {
	var out []string
	for _, term := range strings.Split(f, ",") {
		step := ""
		if i := strings.IndexByte(term, '/'); i >= 0 {
			term, step = term[:i], term[i:]
		}
		if term != "*" {
			var parts []string
			for _, p := range strings.Split(term, "-") {
				var v int
				fmt.Sscan(p, &v)
				parts = append(parts, fmt.Sprint(v-1))
			}
			term = strings.Join(parts, "-")
		}
		out = append(out, term+step)
	}
	return strings.Join(out, ",")
}

// TestAgainstRobfig compares Next with robfig/cron on random expressions
// of the shared dialect and random instants. Where both day fields are
// restricted both use OR, and a '*' day field defers to the other one, as
// in Oozie's adaptation.
func TestAgainstRobfig(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	parser := robfig.NewParser(robfig.Minute | robfig.Hour | robfig.Dom | robfig.Month | robfig.Dow)
	lo := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	hi := time.Date(2090, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	compared := 0
	for range 3000 {
		f := [5]string{randomField(r, 0, 59, true), randomField(r, 0, 23, true), randomDayField(r, 1, 31), randomField(r, 1, 12, true), randomDayField(r, 1, 7)}
		expr := strings.Join(f[:], " ")
		ours, err := Parse(expr)
		if err != nil {
			t.Fatalf("Parse(%q): %v", expr, err)
		}
		f[4] = toRobfigDOW(f[4])
		theirs, err := parser.Parse(strings.Join(f[:], " "))
		if err != nil {
			t.Fatalf("robfig Parse(%q): %v", strings.Join(f[:], " "), err)
		}
		for range 5 {
			after := time.Unix(lo+r.Int64N(hi-lo), 0).UTC()
			want := theirs.Next(after)
			got, st := ours.next(after)
			if st == variantNever {
				// Oozie fails (NullPointerException) where robfig answers.
				continue
			}
			ok := st == fired
			if want.IsZero() {
				// robfig gives up after five years; beyond that it says nothing.
				if ok && got.Sub(after) < 4*365*24*time.Hour {
					t.Errorf("%q after %v: robfig finds nothing, we find %v", expr, after, got)
				}
				continue
			}
			compared++
			if !ok || !got.Equal(want) {
				t.Errorf("%q after %v: got %v (%v), robfig %v", expr, after, got, ok, want)
			}
		}
	}
	if compared < 10000 {
		t.Errorf("only %d comparisons", compared)
	}
}
