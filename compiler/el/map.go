package el

import (
	"sort"
	"strings"
)

// Map is a map value, Java's Map<String, String>, as the workflow function
// wf:actionData returns it. As text it reads like Java's
// AbstractMap.toString ("{a=1, b=2}") with the keys sorted, so that the
// text is the same on every run; m[key] and m.key read an entry (null when
// there is none); it converts to no number or boolean.
type Map map[string]string

// Keys returns the keys in sorted order.
func (m Map) Keys() []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// String renders the map as "{k=v, k2=v2}", keys sorted.
func (m Map) String() string {
	keys := m.Keys()
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + m[k]
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
