package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/inputfile"
	"github.com/coordc/coordc/lint"
	"github.com/coordc/coordc/lint/report"
	"github.com/coordc/coordc/lint/rules"
	"github.com/hashicorp/hcl/v2"
	"github.com/urfave/cli/v2"
)

func lintCommand() *cli.Command {
	return &cli.Command{
		Name:      "lint",
		Usage:     "find likely mistakes and DST hazards in coordinator, bundle and dataset definitions",
		ArgsUsage: "[FILE|DIR|-]...",
		Flags: append(paramFlags(),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output `FORMAT`: " + strings.Join(report.Formats, ", ")},
			&cli.StringFlag{Name: "fail-level", Value: "warning", Usage: "least severe finding that fails the run: error, warning, info or never"},
			&cli.StringFlag{Name: "config", Usage: "configuration `FILE` (default: .coordc.hcl found upwards to the git root)"},
			&cli.StringFlag{Name: "baseline", Usage: "suppress the findings recorded in baseline `FILE`"},
			&cli.StringFlag{Name: "write-baseline", Usage: "record the current findings in baseline `FILE`"},
			&cli.BoolFlag{Name: "fix", Usage: "apply the safe fixes to the files"},
			&cli.BoolFlag{Name: "diff", Usage: "print the safe fixes as a unified diff instead of applying them"},
			&cli.StringFlag{Name: "stdin-filename", Value: "stdin.xml", Usage: "file `NAME` to report for input read from - (stdin)"},
		),
		Action: runLint,
	}
}

// lintRun is one invocation's state.
type lintRun struct {
	c         *cli.Context
	cfg       *lint.Config
	analyzers []*lint.Analyzer
	opts      compiler.Options
	stdin     []byte        // contents of "-", when given
	kinds     lint.XMLKinds // the XML files sniffed so far
}

func runLint(c *cli.Context) error {
	format := c.String("format")
	if !contains(report.Formats, format) {
		return usagef("lint: unknown format %q (%s)", format, strings.Join(report.Formats, ", "))
	}
	level, ok := lint.ParseFailLevel(c.String("fail-level"))
	if !ok {
		return usagef("lint: unknown fail level %q (error, warning, info or never)", c.String("fail-level"))
	}
	batchGC()
	r := &lintRun{c: c, analyzers: rules.All(), kinds: lint.XMLKinds{}}
	if err := r.loadConfig(); err != nil {
		return err
	}
	paths, err := r.paths()
	if err != nil {
		return err
	}
	r.opts.PropertiesFor = lint.NewJobProperties(r.cfg, r.projectRoots(), r.c.StringSlice("properties")).For
	if len(paths) == 0 {
		// Every file given is excluded or not a definition (pre-commit
		// passes whatever changed): say nothing in the formats for people.
		if format == "text" || format == "compact" {
			return nil
		}
		return writeReport(c, format, nil, nil, 0, r.analyzers)
	}
	if c.Bool("fix") && r.stdin != nil {
		return usagef("lint: --fix cannot write to stdin; use --diff")
	}
	fs, src, files, err := r.lint(paths, nil)
	if err != nil {
		return err
	}
	if code := usageCode(toolDiags(fs)); code != 0 {
		writeReport(c, format, fs, src, files, r.analyzers)
		return withCode(code, nil)
	}
	if c.Bool("fix") || c.Bool("diff") {
		if fs, src, err = r.fix(paths, fs, src); err != nil {
			return err
		}
	}
	if out := c.String("write-baseline"); out != "" {
		if err := writeBaseline(out, fs); err != nil {
			return withCode(exitUsage, err)
		}
	}
	if !c.Bool("diff") {
		if err := writeReport(c, format, fs, src, files, r.analyzers); err != nil {
			return withCode(exitInternal, err)
		}
	}
	code := exitOK
	for i := range fs {
		if fs[i].Internal {
			return withCode(exitInternal, nil)
		}
		if fs[i].Fails(level) {
			code = exitProblems
		}
	}
	return withCode(code, nil)
}

