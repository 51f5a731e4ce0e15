package plan

import (
	"strconv"
	"time"

	"github.com/coordc/coordc/lower/schedule"
)

// Summary counts what a plan contains. It is also the "summary" object of
// the JSON plan (fields in JSON key order).
type Summary struct {
	// Actions is the number of actions in all coordinators.
	Actions int `json:"actions"`
	// Coordinators is the number of coordinators planned.
	Coordinators int `json:"coordinators"`
	// DSTDays is the number of actions whose local day has a DST transition
	// (flag dst-transition-day).
	DSTDays int `json:"dst_days"`
	// Unresolved is the number of data-ins, over all actions, left to be
	// resolved at run time (latest/future).
	Unresolved int `json:"unresolved"`
}

// count adds one action to s.
func (s *Summary) count(a *schedule.Action) {
	s.Actions++
	if hasFlag(a, schedule.FlagDSTDay) {
		s.DSTDays++
	}
	for i := range a.Inputs {
		if a.Inputs[i].Unresolved != "" {
			s.Unresolved++
		}
	}
}

// appendLine appends the one-line summary that ends text output:
// "Plan: 31 actions, 2 on DST-transition days, 0 unresolved inputs".
func (s Summary) appendLine(b []byte) []byte {
	b = append(b, "Plan: "...)
	b = appendCount(b, s.Actions, "action", "actions")
	b = append(b, ", "...)
	b = strconv.AppendInt(b, int64(s.DSTDays), 10)
	b = append(b, " on DST-transition "...)
	b = append(b, plural(s.DSTDays, "day", "days")...)
	b = append(b, ", "...)
	b = appendCount(b, s.Unresolved, "unresolved input", "unresolved inputs")
	return b
}

// DiffSummary counts the action changes Diff found. It is also the
// "summary" object of the JSON diff (fields in JSON key order).
type DiffSummary struct {
	// Added actions exist only in the new plan.
	Added int `json:"added"`
	// Changed actions have the same number and nominal time but different
	// flags, inputs, outputs, unresolved inputs or configuration.
	Changed int `json:"changed"`
	// Coordinators is the number of coordinators added, removed or with
	// changed settings (name, zone, frequency, start, end).
	Coordinators int `json:"coordinators"`
	// Removed actions exist only in the snapshot.
	Removed int `json:"removed"`
	// Shifted actions have the same number but a different nominal time.
	Shifted int `json:"shifted"`
	// ShiftedBy is the offset every shifted action moved by ("+1h",
	// "-1d2h30m"), when they all moved by the same one: the schedule was
	// shifted. Empty when none shifted or the offsets differ.
	ShiftedBy string `json:"shifted_by,omitempty"`
	// Unchanged actions are identical in both.
	Unchanged int `json:"unchanged"`
}

// appendLine appends "Changes: 2 added, 1 removed, 30 shifted, 4 changed",
// "30 shifted by +1h" when all moved by the same offset.
func (s DiffSummary) appendLine(b []byte) []byte {
	b = append(b, "Changes: "...)
	b = strconv.AppendInt(b, int64(s.Added), 10)
	b = append(b, " added, "...)
	b = strconv.AppendInt(b, int64(s.Removed), 10)
	b = append(b, " removed, "...)
	b = strconv.AppendInt(b, int64(s.Shifted), 10)
	b = append(b, " shifted"...)
	if s.ShiftedBy != "" {
		b = append(b, " by "...)
		b = append(b, s.ShiftedBy...)
	}
	b = append(b, ", "...)
	b = strconv.AppendInt(b, int64(s.Changed), 10)
	return append(b, " changed"...)
}

func appendCount(b []byte, n int, one, many string) []byte {
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, ' ')
	return append(b, plural(n, one, many)...)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func hasFlag(a *schedule.Action, flag string) bool {
	for _, f := range a.Flags {
		if f == flag {
			return true
		}
	}
	return false
}

// formatOffset writes a non-zero offset of whole seconds in days, hours,
// minutes and seconds with its sign: "+1h", "-1d2h30m", "+45s".
func formatOffset(d time.Duration) string {
	b := []byte{'+'}
	if d < 0 {
		b[0], d = '-', -d
	}
	for _, u := range [...]struct {
		unit time.Duration
		name byte
	}{{24 * time.Hour, 'd'}, {time.Hour, 'h'}, {time.Minute, 'm'}, {time.Second, 's'}} {
		if n := d / u.unit; n > 0 {
			b = strconv.AppendInt(b, int64(n), 10)
			b = append(b, u.name)
			d -= n * u.unit
		}
	}
	return string(b)
}
