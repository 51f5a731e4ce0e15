package lint

import (
	"fmt"
	"path/filepath"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// decodeProperties reads the `properties` setting: a list of files used
// for every definition, or an object that maps path globs to a file or a
// list of files. Relative file names are joined to dir.
func decodeProperties(expr hcl.Expression, dir string) ([]string, []PropertyMap, hcl.Diagnostics) {
	v, diags := expr.Value(nil)
	if diags.HasErrors() || v.IsNull() {
		return nil, nil, diags
	}
	bad := func(detail string) hcl.Diagnostics {
		return append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid properties setting", Detail: detail, Subject: expr.Range().Ptr()})
	}
	const usage = ` Write properties = ["job.properties"] for every definition, or properties = { "jobs/daily/**" = "jobs/daily/job.properties" } to map globs to files.`
	files := func(v cty.Value) ([]string, bool) {
		if v.IsNull() || !v.IsKnown() {
			return nil, false
		}
		if v.Type() == cty.String {
			return []string{joinDir(dir, v.AsString())}, true
		}
		if !v.CanIterateElements() || v.Type().IsObjectType() || v.Type().IsMapType() {
			return nil, false
		}
		var out []string
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			if e.IsNull() || !e.IsKnown() || e.Type() != cty.String {
				return nil, false
			}
			out = append(out, joinDir(dir, e.AsString()))
		}
		return out, true
	}
	t := v.Type()
	if t.IsObjectType() || t.IsMapType() {
		var maps []PropertyMap
		// Objects iterate in key order, so the mapping does not depend on
		// how the file lists them; later (more specific-looking) keys win.
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			fs, ok := files(e)
			if !ok {
				return nil, nil, bad(fmt.Sprintf("The value for %q must be a file name or a list of file names.", k.AsString()) + usage)
			}
			maps = append(maps, PropertyMap{Glob: k.AsString(), Files: fs})
		}
		return nil, maps, diags
	}
	fs, ok := files(v)
	if !ok || t == cty.String {
		return nil, nil, bad("The value must be a list of file names or an object mapping globs to files." + usage)
	}
	return fs, nil, diags
}

func joinDir(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, filepath.FromSlash(p))
}