// loadConfig reads --config or the discovered .coordc.hcl, and the
// baseline. Configuration errors exit 3 with their diagnostics.
func (r *lintRun) loadConfig() error {
	path := r.c.String("config")
	if path == "" {
		path = lint.FindConfig(".")
	}
	r.cfg = &lint.Config{}
	if path != "" {
		cfg, diags := lint.LoadConfig(path, r.analyzers)
		if diags.HasErrors() {
			src := diag.Sources{}
			if data, err := inputfile.Read(path, 0); err == nil {
				src[path] = data
			}
			diag.WriteText(r.c.App.ErrWriter, diags, src)
			return withCode(exitUsage, fmt.Errorf("lint: invalid configuration %s", path))
		}
		r.cfg = cfg
	}
	r.opts = compiler.Options{
		PropertiesFiles: append(append([]string{}, r.cfg.PropertiesFiles...), r.c.StringSlice("properties")...),
		Defines:         r.c.StringSlice("D"),
	}
	if b := r.c.String("baseline"); b != "" {
		f, err := os.Open(b)
		if err != nil {
			return usagef("lint: %v", err)
		}
		defer f.Close()
		base, err := lint.ReadBaseline(f, filepath.Dir(b))
		if err != nil {
			return usagef("lint: %s: %v", b, err)
		}
		r.cfg.Baseline = base
	}
	return nil
}

// projectRoots are where a definition's job.properties is looked for when
// it is not beside it: the configuration's directory, and the git
// repository holding each argument (the argument's directory outside a
// repository; the working directory's without arguments).
func (r *lintRun) projectRoots() []string {
	var roots []string
	if r.cfg.Dir != "" {
		roots = append(roots, r.cfg.Dir)
	}
	args := r.c.Args().Slice()
	if len(args) == 0 {
		args = []string{"."}
	}
	seen := map[string]bool{}
	for _, a := range args {
		if a == "-" {
			a = r.c.String("stdin-filename")
		}
		dir := a
		if st, err := os.Stat(a); err != nil || !st.IsDir() {
			dir = filepath.Dir(a)
		}
		root := lint.RepoRoot(dir)
		if root == "" {
			root = dir
		}
		if !seen[root] {
			seen[root] = true
			roots = append(roots, root)
		}
	}
	return roots
}

// paths returns the definition files to lint: the arguments (directories
// expanded, excluded files dropped) or the project found by the
// configuration. "-" reads stdin.
func (r *lintRun) paths() ([]string, error) {
	args := r.c.Args().Slice()
	if len(args) == 0 {
		found, err := lint.Discover(r.cfg, r.kinds)
		if err != nil {
			return nil, usagef("lint: %v", err)
		}
		if len(found) == 0 {
			return nil, usagef("lint: no definitions found (give FILE or DIR arguments, or set include in .coordc.hcl)")
		}
		return found, nil
	}
	var out []string
	for _, a := range args {
		if a == "-" {
			data, err := inputfile.ReadAll(r.c.App.Reader, 0)
			if err != nil {
				return nil, withCode(exitInternal, err)
			}
			r.stdin = data
			if !lint.Skipped(r.c.String("stdin-filename"), data) {
				out = append(out, r.c.String("stdin-filename"))
			}
			continue
		}
		st, err := os.Stat(a)
		if err != nil || !st.IsDir() {
			if !r.cfg.Excluded(a) && !r.kinds.Skipped(a, nil) {
				out = append(out, a) // a missing file is reported by the loader
			}
			continue
		}
		found, err := lint.Discover(&lint.Config{Dir: a, Exclude: r.cfg.Exclude}, r.kinds)
		if err != nil {
			return nil, usagef("lint: %v", err)
		}
		for _, f := range found {
			if !r.cfg.Excluded(f) {
				out = append(out, f)
			}
		}
	}
	return out, nil
}

// lint loads and lints paths. Files listed in override are read from that
// content instead of the disk (stdin, or fixed files being re-linted).
func (r *lintRun) lint(paths []string, override map[string][]byte) ([]lint.Finding, diag.Sources, int, error) {
	if r.stdin != nil {
		override = withEntry(override, r.c.String("stdin-filename"), r.stdin)
	}
	opts := r.opts
	opts.Overlay = override
	var defs, workflows []string
	for _, p := range paths {
		if r.kinds.IsWorkflow(p, override[p]) {
			workflows = append(workflows, p)
		} else {
			defs = append(defs, p)
		}
	}
	res, diags := compiler.Load(defs, opts)
	for _, p := range workflows {
		data, ok := override[p]
		if !ok {
			var err error
			if data, err = os.ReadFile(p); err != nil {
				return nil, nil, 0, withCode(exitInternal, err)
			}
		}
		res.Sources[p] = data
		diags = append(diags, lint.WorkflowDiagnostics(p, data)...)
	}
	cfg := *r.cfg
	cfg.Baseline = nil
	fs := lint.Run(res.Project, res.Sources, diags, r.analyzers, &cfg)
	if r.cfg.Baseline != nil {
		r.cfg.Baseline.Apply(fs)
	}
	return fs, res.Sources, len(paths), nil
}

