package compiler

import (
	"sort"
	"strings"
)

// findVar returns the bounds of the first match in s of Hadoop
// Configuration's variable pattern, \$\{[^\}\$ ]+\}, or ok false. It
// scans bytes: the excluded characters are ASCII. (A regexp allocated on
// every call, and a large file makes tens of thousands of them.)
func findVar(s string) (start, end int, ok bool) {
	for from := 0; ; {
		i := strings.Index(s[from:], "${")
		if i < 0 {
			return 0, 0, false
		}
		i += from
		j := i + 2
		for j < len(s) && s[j] != '}' && s[j] != '$' && s[j] != ' ' {
			j++
		}
		if j > i+2 && j < len(s) && s[j] == '}' {
			return i, j + 1, true
		}
		from = i + 1
	}
}

// maxSubst is Hadoop's substitution depth limit (Configuration.MAX_SUBST).
const maxSubst = 20

// substituteVars resolves ${name} references between job properties the way
// Oozie's server does before anything else (XConfiguration.resolve, which
// reads every value through Hadoop's Configuration.substituteVars): up to 20
// rounds, each replacing the first reference; an unbound name (or an EL
// expression such as ${coord:days(1)}) stops the substitution and leaves the
// rest of the value as it is.
//
// It substitutes in params itself (each value is worked out from the values
// as written, then all are replaced) and returns the names of those whose
// substitution never ends, sorted (they keep their value as written).
func substituteVars(params map[string]string) []string {
	type change struct{ name, value string }
	n := 0
	for _, v := range params {
		if strings.Contains(v, "${") {
			n++
		}
	}
	changes := make([]change, 0, n)
	var cyclic []string
	for k, v := range params {
		if !strings.Contains(v, "${") {
			continue // every match of findVar starts with "${"
		}
		switch s, ok := substituteOne(v, params); {
		case !ok:
			cyclic = append(cyclic, k)
		case s != v:
			changes = append(changes, change{k, s})
		}
	}
	for _, c := range changes {
		params[c.name] = c.value
	}
	sort.Strings(cyclic)
	return cyclic
}

// substituteOne substitutes one value; ok is false when Hadoop would fail
// with "Variable substitution depth too large".
func substituteOne(expr string, params map[string]string) (string, bool) {
	eval := expr
	for range maxSubst {
		start, end, found := findVar(eval)
		if !found {
			return eval, true
		}
		val, bound := params[eval[start+2:end-1]]
		if !bound {
			return eval, true
		}
		eval = eval[:start] + val + eval[end:]
	}
	return "", false
}
