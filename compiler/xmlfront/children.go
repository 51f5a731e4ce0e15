package xmlfront

import "sort"

// Children lists, in schema order, the local names of the elements the
// schema of namespace ns allows directly inside the element at path (local
// names from the root element down, e.g. ["coordinator-app", "controls"]);
// an empty path lists the root elements. An empty ns is the newest
// coordinator schema (an unqualified datasets file). Editors use it for
// completion; nil when the namespace or the path is unknown.
func Children(ns string, path []string) []string {
	sc, _ := coordSchemas(ns)
	if sc == nil {
		sc, _ = bundleSchemas(ns)
	}
	if sc == nil && ns == "" {
		sc, _ = coordSchemas(coordNSPrefix + string(coordVersions[len(coordVersions)-1]))
	}
	if sc == nil {
		return nil
	}
	if len(path) == 0 {
		var out []string
		for name := range sc.roots {
			out = append(out, name)
		}
		sort.Strings(out)
		return out
	}
	d := sc.roots[path[0]]
	for _, name := range path[1:] {
		if d == nil {
			return nil
		}
		d = d.kids[name]
	}
	if d == nil {
		return nil
	}
	return modelNames(d)
}
