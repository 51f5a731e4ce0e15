package rules

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/props"
	"github.com/coordc/coordc/lint"
	"github.com/hashicorp/hcl/v2"
)

// EL005 reports parameters used in EL that nothing defines. Variables
// Oozie can never resolve (a dotted name such as ${a.b}, or any undefined
// name in a strict load) come from the compiler and stay errors. Beyond
// those, when job properties were loaded, the rule reports each name that
// neither the properties, nor a formal parameter, nor the configuration of
// a bundle coordinator in the project defines, once per file at its first
// use. These are informational: a -D option, a config-default.xml or a
// bundle outside the project could still supply the name. Without loaded
// properties nothing is known about them, so the rule stays silent (the
// loader notes what it could not check).
var EL005 = &lint.Analyzer{
	ID:       "EL005",
	Name:     "undefined-parameter",
	Severity: lint.Info,
	Doc: lint.Doc{
		Title: "EL parameter is defined nowhere",
		Rationale: "Oozie substitutes `${name}` from the job properties and the coordinator's formal `<parameters>`; a name " +
			"found in neither fails the submission with E1004 (`variable [name] cannot be resolved`).\n\n" +
			"Oozie resolves only whole names: `${hdfs.namenode}` is read as property `namenode` of a variable `hdfs`, which " +
			"does not exist, so dotted property names must be read with `coord:conf('hdfs.namenode')`. That is always an error.\n\n" +
			"A plain name is reported, as information, only when job properties were loaded (`--properties`, or `properties` " +
			"in `.coordc.hcl`) and neither they, nor the coordinator's `<parameters>`, nor the `<configuration>` of a bundle " +
			"coordinator in the project define it; values given with `-D` at submission or in a `config-default.xml` beside " +
			"the coordinator are not known to coordc. A hyphenated name such as `${app-path}` is read as `app` minus `path`. " +
			"Names Oozie reserves for its constants (`YEAR`, `HOURS`, …) are not reported.",
		Bad: exampleCoordOpen + `  <action>
    <workflow>
      <app-path>${hdfs.namenode}/apps/report</app-path>
    </workflow>
  </action>` + exampleCoordClose,
		Good: exampleCoordOpen + `  <action>
    <workflow>
      <app-path>${coord:conf('hdfs.namenode')}/apps/report</app-path>
    </workflow>
  </action>` + exampleCoordClose,
	},
	Run: runEL005,
}

func runEL005(p *lint.Pass) {
	// The compiler's own EL005 errors become findings of this rule in the
	// runner; plain undefined names need loaded properties to be judged.
	// What is left of the loader's notes is grouped per file.
	judged := map[string]bool{} // files whose names the rule judged with loaded properties
	reported := map[hcl.Range]bool{}
	for _, d := range p.Compile {
		if diag.CodeOf(d) == el.CodeUndefined && d.Subject != nil {
			reported[*d.Subject] = true
		}
	}
	defer groupUndefined(p, judged, reported)
	fromBundles := bundleConfigNames(p.Project.Bundles)
	included := map[string]bool{}
	for _, c := range p.Project.Coordinators {
		if len(paramsOf(p.Project, c.File)) == 0 {
			for _, ds := range c.Datasets {
				included[ds.File] = true
			}
			continue
		}
		judged[c.File] = true
		for _, ds := range c.Datasets {
			judged[ds.File] = true
		}
		declared := formalNames(c.Parameters)
		for name := range fromBundles {
			declared[name] = true
		}
		u := newUndefinedUses(c.Params, declared, reported)
		coordTexts(c, u.scan)
		u.report(p, "coordinator")
		for _, ds := range c.Datasets {
			included[ds.File] = true
		}
	}
	for _, b := range p.Project.Bundles {
		params := paramsOf(p.Project, b.File)
		if len(params) == 0 {
			continue
		}
		judged[b.File] = true
		declared := formalNames(b.Parameters)
		if b.Version.AtLeast("0.2") {
			params = withFormalDefaults(params, b.Parameters)
		}
		u := newUndefinedUses(params, declared, reported)
		bundleTexts(b, u.scan)
		u.report(p, "bundle")
	}
	for _, df := range p.Project.DatasetFiles {
		if included[df.File] {
			continue // checked with the parameters of a coordinator that includes it
		}
		params := paramsOf(p.Project, df.File)
		if len(params) == 0 {
			continue
		}
		judged[df.File] = true
		u := newUndefinedUses(params, nil, reported)
		for _, inc := range df.Includes {
			u.scan(inc)
		}
		for _, ds := range df.Datasets {
			datasetTexts(ds, u.scan)
		}
		u.report(p, "datasets file")
	}
}

