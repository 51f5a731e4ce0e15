package compiler

import (
	"regexp"
	"sort"
)

// hadoopVar is Hadoop Configuration's variable pattern.
var hadoopVar = regexp.MustCompile(`\$\{[^\}\$ ]+\}`)

// maxSubst is Hadoop's substitution depth limit (Configuration.MAX_SUBST).
const maxSubst = 20

// substituteVars resolves ${name} references between job properties the way
// Oozie's server does before anything else (XConfiguration.resolve, which
// reads every value through Hadoop's Configuration.substituteVars): up to 20
// rounds, each replacing the first reference; an unbound name (or an EL
// expression such as ${coord:days(1)}) stops the substitution and leaves the
// rest of the value as it is.
//
// It returns the substituted properties and the names of those whose
// substitution never ends (they keep their value as written).
func substituteVars(params map[string]string) (map[string]string, []string) {
	out := make(map[string]string, len(params))
	var cyclic []string
	names := make([]string, 0, len(params))
	for k := range params {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		v, ok := substituteOne(params[k], params)
		if !ok {
			cyclic = append(cyclic, k)
			v = params[k]
		}
		out[k] = v
	}
	return out, cyclic
}

// substituteOne substitutes one value; ok is false when Hadoop would fail
// with "Variable substitution depth too large".
func substituteOne(expr string, params map[string]string) (string, bool) {
	eval := expr
	for range maxSubst {
		loc := hadoopVar.FindStringIndex(eval)
		if loc == nil {
			return eval, true
		}
		val, bound := params[eval[loc[0]+2:loc[1]-1]]
		if !bound {
			return eval, true
		}
		eval = eval[:loc[0]] + val + eval[loc[1]:]
	}
	return "", false
}
