package compiler

import (
	"fmt"
	"strings"

	"github.com/coordc/coordc/compiler/ir"
)

// coordParams returns the job properties for one definition: the loaded ones
// plus the defaults of its formal parameters (schema 0.4+; Oozie ignores
// <parameters> in older versions).
func (l *loader) coordParams(c *ir.Coordinator) map[string]string {
	return withDefaults(l.params, c.Parameters, c.Version >= "0.4")
}

func withDefaults(params map[string]string, formal []*ir.Parameter, supported bool) map[string]string {
	out := make(map[string]string, len(params)+len(formal))
	for k, v := range params {
		out[k] = v
	}
	if !supported {
		return out
	}
	for _, p := range formal {
		if _, ok := out[p.Name]; !ok && p.Default != nil {
			out[p.Name] = trimJava(p.Default.Raw)
		}
	}
	return out
}

// checkParameters applies Oozie's ParameterVerifier: an empty name is E0739,
// a parameter without a value that the job properties lack is E0738 (a
// warning unless --strict, like any undefined parameter).
func (l *loader) checkParameters(s *scope, formal []*ir.Parameter, supported bool) {
	if !supported {
		return
	}
	for _, p := range formal {
		if strings.TrimSpace(p.Name) == "" {
			s.errorf(p.Range, "E0739", "Every formal parameter needs a non-empty <name>.", "Parameter name cannot be empty")
			continue
		}
		if _, ok := s.params[p.Name]; ok || p.Default != nil {
			continue
		}
		detail := fmt.Sprintf("Give %q in a properties file (--properties) or with -D %s=VALUE, or add a <value> default.", p.Name, p.Name)
		if s.strict {
			s.errorf(p.NameRange, "E0738", detail, "Required parameter %q is not defined and has no default value", p.Name)
		} else {
			s.warnf(p.NameRange, "E0738", detail+" Values that use it were not checked.", "Required parameter %q is not defined and has no default value", p.Name)
		}
	}
}

// closest returns the candidate nearest to name by edit distance, or "" when
// none is close enough to be a plausible typo.
func closest(name string, candidates []string) string {
	best, bestDist := "", len(name)/3+2
	for _, c := range candidates {
		if d := levenshtein(strings.ToLower(name), strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
