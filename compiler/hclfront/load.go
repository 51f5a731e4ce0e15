package hclfront

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// IsHCLFile reports whether path names a file of the language.
func IsHCLFile(path string) bool { return strings.HasSuffix(path, Extension) }

// ReadConfigs reads the configurations the given .coord.hcl files belong
// to: each file is compiled with every .coord.hcl file of its directory
// (shared variables, locals and datasets), and only the coordinators and
// bundles of the given files are kept. It returns one Config per directory,
// in path order, and the bytes of every file read (for snippets).
func ReadConfigs(paths []string, opts Options) ([]*Config, map[string][]byte, hcl.Diagnostics) {
	sources := map[string][]byte{}
	var diags hcl.Diagnostics
	wanted := map[string]bool{}
	var dirs []string
	seenDir := map[string]bool{}
	for _, p := range paths {
		wanted[filepath.Clean(p)] = true
		if d := filepath.Dir(p); !seenDir[d] {
			seenDir[d] = true
			dirs = append(dirs, d)
		}
	}
	fsys := opts.Files
	if fsys == nil {
		fsys = disk{}
	}
	var out []*Config
	for _, dir := range dirs {
		files, err := fsys.Glob(filepath.Join(dir, "*"+Extension))
		if err != nil {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: fmt.Sprintf("Cannot list %q", dir), Detail: err.Error()})
			continue
		}
		sort.Strings(files)
		contents := map[string][]byte{}
		for _, f := range files {
			data, err := fsys.ReadFile(f)
			if err != nil {
				diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: fmt.Sprintf("Cannot read %q", f), Detail: err.Error()})
				continue
			}
			contents[f], sources[f] = data, data
		}
		cfg, d := Parse(contents, opts)
		diags = append(diags, d...)
		cfg.keep(wanted)
		out = append(out, cfg)
	}
	return out, sources, diags
}

// keep drops the coordinators and bundles of files not in wanted.
func (c *Config) keep(wanted map[string]bool) {
	coords := c.Coordinators[:0]
	for _, co := range c.Coordinators {
		if wanted[filepath.Clean(co.File)] {
			coords = append(coords, co)
		}
	}
	c.Coordinators = coords
	bundles := c.Bundles[:0]
	for _, b := range c.Bundles {
		if wanted[filepath.Clean(b.File)] {
			bundles = append(bundles, b)
		}
	}
	c.Bundles = bundles
}
