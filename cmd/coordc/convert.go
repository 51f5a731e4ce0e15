package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/urfave/cli/v2"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/hclfront"
	"github.com/coordc/coordc/compiler/inputfile"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/xmlfront"
	"github.com/coordc/coordc/lower/hclgen"
	"github.com/coordc/coordc/lower/ooziexml"
)

func convertCommand() *cli.Command {
	return &cli.Command{
		Name:  "convert",
		Usage: "convert Oozie XML to the HCL language and back",
		Description: "With --to hcl, reads Oozie XML files (or the *.xml files of a directory) and writes .coord.hcl.\n" +
			"With --to xml, reads .coord.hcl files (each with the other .coord.hcl files of its directory) and writes Oozie XML\n" +
			"in the lowest schema version that can express each definition, or --schema.\n" +
			"One definition is written to stdout or --out FILE; several need --out DIR, which gets one file each.\n" +
			"A coordinator with a flink block becomes NAME.xml and NAME/workflow.xml, its generated one-node workflow app\n" +
			"(deploy that directory to the flink block's app_path), so it needs --out DIR.",
		ArgsUsage: "FILE|DIR...",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "to", Usage: "target `FORMAT`: hcl or xml", Required: true},
			&cli.StringFlag{Name: "out", Usage: "write to `PATH` (a file, or a directory for several definitions)"},
			&cli.StringFlag{Name: "schema", Usage: "with --to xml: force the schema `VERSION` (e.g. 0.4)"},
		},
		Action: runConvert,
	}
}

func runConvert(c *cli.Context) error {
	if c.NArg() == 0 {
		return usagef("convert: give at least one FILE or DIR")
	}
	var files map[string][]byte
	var diags hcl.Diagnostics
	var src diag.Sources
	switch to := c.String("to"); to {
	case "hcl":
		if c.String("schema") != "" {
			return usagef("convert: --schema applies to --to xml only")
		}
		paths, err := collect(c.Args().Slice(), func(p string) bool { return strings.EqualFold(filepath.Ext(p), ".xml") })
		if err != nil {
			return usagef("convert: %v", err)
		}
		files, src, diags = toHCL(paths)
	case "xml":
		paths, err := collect(c.Args().Slice(), hclfront.IsHCLFile)
		if err != nil {
			return usagef("convert: %v", err)
		}
		files, src, diags = toXML(paths, ooziexml.Options{Schema: c.String("schema")})
	default:
		return usagef("convert: unknown target %q (hcl or xml)", to)
	}
	if diags.HasErrors() {
		diag.WriteText(c.App.ErrWriter, errorsOnly(diags), src)
		return withCode(exitProblems, nil)
	}
	return writeFiles(c, files)
}

// collect expands directories into their files that match keep.
func collect(paths []string, keep func(string) bool) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && inputfile.IsRegularEntry(path, d) && keep(path) {
				found = append(found, path)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("no files to convert in %q", p)
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

// toHCL converts XML files; all their definitions form one configuration.
func toHCL(paths []string) (map[string][]byte, diag.Sources, hcl.Diagnostics) {
	src := diag.Sources{}
	var diags hcl.Diagnostics
	var coords []*ir.Coordinator
	var bundles []*ir.Bundle
	out := map[string][]byte{}
	for _, p := range paths {
		data, err := inputfile.Read(p, 0)
		if err != nil {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read " + p, Detail: err.Error()})
			continue
		}
		src[p] = data
		f, d := xmlfront.Parse(p, data)
		diags = append(diags, d...)
		switch {
		case f == nil:
		case f.Kind == xmlfront.KindCoordinator:
			coords = append(coords, f.Coordinator)
		case f.Kind == xmlfront.KindBundle:
			bundles = append(bundles, f.Bundle)
		case f.Kind == xmlfront.KindDatasets:
			data, d := hclgen.Datasets(f.Datasets)
			diags = append(diags, d...)
			out[strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))+hclfront.Extension] = data
		}
	}
	files, d := hclgen.Files(coords, bundles)
	for name, data := range files {
		out[name] = data
	}
	return out, src, append(diags, d...)
}

// toXML converts .coord.hcl configurations, one XML file per definition.
func toXML(paths []string, opts ooziexml.Options) (map[string][]byte, diag.Sources, hcl.Diagnostics) {
	cfgs, sources, diags := hclfront.ReadConfigs(paths, hclfront.Options{})
	out := map[string][]byte{}
	name := func(t *ir.Text, fallback string) string {
		base := fallback
		if t != nil && t.Template != nil && t.Template.IsLiteral() && t.Raw != "" {
			base = strings.Map(func(r rune) rune {
				if r == '/' || r == '\\' || r < ' ' {
					return '-'
				}
				return r
			}, t.Raw)
		}
		n := base + ".xml"
		for i := 2; out[n] != nil; i++ {
			n = fmt.Sprintf("%s-%d.xml", base, i)
		}
		return n
	}
	for _, cfg := range cfgs {
		for _, co := range cfg.Coordinators {
			data, d := ooziexml.Coordinator(co, opts)
			diags = append(diags, d...)
			n := name(co.Name, "coordinator")
			out[n] = data
			if wf := ooziexml.FlinkWorkflow(co); wf != nil {
				out[strings.TrimSuffix(n, ".xml")+"/workflow.xml"] = wf
			}
			if wf := ooziexml.FlinkSQLWorkflow(co); wf != nil {
				out[strings.TrimSuffix(n, ".xml")+"/workflow.xml"] = wf
			}
		}
		for _, b := range cfg.Bundles {
			data, d := ooziexml.Bundle(b, opts)
			diags = append(diags, d...)
			out[name(b.Name, "bundle")] = data
		}
	}
	return out, diag.Sources(sources), diags
}

// writeFiles writes one file to stdout or --out, several into --out DIR.
func writeFiles(c *cli.Context, files map[string][]byte) error {
	outPath := c.String("out")
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	switch {
	case len(names) == 0:
		return withCode(exitProblems, fmt.Errorf("convert: nothing to convert"))
	case len(names) == 1 && outPath == "":
		_, err := c.App.Writer.Write(files[names[0]])
		return err
	case len(names) == 1:
		if st, err := os.Stat(outPath); err == nil && st.IsDir() {
			outPath = filepath.Join(outPath, names[0])
		}
		return writeFile(outPath, files[names[0]])
	case outPath == "":
		return usagef("convert: the input has %d definitions (%s); give --out DIR to write one file each", len(names), strings.Join(names, ", "))
	}
	if err := os.MkdirAll(outPath, 0o755); err != nil {
		return usagef("convert: %v", err)
	}
	for _, n := range names {
		if err := writeFile(filepath.Join(outPath, n), files[n]); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return usagef("convert: %v", err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return usagef("convert: %v", err)
	}
	return nil
}
