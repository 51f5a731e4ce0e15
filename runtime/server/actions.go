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
// 100,000-action job costs what a page of a small one does; with one, the
// actions are read in number order in chunks until the page is full.
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
	// Scan by action number in chunks, in the requested order, until the
	// page is full: a page near the start of a common status costs a few
	// chunks, not the whole job.
	want := map[state.ActionStatus]bool{}
	for _, st := range statuses {
		want[st] = true
	}
	skip := offset - 1
	var page []state.Action
	last := j.LastActionNumber
	for lo := 1; lo <= last && len(page) < length; lo += scanChunk {
		nums := make([]int, 0, scanChunk)
		for i := lo; i < lo+scanChunk && i <= last; i++ {
			n := i
			if desc {
				n = last - i + 1
			}
			nums = append(nums, n)
		}
		acts, err := st.ActionsByNumber(ctx, j.ID, nums)
		if err != nil {
			return nil, 0, err
		}
		if desc {
			slices.Reverse(acts)
		}
		for _, a := range acts {
			if !want[a.Status] {
				continue
			}
			if skip > 0 {
				skip--
				continue
			}
			if len(page) < length {
				page = append(page, a)
			}
		}
	}
	return page, total, nil
}

// scanChunk is how many actions a filtered page reads per query.
const scanChunk = 1000
