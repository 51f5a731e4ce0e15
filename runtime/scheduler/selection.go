package scheduler

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/runtime/state"
)

// Selection picks actions of a job as Oozie's -action and -date options do:
// action numbers, and nominal-time ranges (both ends inclusive).
type Selection struct {
	Numbers []int
	Dates   []DateRange
}

// DateRange is an inclusive range of nominal times; From == To selects one.
type DateRange struct{ From, To time.Time }

// ParseActions parses Oozie's -action scope: comma-separated numbers and
// ranges, e.g. "1-3,7".
func ParseActions(scope string) ([]int, error) {
	seen := map[int]bool{}
	for _, part := range strings.Split(scope, ",") {
		part = strings.TrimSpace(part)
		lo, hi, isRange := strings.Cut(part, "-")
		a, err1 := strconv.Atoi(strings.TrimSpace(lo))
		b, err2 := a, error(nil)
		if isRange {
			b, err2 = strconv.Atoi(strings.TrimSpace(hi))
		}
		switch {
		case err1 != nil || err2 != nil || a < 1:
			return nil, fmt.Errorf("action scope %q: %q is not an action number or a range N-M of them", scope, part)
		case a > b:
			return nil, fmt.Errorf("action scope %q: range %q starts after it ends", scope, part)
		case b-a >= 1_000_000:
			return nil, fmt.Errorf("action scope %q: range %q selects more than 1,000,000 actions", scope, part)
		}
		for n := a; n <= b; n++ {
			seen[n] = true
		}
	}
	out := make([]int, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Ints(out)
	return out, nil
}

// ParseDates parses Oozie's -date scope: comma-separated nominal times and
// ranges FROM::TO in Oozie's UTC form, e.g.
// "2009-01-01T01:00Z::2009-01-01T05:00Z,2009-01-02T01:00Z".
func ParseDates(scope string) ([]DateRange, error) {
	var out []DateRange
	for _, part := range strings.Split(scope, ",") {
		part = strings.TrimSpace(part)
		lo, hi, isRange := strings.Cut(part, "::")
		from, err := oozietime.ParseDateTime(strings.TrimSpace(lo))
		if err != nil {
			return nil, fmt.Errorf("date scope %q: %q is not a time like 2009-01-01T01:00Z", scope, lo)
		}
		to := from
		if isRange {
			if to, err = oozietime.ParseDateTime(strings.TrimSpace(hi)); err != nil {
				return nil, fmt.Errorf("date scope %q: %q is not a time like 2009-01-01T01:00Z", scope, hi)
			}
		}
		if from.After(to) {
			return nil, fmt.Errorf("date scope %q: range %q starts after it ends", scope, part)
		}
		out = append(out, DateRange{From: from, To: to})
	}
	return out, nil
}

// actions reads the selected actions, in number order, without duplicates;
// an unknown number is an error.
func (sel Selection) actions(ctx context.Context, st *state.Store, jobID string) ([]state.Action, error) {
	byID := map[string]state.Action{}
	acts, err := st.ActionsByNumber(ctx, jobID, sel.Numbers)
	if err != nil {
		return nil, err
	}
	if len(acts) != len(sel.Numbers) {
		have := map[int]bool{}
		for _, a := range acts {
			have[a.Number] = true
		}
		for _, n := range sel.Numbers {
			if !have[n] {
				return nil, fmt.Errorf("job %s has no action %d (yet)", jobID, n)
			}
		}
	}
	for _, a := range acts {
		byID[a.ID] = a
	}
	for _, r := range sel.Dates {
		acts, err := st.ActionsInRange(ctx, jobID, r.From, r.To)
		if err != nil {
			return nil, err
		}
		if len(acts) == 0 && r.From.Equal(r.To) {
			return nil, fmt.Errorf("job %s has no action with nominal time %s", jobID, oozietime.FormatDateTime(r.From))
		}
		for _, a := range acts {
			byID[a.ID] = a
		}
	}
	out := make([]state.Action, 0, len(byID))
	for _, a := range byID {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Number < out[j].Number })
	if len(out) == 0 {
		return nil, fmt.Errorf("job %s: the selection matches no action", jobID)
	}
	return out, nil
}
