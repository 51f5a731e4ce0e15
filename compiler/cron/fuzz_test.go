package cron

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler/corpus"
)

// fuzzSeeds are the vector expressions and tricky syntax; corpus crons are
// added when the shared corpus is present.
var fuzzSeeds = []string{
	"10,20 * * * *", "10/20 * * 5-7 4,5", "20-30 * 20 5-7 4,5", "0 9-16 * * 2-6", "20-30 10 * * MON,WED",
	"10 9 * * *", "10,30,45 9 * * *", "0 * 30 JAN 2-6", "0/20 9-17 * * 2-5", "1 2 L-3 * *", "1 2 6W 3 ?",
	"1 2 * 3 3#2", "0 10,13 * * MON-FRI", "0 10 30 2 *", "0 10 * * *", "20,30 * * 10 *", "frequency",
	"0 0 LW * ?", "0 0 L-30W * ?", "0 0 31W * ?", "0 0 ? * FRI-MON", "0 22-2 * * *", "*/0 * * * *",
	"0 0 ? * 6L", "0 0 ? * 5#5", "5X * * * *", "0 0 1 JANUARY ?", "00 00 * *         *", "0  * * *",
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, int64(1374105600))
	}
	// The corpus's cron expressions are extra seeds when ../shared is there.
	if dir, err := corpus.Dir(); err == nil {
		file, err := os.Open(filepath.Join(dir, "FEATURES.tsv"))
		if err != nil {
			f.Fatal(err)
		}
		sc := bufio.NewScanner(file)
		for sc.Scan() {
			cols := strings.Split(sc.Text(), "\t")
			if len(cols) > 4 && cols[4] == "cron" {
				f.Add(cols[3], int64(1374105600))
			}
		}
		file.Close()
	}
	f.Fuzz(func(t *testing.T, s string, sec int64) {
		e, err := Parse(s)
		if err != nil {
			pe := err.(*ParseError)
			if pe.Offset < 0 || pe.Length < 1 || pe.Offset+pe.Length > max(len(s), 1) || pe.Msg == "" {
				t.Fatalf("Parse(%q): bad error position %+v", s, pe)
			}
			return
		}
		for _, w := range e.Warnings() {
			if w.Offset < 0 || w.Length < 1 || w.Offset+w.Length > len(s) {
				t.Fatalf("Parse(%q): bad warning position %+v", s, w)
			}
		}
		after := time.Unix(sec%(200*365*86400), 0).UTC()
		prev := after
		for range 5 {
			next, ok := e.Next(prev)
			if !ok {
				break
			}
			if !next.After(prev) || next.Second() != 0 {
				t.Fatalf("%q: Next(%v) = %v, not a whole minute after it", s, prev, next)
			}
			// Nothing fires in between: searching from the minute before
			// finds the same fire.
			if x := next.Add(-time.Minute); !x.Before(prev) {
				if back, ok := e.Next(x); !ok || !back.Equal(next) {
					t.Fatalf("%q: Next(%v) = %v, %v; want %v", s, x, back, ok, next)
				}
			}
			prev = next
		}
	})
}
