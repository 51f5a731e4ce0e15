// Package rules holds coordc's lint rules, one file per rule, each a
// *lint.Analyzer value named after its ID.
package rules

import (
	"sort"

	"github.com/coordc/coordc/lint"
)

// All returns every rule, sorted by ID.
func All() []*lint.Analyzer {
	all := append(append(append([]*lint.Analyzer{}, timeRules...), structureRules...), frameworkRules...)
	sort.Slice(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	return all
}
