package compiler

import (
	"fmt"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/java"
	"github.com/coordc/coordc/compiler/suggest"

	"github.com/coordc/coordc/compiler/ir"
)

// coordParams returns the job properties for one definition: the loaded ones
// plus the defaults of its formal parameters (schema 0.4+; Oozie ignores
// <parameters> in older versions).
func (l *loader) coordParams(c *ir.Coordinator) map[string]string {
	return withDefaults(l.paramsOf(c.File), c.Parameters, c.Version.AtLeast("0.4"))
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
			out[p.Name] = java.Trim(p.Default.Raw)
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
			s.errorf(p.Range, diag.E0739, "Every formal parameter needs a non-empty <name>.", "Parameter name cannot be empty")
			continue
		}
		if _, ok := s.params[p.Name]; ok || p.Default != nil {
			continue
		}
		detail := fmt.Sprintf("Give %q in a properties file (--properties) or with -D %s=VALUE, or add a <value> default.", p.Name, p.Name)
		if s.strict {
			s.errorf(p.NameRange, diag.E0738, detail, "Required parameter %q is not defined and has no default value", p.Name)
		} else {
			s.warnf(p.NameRange, diag.E0738, detail+" Values that use it were not checked.", "Required parameter %q is not defined and has no default value", p.Name)
		}
	}
}

// closest returns the candidate nearest to name by edit distance, or "" when
// none is close enough to be a plausible typo.
func closest(name string, candidates []string) string {
	best, _ := suggest.Closest(name, candidates, len(name)/3+1, nil)
	return best
}
