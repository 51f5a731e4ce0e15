package ir

import (
	"strconv"
	"strings"
)

// Version is a schema version as written in a namespace ("0.4", "0.2.5",
// "1.0"). Versions compare by their dot-separated numbers, so "0.4.5" is
// after "0.4" and before "0.5", and "1.0" after "0.5".
type Version string

// Compare returns -1, 0 or +1 as v is before, equal to or after o. A
// missing component counts as 0; a non-numeric one as -1.
func (v Version) Compare(o Version) int {
	a, b := strings.Split(string(v), "."), strings.Split(string(o), ".")
	for i := range max(len(a), len(b)) {
		x, y := component(a, i), component(b, i)
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
	}
	return 0
}

func component(parts []string, i int) int {
	if i >= len(parts) {
		return 0
	}
	n, err := strconv.Atoi(parts[i])
	if err != nil {
		return -1
	}
	return n
}

// AtLeast reports whether v is o or later.
func (v Version) AtLeast(o Version) bool { return v.Compare(o) >= 0 }

// Before reports whether v is earlier than o.
func (v Version) Before(o Version) bool { return v.Compare(o) < 0 }
