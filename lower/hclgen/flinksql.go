package hclgen

import (
	"github.com/coordc/coordc/compiler/ir"
)

// flinkSQL writes the flink_sql block of an action with an inline
// flink-sql action; values passed through the action's configuration are
// written as their original values, as flink does.
func (w *writer) flinkSQL(a *ir.Action) {
	f := a.FlinkSQL
	orig := passedValues(a)
	w.open(a.DeclRange, "flink_sql")
	w.attr("app_path", a.AppPath)
	if len(f.SessionConfiguration) > 0 {
		conf := make([]*ir.Property, len(f.SessionConfiguration))
		for i, p := range f.SessionConfiguration {
			cp := *p
			cp.Value = orig(p.Value)
			conf[i] = &cp
		}
		w.propertyMap("session_configuration", conf, conf[0].Range)
	}
	if len(f.Statements) > 0 {
		stmts := make([]*ir.Text, len(f.Statements))
		for i, t := range f.Statements {
			stmts[i] = orig(t)
		}
		w.raw("statements", w.list(stmts), stmts[0].Range)
	}
	if f.CaptureOutput {
		w.raw("capture_output", "true", f.DeclRange)
	}
	w.close(a.Range)
}
