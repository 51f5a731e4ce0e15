package hclgen

import (
	"github.com/coordc/coordc/compiler/ir"
)

// flink writes the flink block of an action with an inline Flink job. A
// value that is a ${name} reference to one of the action's configuration
// properties (as package hclfront passes EL values) is written as that
// property's value again, so the block reads as it was written.
func (w *writer) flink(a *ir.Action) {
	f := a.Flink
	orig := passedValues(a)
	w.open(a.DeclRange, "flink")
	w.attr("app_path", a.AppPath)
	w.attr("jar", orig(f.Jar))
	w.attr("entry_class", orig(f.EntryClass))
	w.attr("parallelism", orig(f.Parallelism))
	if len(f.Args) > 0 {
		args := make([]*ir.Text, len(f.Args))
		for i, t := range f.Args {
			args[i] = orig(t)
		}
		w.raw("args", w.list(args), args[0].Range)
	}
	w.attr("savepoint_path", orig(f.SavepointPath))
	if f.AllowNonRestoredState {
		w.raw("allow_non_restored_state", "true", f.DeclRange)
	}
	if len(f.Configuration) > 0 {
		conf := make([]*ir.Property, len(f.Configuration))
		for i, p := range f.Configuration {
			cp := *p
			cp.Value = orig(p.Value)
			conf[i] = &cp
		}
		w.configuration(conf, conf[0].Range)
	}
	w.close(a.Range)
}

// passedValues returns the function that maps a ${name} reference to one
// of a's configuration properties back to that property's value, and any
// other text to itself.
func passedValues(a *ir.Action) func(*ir.Text) *ir.Text {
	passed := map[string]*ir.Text{}
	for _, p := range a.Configuration {
		if p.Name != nil && p.Name.Template != nil && p.Name.Template.IsLiteral() {
			passed[p.Name.Raw] = p.Value
		}
	}
	return func(t *ir.Text) *ir.Text {
		if t == nil || t.Template == nil || len(t.Template.Parts) != 1 {
			return t
		}
		if id, ok := t.Template.Parts[0].Expr.(*ir.Ident); ok && passed[id.Name] != nil {
			return passed[id.Name]
		}
		return t
	}
}
