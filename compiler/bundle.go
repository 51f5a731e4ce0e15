package compiler

import (
	"fmt"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/java"
	"github.com/hashicorp/hcl/v2"
)

// submitBundle runs Oozie's bundle submit checks: parameters (0.2), name,
// kick-off-time, and each coordinator entry's name, app-path, flags and
// configuration.
func (l *loader) submitBundle(b *ir.Bundle) hcl.Diagnostics {
	s := newScope(withDefaults(l.paramsOf(b.File), b.Parameters, b.Version.AtLeast("0.2")), l.opts.Strict)
	l.checkParameters(s, b.Parameters, b.Version.AtLeast("0.2"))
	s.eval(b.Name, groupNoFuncs, "the bundle name", nil)
	if b.KickOffTime != nil {
		*b.KickOffTime = s.evalInstant(b.KickOffTime.Text, "kick-off-time", groupNoFuncs)
	}
	names := map[string]hcl.Range{}
	for _, bc := range b.Coordinators {
		if name, ok := s.eval(bc.Name, groupNoFuncs, "a bundle coordinator name", nil); ok {
			if first, dup := names[name]; dup {
				s.errorf(bc.Name.Range, diag.E0803, fmt.Sprintf("Each coordinator of a bundle needs its own name; the first %q is at %s:%d:%d.", name, first.Filename, first.Start.Line, first.Start.Column),
					"Duplicate coordinator name %q in bundle", name)
			} else {
				names[name] = bc.Name.Range
			}
		}
		s.eval(bc.AppPath, groupNoFuncs, "a bundle coordinator app-path", nil)
		for _, t := range []*ir.Text{bc.Critical, bc.Enabled} {
			if v, ok := s.eval(t, groupNoFuncs, "a bundle coordinator flag", nil); ok {
				if lv := strings.ToLower(java.Trim(v)); lv != "true" && lv != "false" {
					s.warnf(t.Range, "", fmt.Sprintf("Oozie parses this with Boolean.parseBoolean, so %q means false.", v), "Flag value %q is neither true nor false", v)
				}
			}
		}
		for _, p := range bc.Configuration {
			s.eval(p.Name, groupNoFuncs, "a configuration property name", nil)
			s.eval(p.Value, groupNoFuncs, "a configuration property value", nil)
		}
		l.linkBundleCoordinator(s, b, bc)
	}
	return s.finish()
}

// submitDatasetFile checks a standalone datasets file on its own.
func (l *loader) submitDatasetFile(df *ir.DatasetFile) hcl.Diagnostics {
	s := newScope(l.paramsOf(df.File), l.opts.Strict)
	for _, inc := range df.Includes {
		s.eval(inc, groupNoFuncs, "an <include>", nil)
	}
	names := map[string]*ir.Dataset{}
	for _, ds := range df.Datasets {
		if prev, dup := names[ds.Name]; dup {
			s.warnf(ds.NameRange, "", fmt.Sprintf("Dataset %q is also defined at %s; the later definition replaces it.", ds.Name, posString(prev.NameRange)),
				"Dataset %q is defined twice", ds.Name)
		}
		names[ds.Name] = ds
		s.evalDataset(ds)
	}
	return s.finish()
}

// EnabledCoordinators returns the entries of b that run when the bundle
// runs and whose coordinator was loaded (from the local file system): an
// entry is enabled unless its enabled flag, trimmed, fails
// Boolean.parseBoolean, as in Oozie; an absent flag means enabled. An
// enabled flag that depends on an undefined parameter counts as disabled.
// plan and apply run exactly these.
func EnabledCoordinators(b *ir.Bundle) []*ir.BundleCoordinator {
	var out []*ir.BundleCoordinator
	for _, bc := range b.Coordinators {
		if bc.Coordinator != nil && (bc.Enabled == nil || bc.Enabled.Known && java.ParseBoolean(java.Trim(bc.Enabled.Value))) {
			out = append(out, bc)
		}
	}
	return out
}
