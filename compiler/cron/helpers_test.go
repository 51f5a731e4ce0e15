package cron

import (
	"testing"
	"time"
)

const layout = "2006-01-02T15:04Z"

func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(layout, s)
	if err != nil {
		t.Fatalf("bad time %q: %v", s, err)
	}
	return v
}

// fires returns the next n fire times of expr after `after`, formatted;
// "never" ends the list when the expression stops firing.
func fires(t testing.TB, expr, after string, n int) []string {
	t.Helper()
	e, err := Parse(expr)
	if err != nil {
		t.Fatalf("Parse(%q): %v", expr, err)
	}
	cur := mustTime(t, after)
	var out []string
	for range n {
		next, ok := e.Next(cur)
		if !ok {
			return append(out, "never")
		}
		out = append(out, next.Format(layout))
		cur = next
	}
	return out
}

// MustParse is like Parse but panics on error.
func MustParse(s string) *Expr {
	e, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return e
}
