package hclfront

import (
	"fmt"
	"path/filepath"
	"sort"

	"github.com/coordc/coordc/compiler/inputfile"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
)

// Extension is the file name suffix of the language.
const Extension = ".coord.hcl"

// MaxFileSize is the largest file Parse accepts (16 MiB, as xmlfront).
const MaxFileSize = 16 << 20

// Options control Parse.
type Options struct {
	// Values are the job properties in effect (properties files, -D, -var,
	// -var-file). Variables are type-checked and validated against them,
	// or against their default when Values lacks them.
	Values map[string]string
	// Files is where ReadConfigs lists and reads files; nil means the disk.
	Files Files
}

// Files is a file system ReadConfigs reads: the disk, or the disk with some
// files replaced in memory (package compiler's Options.Overlay).
type Files interface {
	ReadFile(name string) ([]byte, error)
	Glob(pattern string) ([]string, error)
}

// disk is Files on the operating system's file system.
type disk struct{}

func (disk) ReadFile(name string) ([]byte, error)  { return inputfile.Read(name, 0) }
func (disk) Glob(pattern string) ([]string, error) { return filepath.Glob(pattern) }

// Config is one configuration: every definition of a set of .coord.hcl
// files that are compiled together (the files of one directory).
type Config struct {
	Coordinators []*ir.Coordinator
	Bundles      []*ir.Bundle
	// Variables are the variable blocks in file and declaration order. Every coordinator
	// and bundle has all of them as its formal parameters.
	Variables []*Variable
	// Datasets are the top-level (shared) dataset blocks, in file order.
	// Every coordinator has its own copy of each, before its own datasets,
	// as if they were included from a datasets file.
	Datasets []*ir.Dataset
}

// parser holds the state of one Parse call.
type parser struct {
	files  map[string][]byte
	cfg    *Config
	tr     *translator
	shared []sharedBlock // top-level dataset blocks, decoded again per coordinator
	diags  hcl.Diagnostics
}

// Parse compiles the given .coord.hcl files (name → content) as one
// configuration into the IR. Names are used as given in ranges and in
// ir.Coordinator.File. Like xmlfront it does not evaluate: every value is an
// ir.Text whose Template is the EL equivalent of the HCL expression and
// whose Raw is its canonical EL text; Known stays false. The Config is
// never nil; diagnostics are sorted.
func Parse(files map[string][]byte, opts Options) (*Config, hcl.Diagnostics) {
	p := &parser{files: files, cfg: &Config{}, tr: &translator{vars: map[string]*Variable{}, locals: map[string]*local{}, visiting: map[string]bool{}}}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	type parsed struct {
		name   string
		blocks hcl.Blocks
	}
	var all []parsed
	for _, name := range names {
		f, d := ParseFile(name, files[name])
		p.diags = append(p.diags, d...)
		if f == nil {
			continue
		}
		content, d := f.Body.Content(fileSchema)
		p.diags = append(p.diags, d...)
		all = append(all, parsed{name, content.Blocks})
		p.declare(name, content.Blocks)
	}
	for _, f := range all {
		for _, b := range f.blocks {
			if b.Type == blockDataset {
				p.tr.src = p.files[f.name]
				p.cfg.Datasets = append(p.cfg.Datasets, p.dataset(b))
				p.shared = append(p.shared, sharedBlock{b, p.files[f.name]})
			}
		}
	}
	p.checkSharedNames()
	for _, f := range all {
		var owners []commentOwner
		for _, b := range f.blocks {
			p.tr.src = p.files[f.name]
			switch b.Type {
			case blockCoordinator:
				c := p.coordinator(b)
				p.cfg.Coordinators = append(p.cfg.Coordinators, c)
				owners = append(owners, coordOwner{c})
			case blockBundle:
				bu := p.bundle(b)
				p.cfg.Bundles = append(p.cfg.Bundles, bu)
				owners = append(owners, bundleOwner{bu})
			}
		}
		assignComments(fileComments(f.name, p.files[f.name]), owners)
	}
	for _, v := range p.cfg.Variables {
		p.diags = append(p.diags, v.check(opts.Values)...)
	}
	p.diags = append(p.diags, p.tr.diags...)
	diag.Sort(p.diags)
	return p.cfg, diag.DedupeExact(p.diags) // shared datasets are decoded once per coordinator
}

// sharedBlock is a top-level dataset block and the bytes of its file.
type sharedBlock struct {
	block *hcl.Block
	src   []byte
}

// declare records the variables and locals of one file.
func (p *parser) declare(file string, blocks hcl.Blocks) {
	for _, b := range blocks {
		switch b.Type {
		case blockVariable:
			v, d := decodeVariableBlock(b)
			p.diags = append(p.diags, d...)
			if prev := p.tr.vars[v.Param.Name]; prev != nil {
				p.duplicate("variable", v.Param.Name, b.DefRange, prev.DeclRange)
				continue
			}
			p.tr.vars[v.Param.Name] = v
			p.cfg.Variables = append(p.cfg.Variables, v)
		case blockLocals:
			attrs, d := b.Body.JustAttributes()
			p.diags = append(p.diags, d...)
			for _, name := range sortedAttrNames(attrs) {
				a := attrs[name]
				if prev := p.tr.locals[name]; prev != nil {
					p.duplicate("local value", name, a.NameRange, prev.expr.Range())
					continue
				}
				if se, ok := a.Expr.(hclsyntax.Expression); ok {
					p.tr.locals[name] = &local{name: name, expr: se, src: p.files[file]}
				}
			}
		}
	}
}

func (p *parser) duplicate(kind, name string, rng, prev hcl.Range) {
	p.diags = append(p.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: fmt.Sprintf("Duplicate %s %q", kind, name),
		Detail:  fmt.Sprintf("A %s named %q was already declared at %s:%d,%d. Names must be unique within a configuration; rename or remove one.", kind, name, prev.Filename, prev.Start.Line, prev.Start.Column),
		Subject: rng.Ptr()})
}

// checkSharedNames rejects two top-level datasets of the same name, as Oozie
// rejects a name defined twice across included files.
func (p *parser) checkSharedNames() {
	seen := map[string]*ir.Dataset{}
	for _, ds := range p.cfg.Datasets {
		if prev := seen[ds.Name]; prev != nil {
			p.duplicate("dataset", ds.Name, ds.NameRange, prev.NameRange)
			continue
		}
		seen[ds.Name] = ds
	}
}

func sortedAttrNames(attrs hcl.Attributes) []string {
	names := make([]string, 0, len(attrs))
	for n := range attrs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// blockRange is the whole block, header and body.
func blockRange(b *hcl.Block) hcl.Range {
	if sb, ok := b.Body.(*hclsyntax.Body); ok {
		return hcl.RangeBetween(b.DefRange, sb.SrcRange)
	}
	return b.DefRange
}
