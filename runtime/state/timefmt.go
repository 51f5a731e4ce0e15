package state

import (
	"fmt"
	"time"
)

// TimeLayout is how times are stored: UTC, second precision, sortable.
const TimeLayout = "2006-01-02T15:04:05Z"

// FormatTime renders t as stored.
func FormatTime(t time.Time) string { return t.UTC().Format(TimeLayout) }

// ParseTime reads a stored time.
func ParseTime(s string) (time.Time, error) {
	t, err := time.Parse(TimeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("state database holds time %q, which is not in the form YYYY-MM-DDTHH:MM:SSZ", s)
	}
	return t, nil
}

// nullTime stores the zero time as NULL.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return FormatTime(t)
}