// paramsOf returns the job properties a definition file was loaded with.
func paramsOf(p *ir.Project, file string) map[string]string {
	if params, ok := p.FileParams[file]; ok {
		return params
	}
	return p.Params
}

// groupUndefined reports the loader's undefined-parameter notes of the
// files the rule did not judge (judged: loaded without job properties) as
// one finding per file, at the first use, so that a project linted without
// its properties gets one line per file instead of one per name.
func groupUndefined(p *lint.Pass, judged map[string]bool, reported map[hcl.Range]bool) {
	type use struct {
		name string
		rng  hcl.Range
	}
	byFile := map[string][]use{}
	seen := map[useKey]bool{}
	for _, d := range p.Compile {
		name, ok := diag.UndefinedParam(d)
		if !ok || d.Subject == nil || reported[*d.Subject] {
			continue // a dotted name is the compiler's error
		}
		k := useKey{d.Subject.Filename, name}
		if judged[k.file] || seen[k] {
			continue
		}
		seen[k] = true
		byFile[k.file] = append(byFile[k.file], use{name, *d.Subject})
	}
	files := make([]string, 0, len(byFile))
	for f := range byFile {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		uses := byFile[f]
		sort.Slice(uses, func(i, j int) bool {
			if uses[i].rng.Start.Byte != uses[j].rng.Start.Byte {
				return uses[i].rng.Start.Byte < uses[j].rng.Start.Byte
			}
			return uses[i].name < uses[j].name
		})
		names := make([]string, len(uses))
		where := make([]string, len(uses))
		for i, u := range uses {
			names[i] = strconv.Quote(u.name)
			where[i] = fmt.Sprintf("%q (line %d)", u.name, u.rng.Start.Line)
		}
		detail := fmt.Sprintf("No job properties given for this file define %s, so the values that use them were not checked. "+
			"coordc reads the definition's own job.properties (in its directory, or the one whose oozie.coord.application.path names it), "+
			"the properties that .coordc.hcl maps to it, and --properties and -D. "+
			"Give the values there, or silence this note with rule \"EL005\" { enabled = false } in .coordc.hcl.", strings.Join(where, ", "))
		if len(uses) == 1 {
			p.Reportf(uses[0].rng, detail, "Parameter %s is not defined", names[0])
			continue
		}
		p.Reportf(uses[0].rng, detail, "%d parameters are not defined: %s", len(uses), joinAnd(names))
	}
}

// bundleConfigNames are the property names bundles pass to their
// coordinators (<coordinator><configuration>).
func bundleConfigNames(bs []*ir.Bundle) map[string]bool {
	out := map[string]bool{}
	for _, b := range bs {
		for _, bc := range b.Coordinators {
			for _, p := range bc.Configuration {
				if p.Name != nil {
					out[strings.TrimSpace(p.Name.Raw)] = true
				}
			}
		}
	}
	return out
}

func formalNames(ps []*ir.Parameter) map[string]bool {
	out := map[string]bool{}
	for _, p := range ps {
		out[p.Name] = true
	}
	return out
}

func withFormalDefaults(params map[string]string, ps []*ir.Parameter) map[string]string {
	out := make(map[string]string, len(params)+len(ps))
	for k, v := range params {
		out[k] = v
	}
	for _, p := range ps {
		if _, ok := out[p.Name]; !ok && p.Default != nil {
			out[p.Name] = p.Default.Raw
		}
	}
	return out
}

// undefinedUses collects, per file, the uses of names a definition does
// not define.
type undefinedUses struct {
	params   map[string]string
	declared map[string]bool // formal parameters, with or without a value
	skip     map[hcl.Range]bool
	uses     map[useKey][]hcl.Range
	hyphens  []hyphenated
}

