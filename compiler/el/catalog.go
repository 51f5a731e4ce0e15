package el

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Function modes in a group (Function.Groups values).
const (
	ModeReal  = "real"  // evaluated for real (an implementation is needed)
	ModeEcho  = "echo"  // returns its own call as text, to be finished by a later phase
	ModeDummy = "dummy" // returns the fixed Function.Dummy value of the group
)

// Function describes one EL function of the catalog.
type Function struct {
	// Name is the qualified name, e.g. "coord:current".
	Name   string
	Params []Param
	// Result is the type of the value: int, float, number, string, bool,
	// datetime, timeunit or any.
	Result   string
	Variadic bool
	Doc      string
	// Groups maps every group the function is available in to its mode there.
	Groups map[string]string
	// Dummy maps a group where the mode is dummy to the fixed value.
	Dummy map[string]string
}

// Param is one declared function parameter.
type Param struct{ Name, Type string }

// group is the catalog entry of one EL group.
type group struct {
	Place         string            `json:"place"`
	Constants     map[string]string `json:"constants"`
	EchoConstants []string          `json:"echo_constants"`
	values        map[string]Value
}

type catalog struct {
	groups map[string]*group
	funcs  map[string]*Function
	sorted []*Function
	names  []string // group names, sorted
}

// loadCatalog builds the catalog from its Go form (catalog_table.go,
// generated from schemas/el-functions.json and checked against it by
// TestCatalogTable), which costs nothing to parse: decoding the JSON took
// about half a millisecond of every lint or plan run's start.
var loadCatalog = sync.OnceValue(func() *catalog {
	c, err := newCatalog(builtinGroups(), builtinFunctions())
	if err != nil {
		// The table is generated at build time and checked by the tests.
		panic("el: built-in catalog is invalid: " + err.Error())
	}
	return c
})

// newCatalog checks and indexes groups and functions.
func newCatalog(groups map[string]*group, funcs []*Function) (*catalog, error) {
	c := &catalog{groups: groups, funcs: make(map[string]*Function, len(funcs)), sorted: make([]*Function, 0, len(funcs))}
	for name, g := range c.groups {
		c.names = append(c.names, name)
		g.values = map[string]Value{}
		for k, v := range g.Constants {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("group %s: constant %s is not an integer", name, k)
			}
			g.values[k] = n
		}
		for _, k := range g.EchoConstants {
			g.values[k] = "${" + k + "}"
		}
	}
	sort.Strings(c.names)
	for _, fn := range funcs {
		if _, dup := c.funcs[fn.Name]; dup {
			return nil, fmt.Errorf("function %s is listed twice", fn.Name)
		}
		for g, mode := range fn.Groups {
			if c.groups[g] == nil {
				return nil, fmt.Errorf("function %s: unknown group %s", fn.Name, g)
			}
			if mode != ModeReal && mode != ModeEcho && mode != ModeDummy {
				return nil, fmt.Errorf("function %s: unknown mode %q", fn.Name, mode)
			}
			if _, ok := fn.Dummy[g]; ok != (mode == ModeDummy) {
				return nil, fmt.Errorf("function %s: group %s: a dummy value goes with mode dummy", fn.Name, g)
			}
		}
		c.funcs[fn.Name] = fn
		c.sorted = append(c.sorted, fn)
	}
	slices.SortFunc(c.sorted, func(a, b *Function) int { return strings.Compare(a.Name, b.Name) })
	return c, nil
}

// Lookup returns the catalog entry of a qualified function name.
func Lookup(name string) (*Function, bool) {
	f, ok := loadCatalog().funcs[name]
	return f, ok
}

// Functions returns every catalog function, sorted by name. The entries are
// shared: do not modify them.
func Functions() []*Function { return loadCatalog().sorted }

// Groups returns the names of all EL groups, sorted.
func Groups() []string { return append([]string(nil), loadCatalog().names...) }

// GroupPlace returns a human name for where a group's expressions are
// written, e.g. "the action configuration"; the group name itself when the
// group is unknown.
func GroupPlace(group string) string {
	if g := loadCatalog().groups[group]; g != nil {
		return g.Place
	}
	return group
}

// constant returns the value of a group constant.
func constant(groupName, name string) (Value, bool) {
	g := loadCatalog().groups[groupName]
	if g == nil {
		return nil, false
	}
	v, ok := g.values[name]
	return v, ok
}
