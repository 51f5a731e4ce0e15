package lint

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/coordc/coordc/compiler/hclfront"
	"github.com/coordc/coordc/compiler/inputfile"
)

// ConfigFileName is the name of coordc's configuration file.
const ConfigFileName = ".coordc.hcl"

// Config is the lint configuration: from .coordc.hcl, or the zero value for
// the defaults.
type Config struct {
	// Rules holds per-rule settings, keyed by rule ID or name.
	Rules map[string]RuleConfig
	// Include are the globs that find definitions when `coordc lint` is given
	// no path; Exclude are globs of files never linted. Both are slash
	// separated, relative to Dir, and support "**" for any number of
	// directories.
	Include, Exclude []string
	// PropertiesFiles are job properties files loaded for every run,
	// relative to Dir.
	PropertiesFiles []string
	// PropertyMaps give definition files matching a glob their own job
	// properties files (on top of PropertiesFiles and their own
	// job.properties), in key order.
	PropertyMaps []PropertyMap
	// AllowNoReason accepts suppression directives without a reason; by
	// default SUP001 reports them.
	AllowNoReason bool
	// Baseline, when set, suppresses the findings it records.
	Baseline *Baseline
	// Dir is the directory of the configuration file ("" for the defaults).
	Dir string
	// File is the configuration file read, "" for the defaults.
	File string
	// Runtime is the body of the runtime block, nil when there is none;
	// package runtime/settings decodes it.
	Runtime hcl.Body
}

// PropertyMap is one entry of the map form of `properties`: the files
// whose path (relative to the configuration's directory) matches Glob use
// the properties Files, given with Dir joined.
type PropertyMap struct {
	Glob  string
	Files []string
}

// RuleConfig is one rule's setting; nil fields keep the rule's default.
type RuleConfig struct {
	Enabled  *bool
	Severity *Severity
	// Range is the rule block in the configuration file.
	Range hcl.Range
}

// DefaultInclude are the globs used when the configuration gives none.
var DefaultInclude = []string{"**/*.xml", "**/*.coord.hcl"}

func (c *Config) setting(a *Analyzer) (RuleConfig, bool) {
	if rc, ok := c.Rules[a.ID]; ok {
		return rc, true
	}
	rc, ok := c.Rules[a.Name]
	return rc, ok
}

func (c *Config) enabled(a *Analyzer) bool {
	if rc, ok := c.setting(a); ok && rc.Enabled != nil {
		return *rc.Enabled
	}
	return true
}

func (c *Config) severity(a *Analyzer) Severity {
	if rc, ok := c.setting(a); ok && rc.Severity != nil {
		return *rc.Severity
	}
	return a.Severity
}

// Excluded reports whether path (as given on the command line or found)
// matches one of the Exclude globs.
func (c *Config) Excluded(path string) bool {
	rel := relTo(c.Dir, path)
	for _, g := range c.Exclude {
		if MatchGlob(g, rel) {
			return true
		}
	}
	return false
}

// fileConfig is the shape of .coordc.hcl.
type fileConfig struct {
	Include       []string       `hcl:"include,optional"`
	Exclude       []string       `hcl:"exclude,optional"`
	Properties    hcl.Expression `hcl:"properties,optional"`
	RequireReason *bool          `hcl:"require_reason,optional"`
	Rules         []ruleBlock    `hcl:"rule,block"`
	Runtime       *struct {
		Body hcl.Body `hcl:",remain"`
	} `hcl:"runtime,block"`
}

type ruleBlock struct {
	Name     string    `hcl:"name,label"`
	Enabled  *bool     `hcl:"enabled,optional"`
	Severity *string   `hcl:"severity,optional"`
	DefRange hcl.Range `hcl:",def_range"`
}

// LoadConfig reads a configuration file and checks it against the known
// analyzers (rule blocks must name one of them). The diagnostics carry
// positions in the file; on errors the returned Config is still usable but
// incomplete.
func LoadConfig(path string, analyzers []*Analyzer) (*Config, hcl.Diagnostics) {
	data, err := inputfile.Read(path, 0)
	if err != nil {
		return &Config{}, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: fmt.Sprintf("Cannot read configuration file %q", path), Detail: err.Error() + ". Check the --config path."}}
	}
	return ParseConfig(path, data, analyzers)
}

// ParseConfig parses .coordc.hcl contents; see LoadConfig.
func ParseConfig(path string, data []byte, analyzers []*Analyzer) (*Config, hcl.Diagnostics) {
	cfg := &Config{Dir: filepath.Dir(path), File: path, Rules: map[string]RuleConfig{}}
	f, diags := hclfront.ParseFile(path, data)
	if diags.HasErrors() {
		return cfg, diags
	}
	var fc fileConfig
	diags = append(diags, gohcl.DecodeBody(f.Body, nil, &fc)...)
	cfg.Include, cfg.Exclude = fc.Include, fc.Exclude
	if fc.Runtime != nil {
		cfg.Runtime = fc.Runtime.Body
	}
	var globs []string
	if fc.Properties != nil {
		var pd hcl.Diagnostics
		cfg.PropertiesFiles, cfg.PropertyMaps, pd = decodeProperties(fc.Properties, cfg.Dir)
		diags = append(diags, pd...)
		for _, m := range cfg.PropertyMaps {
			globs = append(globs, m.Glob)
		}
	}
	cfg.AllowNoReason = fc.RequireReason != nil && !*fc.RequireReason
	for _, g := range append(append(globs, fc.Include...), fc.Exclude...) {
		if err := checkGlob(g); err != nil {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: fmt.Sprintf("Invalid glob %q", g), Detail: err.Error() + ". Fix the pattern (path.Match syntax, with ** for any number of directories).", Subject: f.Body.(*hclsyntax.Body).SrcRange.Ptr()})
		}
	}
	known := map[string]*Analyzer{}
	for _, a := range analyzers {
		known[a.ID], known[a.Name] = a, a
	}
	for _, rb := range fc.Rules {
		if known[rb.Name] == nil {
			d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: fmt.Sprintf("Unknown rule %q", rb.Name), Subject: rb.DefRange.Ptr()}
			d.Detail = "There is no rule with this ID or name. " + suggestRule(rb.Name, analyzers) + "Run `coordc rules` for the list."
			diags = append(diags, d)
			continue
		}
		rc := RuleConfig{Enabled: rb.Enabled, Range: rb.DefRange}
		if rb.Severity != nil {
			sev, ok := ParseSeverity(*rb.Severity)
			if !ok {
				diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: fmt.Sprintf("Invalid severity %q for rule %q", *rb.Severity, rb.Name), Detail: `Use "error", "warning" or "info".`, Subject: rb.DefRange.Ptr()})
				continue
			}
			rc.Severity = &sev
		}
		cfg.Rules[rb.Name] = rc
	}
	return cfg, diags
}

// FindConfig looks for .coordc.hcl in dir and its parents, stopping after
// the directory that holds .git (the repository root). It returns "" when
// there is none.
func FindConfig(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	root := RepoRoot(abs)
	for {
		p := filepath.Join(abs, ConfigFileName)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
		if abs == root {
			return ""
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return ""
		}
		abs = parent
	}
}

// RepoRoot returns the root of the git working tree holding dir (the
// nearest directory upwards with a .git entry), or "" when there is none.
func RepoRoot(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(abs, ".git")); err == nil {
			return abs
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return ""
		}
		abs = parent
	}
}