// hyphenated is a name written with a hyphen, ${a-b}, which EL reads as a
// subtraction of two variables.
type hyphenated struct {
	name string
	rng  hcl.Range
}

type useKey struct{ file, name string }

func newUndefinedUses(params map[string]string, declared map[string]bool, skip map[hcl.Range]bool) *undefinedUses {
	return &undefinedUses{params: params, declared: declared, skip: skip, uses: map[useKey][]hcl.Range{}}
}

// scan records the undefined variables of t. The base of a property access
// (${a.b}) is the compiler's to report.
func (u *undefinedUses) scan(t *ir.Text) {
	ir.WalkTemplate(t.Template, func(e ir.Expr) bool {
		switch n := e.(type) {
		case *ir.Binary:
			if name, ok := u.hyphenName(n); ok {
				u.hyphens = append(u.hyphens, hyphenated{name, n.Range})
				return false
			}
		case *ir.Member:
			if _, ok := n.X.(*ir.Ident); ok {
				return false
			}
		case *ir.Ident:
			if u.defined(n.Name) || u.skip[n.Range] {
				return true
			}
			k := useKey{n.Range.Filename, n.Name}
			u.uses[k] = append(u.uses[k], n.Range)
		}
		return true
	})
}

// hyphenName returns "a-b" when n is a-b written without spaces between
// two names that are both undefined.
func (u *undefinedUses) hyphenName(n *ir.Binary) (string, bool) {
	x, ok1 := n.X.(*ir.Ident)
	y, ok2 := n.Y.(*ir.Ident)
	if n.Op != "-" || !ok1 || !ok2 || x.Range.End.Byte+1 != y.Range.Start.Byte || u.defined(x.Name) || u.defined(y.Name) {
		return "", false
	}
	return x.Name + "-" + y.Name, true
}

func (u *undefinedUses) defined(name string) bool {
	_, ok := u.params[name]
	return ok || u.declared[name] || props.IsReserved(name)
}

// report reports the undefined names of one definition.
func (u *undefinedUses) report(p *lint.Pass, what string) {
	for _, h := range u.hyphens {
		p.Reportf(h.rng, fmt.Sprintf("EL names cannot contain '-': Oozie reads %q as the variable %q minus the variable %q, and neither is defined, so it rejects the job (E1004). Read a property whose name has a hyphen with coord:conf('%s'), or rename it.",
			h.name, strings.SplitN(h.name, "-", 2)[0], strings.SplitN(h.name, "-", 2)[1], h.name),
			"%q is read as a subtraction of two undefined parameters", h.name)
	}
	keys := make([]useKey, 0, len(u.uses))
	for k := range u.uses {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i].file < keys[j].file || keys[i].file == keys[j].file && keys[i].name < keys[j].name
	})
	var known []string
	for name := range u.params {
		known = append(known, name)
	}
	for name := range u.declared {
		known = append(known, name)
	}
	sort.Strings(known)
	for _, k := range keys {
		rngs := u.uses[k]
		sort.Slice(rngs, func(i, j int) bool { return rngs[i].Start.Byte < rngs[j].Start.Byte })
		first := rngs[0]
		more := ""
		if n := len(rngs) - 1; n == 1 {
			more = " It is used once more in this file."
		} else if n > 1 {
			more = fmt.Sprintf(" It is used %d more times in this file.", n)
		}
		detail := fmt.Sprintf("Neither the loaded job properties nor the %s's formal parameters define %q, so with these properties Oozie rejects the job (E1004: variable [%s] cannot be resolved); a -D option, a config-default.xml or a bundle could still supply it.%s "+
			"Define it in the properties file, add it to <parameters> with a default <value>, or correct the name.", what, k.name, k.name, more)
		if s := didYouMean(k.name, known); s != "" {
			detail = fmt.Sprintf("Did you mean %q? ", s) + detail
			fixes := make([]diag.Edit, len(rngs))
			for i, r := range rngs {
				fixes[i] = diag.Edit{Range: r, Text: s}
			}
			reportFix(p, first, fixes, detail, "Parameter %q is not defined", k.name)
			continue
		}
		p.Reportf(first, detail, "Parameter %q is not defined", k.name)
	}
}
