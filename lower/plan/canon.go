package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/coordc/coordc/lower/schedule"
)

// order is a reusable sorted view of a list of named items: idx holds
// indices into the list, sorted by name. Actions of one coordinator almost
// always carry the same names in the same order, so the permutation is cached
// and recomputed only when the names change.
type order struct {
	names []string // the names the cached permutation was built for
	idx   []int
	// lastWins keeps only the last item of each run of equal names (Hadoop
	// configuration semantics); otherwise a repeated name is an error.
	lastWins bool
	err      string // the repeated name, when !lastWins
}

// sortNames sorts the n items named by name(i) and returns the indices,
// valid until the next call. It reports a repeated name unless lastWins.
func (o *order) sortNames(n int, name func(i int) string) ([]int, error) {
	if n == len(o.names) {
		same := true
		for i := range n {
			if name(i) != o.names[i] {
				same = false
				break
			}
		}
		if same {
			return o.result()
		}
	}
	o.names = o.names[:0]
	o.idx = o.idx[:0]
	for i := range n {
		o.names = append(o.names, name(i))
		o.idx = append(o.idx, i)
	}
	slices.SortStableFunc(o.idx, func(a, b int) int { return strings.Compare(o.names[a], o.names[b]) })
	o.err = ""
	out := o.idx[:0]
	for k, i := range o.idx {
		if k+1 < len(o.idx) && o.names[o.idx[k+1]] == o.names[i] {
			if o.lastWins {
				continue
			}
			o.err = o.names[i]
		}
		out = append(out, i)
	}
	o.idx = out
	return o.result()
}

func (o *order) result() ([]int, error) {
	if o.err != "" {
		return nil, fmt.Errorf("the name %q is used twice", o.err)
	}
	return o.idx, nil
}

// sorter holds the sorted views of one action's maps, reused across actions.
type sorter struct {
	inputs, outputs, config order
	unresolved              []int
	flags                   []string
}

// view is the sorted, JSON-ready shape of one action. Slices index into the
// action's own lists and are valid until the next call to sorter.sort.
type view struct {
	inputs, outputs, config, unresolved []int
	// flags are the action's flags, sorted (a copy only when they were not).
	flags []string
}

func newSorter() *sorter {
	return &sorter{config: order{lastWins: true}}
}

// sort computes the sorted views of a: events by name (a repeated data-in or
// data-out name is an error), configuration by name with the last value of a
// repeated property winning, and the data-ins left unresolved.
func (s *sorter) sort(a *schedule.Action) (view, error) {
	var v view
	var err error
	if v.inputs, err = s.inputs.sortNames(len(a.Inputs), func(i int) string { return a.Inputs[i].Name }); err != nil {
		return v, fmt.Errorf("data-in: %w", err)
	}
	if v.outputs, err = s.outputs.sortNames(len(a.Outputs), func(i int) string { return a.Outputs[i].Name }); err != nil {
		return v, fmt.Errorf("data-out: %w", err)
	}
	v.config, _ = s.config.sortNames(len(a.Configuration), func(i int) string { return a.Configuration[i].Name })
	s.unresolved = s.unresolved[:0]
	for _, i := range v.inputs {
		if a.Inputs[i].Unresolved != "" {
			s.unresolved = append(s.unresolved, i)
		}
	}
	v.unresolved = s.unresolved
	v.flags = a.Flags
	if !slices.IsSorted(a.Flags) {
		s.flags = append(s.flags[:0], a.Flags...)
		slices.Sort(s.flags)
		v.flags = s.flags
	}
	return v, nil
}
