package compiler

import (
	"fmt"
	"github.com/coordc/coordc/compiler/props"
	"sort"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/hashicorp/hcl/v2"
)

// scope evaluates the texts of one definition with its job properties,
// collecting diagnostics and the parameters it found undefined.
type scope struct {
	params map[string]string
	files  *files // where includes are looked up; nil means the disk
	strict bool
	diags  hcl.Diagnostics
	// undefined maps a parameter name to where it was first used and which
	// places could not be checked because of it.
	undefined map[string]*undefinedParam
}

type undefinedParam struct {
	first  hcl.Range
	places []string
}

func newScope(params map[string]string, strict bool) *scope {
	return &scope{params: params, strict: strict, undefined: map[string]*undefinedParam{}}
}

// eval evaluates t in group, with extra function implementations. It sets
// t.Value and t.Known and returns them. place names the text for messages
// ("start", "the uri-template of dataset \"logs\"").
func (s *scope) eval(t *ir.Text, group, place string, funcs map[string]el.Func) (string, bool) {
	if t == nil || t.Template == nil {
		return "", false
	}
	var missing []string
	env := &el.Env{
		Group: group,
		Vars: func(name string) (el.Value, bool) {
			if v, ok := s.params[name]; ok {
				return v, true
			}
			missing = append(missing, name)
			return nil, false
		},
		UnknownVars: !s.strict,
		Funcs:       s.withConf(funcs),
	}
	v, known, diags := el.EvalTemplate(t.Template, env)
	s.diags = append(s.diags, diags...)
	if !s.strict {
		for _, name := range missing {
			s.noteUndefined(t, name, place)
		}
	}
	if diags.HasErrors() {
		return "", false
	}
	t.Value, t.Known = v, known
	return v, known
}

// check type-checks t for the group it is finally evaluated in.
func (s *scope) check(t *ir.Text, group string) bool {
	if t == nil || t.Template == nil {
		return false
	}
	d := el.Check(t.Template, group)
	s.diags = append(s.diags, d...)
	return !d.HasErrors()
}

// withConf adds coord:conf and coord:user, which every group has.
func (s *scope) withConf(funcs map[string]el.Func) map[string]el.Func {
	out := map[string]el.Func{
		"coord:conf": func(_ *ir.Call, args []el.Value) (el.Value, error) {
			if v, ok := s.params[el.ToString(args[0])]; ok {
				return v, nil
			}
			return nil, nil
		},
		"coord:user": func(_ *ir.Call, _ []el.Value) (el.Value, error) {
			if v, ok := s.params["user.name"]; ok {
				return v, nil
			}
			return el.Unknown{}, nil
		},
	}
	for k, f := range funcs {
		out[k] = f
	}
	return out
}

func (s *scope) noteUndefined(t *ir.Text, name, place string) {
	u := s.undefined[name]
	if u == nil {
		u = &undefinedParam{first: identRange(t, name)}
		s.undefined[name] = u
	}
	for _, p := range u.places {
		if p == place {
			return
		}
	}
	u.places = append(u.places, place)
}

// identRange finds where name is used in t (the whole text if not found).
func identRange(t *ir.Text, name string) hcl.Range {
	rng := t.Range
	found := false
	ir.WalkTemplate(t.Template, func(e ir.Expr) bool {
		if id, ok := e.(*ir.Ident); ok && id.Name == name && !found {
			rng, found = id.Range, true
		}
		return !found
	})
	return rng
}

// errorf appends an error diagnostic.
func (s *scope) errorf(rng hcl.Range, code diag.Code, detail, format string, args ...any) {
	d := diag.Errorf(rng, code, format, args...)
	d.Detail = detail
	s.diags = append(s.diags, d)
}

// warnf appends a warning diagnostic.
func (s *scope) warnf(rng hcl.Range, code diag.Code, detail, format string, args ...any) {
	d := diag.Warningf(rng, code, format, args...)
	d.Detail = detail
	s.diags = append(s.diags, d)
}

// finish reports undefined parameters, one warning each, and returns all
// diagnostics.
func (s *scope) finish() hcl.Diagnostics {
	names := make([]string, 0, len(s.undefined))
	for n := range s.undefined {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		u := s.undefined[n]
		d := diag.NotChecked(u.first, "Parameter %q is not defined", n)
		if !props.IsReserved(n) {
			d.Extra.(*diag.Extra).Param = n // EL005 in coordc lint; an EL constant used where it is not defined stays a plain note
		}
		d.Detail = fmt.Sprintf("No properties file or -D gives %q, so these were not checked: %s. "+
			"Pass the job's properties with --properties FILE or -D %s=VALUE (with --strict this is an error).",
			n, strings.Join(u.places, "; "), n)
		s.diags = append(s.diags, d)
	}
	return s.diags
}
