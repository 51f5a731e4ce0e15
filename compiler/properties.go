package compiler

import (
	"bytes"
	"fmt"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/java"
	"github.com/coordc/coordc/compiler/props"
	"github.com/hashicorp/hcl/v2"
)

// loadParams reads the properties files and -D values into one map of job
// properties. Values are trimmed, as Oozie trims job property values before
// use, and ${name} references between properties are resolved as Hadoop
// does. Reserved names are rejected as Oozie does (E0808, reported by Oozie's
// submit as E0803).
func loadParams(opts Options, fsys *files, src diag.Sources) (map[string]string, hcl.Diagnostics) {
	params := map[string]string{}
	var read []string            // the files read, in order
	defined := map[string]bool{} // -D names, which have no source range
	var diags hcl.Diagnostics
	for _, f := range opts.PropertiesFiles {
		data, err := fsys.readLimit(f, props.MaxFileSize)
		if err != nil {
			diags = append(diags, usageError(fmt.Sprintf("Cannot read properties file %q", f), err.Error()))
			continue
		}
		src[f] = data
		read = append(read, f)
		var reserved hcl.Diagnostics // after the file's own diagnostics, as before Read streamed
		pd, _ := props.Read(f, bytes.NewReader(data), func(p props.Property) bool {
			if props.IsReserved(p.Key) {
				d := diag.Errorf(p.KeyRange, diag.E0808, "Disallowed user property %q", p.Key)
				d.Detail = fmt.Sprintf("Oozie reserves %s for its own EL constants and rejects a job property of that name. Rename the property.", p.Key)
				reserved = append(reserved, d)
				return true
			}
			params[p.Key] = java.Trim(p.Value)
			return true
		})
		diags = append(append(diags, pd...), reserved...)
	}
	for _, def := range opts.Defines {
		k, v, err := props.ParseAssignment(def)
		if err != nil {
			diags = append(diags, usageError(fmt.Sprintf("Invalid -D value %q", def), err.Error()))
			continue
		}
		if props.IsReserved(k) {
			diags = append(diags, usageError(fmt.Sprintf("Disallowed user property %q", k), "Oozie reserves this name for its own EL constants and rejects a job property of that name."))
			continue
		}
		params[k] = java.Trim(v)
		defined[k] = true
	}
	cyclic := substituteVars(params)
	ranges := valueRanges(read, src, cyclic, defined)
	for _, k := range cyclic {
		d := &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: fmt.Sprintf("Job property %q refers to itself", k),
			Detail: "Its value refers to itself, directly or through other properties, so Hadoop's variable substitution gives up after 20 rounds and Oozie fails wherever the property is read. coordc keeps the value as written. Give the property a real value."}
		if r, ok := ranges[k]; ok {
			d.Subject = &r
		}
		diags = append(diags, d)
	}
	return params, diags
}

// valueRanges finds again, in the files read, where the values of names
// were set (the last time; never for a name -D set), so that a large file's
// ranges are not all kept for the few that a warning needs.
func valueRanges(files []string, src diag.Sources, names []string, defined map[string]bool) map[string]hcl.Range {
	ranges := map[string]hcl.Range{}
	if len(names) == 0 {
		return ranges
	}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = !defined[n]
	}
	for _, f := range files {
		_, _ = props.Read(f, bytes.NewReader(src[f]), func(p props.Property) bool {
			if want[p.Key] {
				ranges[p.Key] = p.ValueRange
			}
			return true
		})
	}
	return ranges
}

// ReadJobProperties reads one Java .properties file as Oozie's client reads
// a job.properties: values trimmed, reserved names dropped, and ${name}
// references between the properties resolved. It is for callers that look
// at properties before loading (which job.properties belongs to which
// definition); Load reports the file's problems.
func ReadJobProperties(path string) (map[string]string, error) {
	params, diags := loadParams(Options{PropertiesFiles: []string{path}}, newFiles(nil), diag.Sources{})
	for _, d := range diags {
		if diag.CodeOf(d) == CodeUsage {
			return nil, fmt.Errorf("%s: %s", d.Summary, d.Detail)
		}
	}
	return params, nil
}
