package cron

import (
	"fmt"
	"testing"
	"time"
)

// TestMayLoopCoversLoops checks mayLoop's claim over every day-of-month
// term form and several month sets: an expression that loops from some
// point between 2020 and 2040 is one that mayLoop reports.
func TestMayLoopCoversLoops(t *testing.T) {
	var doms []string
	for n := 1; n <= 31; n++ {
		doms = append(doms, fmt.Sprint(n), fmt.Sprintf("%dW", n))
	}
	for n := 0; n <= 30; n++ {
		doms = append(doms, fmt.Sprintf("L-%d", n), fmt.Sprintf("L-%dW", n))
	}
	doms = append(doms, "L", "LW", "1,15,31", "29-31")
	seen := 0
	months := []string{"*", "2", "2,4", "4,6,9,11", "1/2"}
	for _, dom := range doms {
		for _, mon := range months {
			src := fmt.Sprintf("40 15 %s %s ?", dom, mon)
			e, err := Parse(src)
			if err != nil {
				continue
			}
			start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
			end := time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC)
			var looped bool
			for after := start.Add(-time.Minute); after.Before(end); {
				next, st := e.next(after)
				if st == loops {
					looped = true
					break
				}
				if st != fired {
					break
				}
				after = next
			}
			if looped {
				seen++
			}
			if looped && !e.mayLoop() {
				t.Errorf("%s loops but mayLoop is false", src)
			}
		}
	}
	if seen == 0 {
		t.Fatal("no expression looped: the check proves nothing")
	}
}
