package server

import (
	"context"
	"errors"
	"slices"

	"github.com/coordc/coordc/runtime/state"
)

// parseInfoFilter reads the filter of show=info as Oozie's job -info
// does, with the CLI's parser (state.ParseActionFilter): status=A;status=B
// (any of), status!=A (none of) — not both kinds — and nominaltime with
// >=, <=, > or < and a UTC time.
func parseInfoFilter(text string) (state.ActionFilter, error) {
	f, err := state.ParseActionFilter(text)
	if err != nil {
		return f, err
	}
	if len(f.Statuses) > 0 && len(f.NotStatuses) > 0 {
		return f, errors.New("the filter cannot have both status= and status!= elements")
	}
	return f, nil
}

// selected is the statuses f keeps (nil: all).
func selected(f state.ActionFilter) []state.ActionStatus {
	if len(f.Statuses) == 0 && len(f.NotStatuses) == 0 {
		return nil
	}
	sel := []state.ActionStatus{}
	for _, a := range state.ActionStatuses {
		if (len(f.Statuses) > 0 && slices.Contains(f.Statuses, a)) || (len(f.NotStatuses) > 0 && !slices.Contains(f.NotStatuses, a)) {
			sel = append(sel, a)
		}
	}
	return sel
}

// infoPage is the page of a job's actions show=info answers (offset
// 1-based, length 0: none) and how many match f. A filter on statuses
// only takes actionPage's index walks; one with nominal-time bounds the
// status report's query (state.Store.FilteredStatus), then the page's
// rows.
func infoPage(ctx context.Context, st *state.Store, j state.Job, f state.ActionFilter, offset, length int, desc bool) ([]state.Action, int, error) {
	if f.NominalFrom.IsZero() && f.NominalTo.IsZero() {
		return actionPage(ctx, st, j, selected(f), offset, length, desc)
	}
	f.Offset, f.Len, f.Desc = offset, max(length, 1), desc
	rep, totals, err := st.FilteredStatus(ctx, j.ID, f)
	if err != nil {
		return nil, 0, err
	}
	if length == 0 {
		return nil, totals[0], nil
	}
	var nums []int
	for _, a := range rep.Jobs[0].Actions {
		nums = append(nums, a.Number)
	}
	acts, err := st.ActionsByNumber(ctx, j.ID, nums)
	if desc {
		slices.Reverse(acts)
	}
	return acts, totals[0], err
}