// fix applies the safe fixes, re-lints the fixed files in memory and
// refuses to write when that adds load errors; --diff prints instead of
// writing. It returns the findings of the fixed project.
func (r *lintRun) fix(paths []string, fs []lint.Finding, src diag.Sources) ([]lint.Finding, diag.Sources, error) {
	res := lint.ApplyFixes(fs, src)
	if len(res.Files) == 0 {
		return fs, src, nil
	}
	override := diag.Sources{}
	for name, data := range src {
		override[name] = data
	}
	for name, data := range res.Files {
		override[name] = data
	}
	after, afterSrc, _, err := r.lint(paths, override)
	if err != nil {
		return nil, nil, err
	}
	if n, m := errorCount(fs), errorCount(after); m > n {
		return nil, nil, withCode(exitInternal, fmt.Errorf("lint: the fixes would add %d errors; nothing was written (please report this bug)", m-n))
	}
	names := sortedKeys(res.Files)
	if r.c.Bool("diff") {
		for _, name := range names {
			fmt.Fprint(r.c.App.Writer, lint.UnifiedDiff(filepath.ToSlash(name), src[name], res.Files[name]))
		}
		return fs, src, nil
	}
	for _, name := range names {
		st, err := os.Stat(name)
		if err != nil {
			return nil, nil, withCode(exitInternal, err)
		}
		if err := os.WriteFile(name, res.Files[name], st.Mode().Perm()); err != nil {
			return nil, nil, withCode(exitInternal, err)
		}
	}
	fmt.Fprintf(r.c.App.ErrWriter, "coordc lint: Applied %s to %s\n", countOf(len(res.Fixed), "fix"), countOf(len(names), "file"))
	return after, afterSrc, nil
}

// errorCount counts the error diagnostics, suppressed or not: a fix must
// never add one.
func errorCount(fs []lint.Finding) int {
	n := 0
	for i := range fs {
		if fs[i].Diag.Severity == hcl.DiagError {
			n++
		}
	}
	return n
}

func writeBaseline(path string, fs []lint.Finding) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := lint.WriteBaseline(f, fs, filepath.Dir(path)); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	b, err := os.Open(path)
	if err != nil {
		return err
	}
	defer b.Close()
	base, err := lint.ReadBaseline(b, filepath.Dir(path))
	if err != nil {
		return err
	}
	base.Apply(fs)
	return nil
}

func writeReport(c *cli.Context, format string, fs []lint.Finding, src diag.Sources, files int, analyzers []*lint.Analyzer) error {
	rep := report.Build(fs, files, buildVersion())
	loc := report.Locator{Root: lint.RepoRoot(".")}
	if loc.Root == "" {
		loc.Root, _ = os.Getwd()
	}
	if err := report.Write(c.App.Writer, format, rep, report.Options{Sources: src, Rules: analyzers, Locator: loc, Palette: palette(c)}); err != nil {
		return err
	}
	if path := os.Getenv("GITHUB_STEP_SUMMARY"); format == "github" && path != "" {
		f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		defer f.Close()
		return report.WriteStepSummary(f, rep)
	}
	return nil
}

// toolDiags returns the diagnostics of tool findings (load problems).
func toolDiags(fs []lint.Finding) hcl.Diagnostics {
	var out hcl.Diagnostics
	for i := range fs {
		if fs[i].IsTool() {
			out = append(out, fs[i].Diag)
		}
	}
	return out
}

func withEntry(m map[string][]byte, k string, v []byte) map[string][]byte {
	out := map[string][]byte{}
	for key, val := range m {
		out[key] = val
	}
	out[k] = v
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
