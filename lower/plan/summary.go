package plan

import (
	"strconv"

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
	// Unchanged actions are identical in both.
	Unchanged int `json:"unchanged"`
}

// appendLine appends "Changes: 2 added, 1 removed, 30 shifted, 4 changed".
func (s DiffSummary) appendLine(b []byte) []byte {
	b = append(b, "Changes: "...)
	b = strconv.AppendInt(b, int64(s.Added), 10)
	b = append(b, " added, "...)
	b = strconv.AppendInt(b, int64(s.Removed), 10)
	b = append(b, " removed, "...)
	b = strconv.AppendInt(b, int64(s.Shifted), 10)
	b = append(b, " shifted, "...)
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
