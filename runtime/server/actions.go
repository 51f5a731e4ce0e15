package server

import (
	"context"
	"slices"

	"github.com/coordc/coordc/runtime/state"
)

// actionPage reads one page of a job's actions: offset (1-based) and
// length in number order (reversed with desc), only the actions in
// statuses when it is not nil; total counts every action selected. Without
// a status selection only the page's rows are read, so a page of a
// 100,000-action job costs what a page of a small one does.
func actionPage(ctx context.Context, st *state.Store, j state.Job, statuses []state.ActionStatus, offset, length int, desc bool) ([]state.Action, int, error) {
	if statuses == nil {
		total := j.LastActionNumber
		if length == 0 || offset > total {
			return nil, total, nil
		}
		var nums []int
		for i := offset; i < offset+length && i <= total; i++ {
			n := i
			if desc {
				n = total - i + 1
			}
			nums = append(nums, n)
		}
		acts, err := st.ActionsByNumber(ctx, j.ID, nums)
		if desc {
			slices.Reverse(acts)
		}
		return acts, total, err
	}
	if len(statuses) == 0 {
		return nil, 0, nil
	}
	counts, err := st.CountByStatus(ctx, j.ID, statuses...)
	if err != nil {
		return nil, 0, err
	}
	total := 0
	for _, n := range counts {
		total += n
	}
	if length == 0 || offset > total {
		return nil, total, nil
	}
	order := state.OldestFirst
	if desc {
		order = state.NewestFirst
	}
	acts, err := st.ActionsByStatus(ctx, j.ID, statuses, order, offset-1+length)
	if err != nil {
		return nil, 0, err
	}
	if offset-1 < len(acts) {
		acts = acts[offset-1:]
	} else {
		acts = nil
	}
	return acts, total, nil
}
