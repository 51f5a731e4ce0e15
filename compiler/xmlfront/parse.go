package xmlfront

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
)

// MaxFileSize is the largest input Parse accepts (16 MiB); larger input is
// rejected without being read.
const MaxFileSize = 16 << 20

// Kind tells what a parsed file defines.
type Kind int

// File kinds.
const (
	KindCoordinator Kind = iota + 1 // a <coordinator-app>
	KindBundle                      // a <bundle-app>
	KindDatasets                    // a standalone <datasets> file
)

// String returns the root element name of the kind.
func (k Kind) String() string {
	switch k {
	case KindCoordinator:
		return "coordinator-app"
	case KindBundle:
		return "bundle-app"
	case KindDatasets:
		return "datasets"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// File is one parsed Oozie XML file; exactly one of the pointers is set,
// as Kind says.
type File struct {
	Kind        Kind
	Coordinator *ir.Coordinator
	Bundle      *ir.Bundle
	Datasets    *ir.DatasetFile
}

// Parse reads an Oozie coordinator, bundle or datasets file, checks it
// against the schema of the namespace it declares, and builds the IR as
// written. The File is nil only when nothing usable was found (malformed
// XML, an unknown root element, input over MaxFileSize); otherwise it is
// returned even when there are schema errors. Diagnostics are sorted.
func Parse(filename string, data []byte) (*File, hcl.Diagnostics) {
	if len(data) > MaxFileSize {
		d := diag.Errorf(hcl.Range{Filename: filename, Start: hcl.InitialPos, End: hcl.InitialPos}, diag.E0700,
			"File is larger than %d MiB", MaxFileSize>>20)
		d.Detail = fmt.Sprintf("The file has %d bytes. Oozie definitions are small; check that this is the right file.", len(data))
		return nil, hcl.Diagnostics{d}
	}
	doc, diags := decode(filename, data)
	if doc == nil {
		return nil, finish(diags)
	}
	v := &validator{lx: doc.lx}
	v.namespaceWhitespace(doc)
	b := &builder{lx: doc.lx}
	root := doc.root
	var f *File
	switch root.local {
	case "coordinator-app":
		sc := v.rootSchema(doc, coordSchemas, coordVersions, coordNSPrefix)
		v.element(root, sc.roots[root.local], sc)
		f = &File{Kind: KindCoordinator, Coordinator: b.coordinator(root, sc)}
		f.Coordinator.Comments = doc.comments
	case "bundle-app":
		sc := v.rootSchema(doc, bundleSchemas, bundleVersions, bundleNSPrefix)
		v.element(root, sc.roots[root.local], sc)
		f = &File{Kind: KindBundle, Bundle: b.bundle(root, sc)}
		f.Bundle.Comments = doc.comments
	case "datasets":
		sc := v.datasetsSchema(doc)
		v.element(root, sc.roots[root.local], sc)
		f = &File{Kind: KindDatasets, Datasets: b.datasetFile(root)}
		f.Datasets.Comments = doc.comments
	default:
		roots := []string{"coordinator-app", "bundle-app", "datasets"}
		v.errorf(v.startTag(root), "An Oozie definition file has <coordinator-app>, <bundle-app> or <datasets> as its root element."+didYouMean(root.local, roots)+" Rename the root element or check that this is the right file.",
			"Unknown root element <%s>", root.qname)
		return nil, finish(append(append(diags, v.diags...), b.diags...))
	}
	return f, finish(append(append(diags, v.diags...), b.diags...))
}

func finish(diags hcl.Diagnostics) hcl.Diagnostics {
	diag.Sort(diags)
	return diag.Dedupe(diags)
}

// rootSchema returns the schema for the root's namespace. A missing or
// unknown namespace is an error; validation then goes on with the closest
// known version (the newest when nothing is close), bound to the namespace
// actually written so the children still match.
func (v *validator) rootSchema(doc *document, schemas func(string) (*schema, bool), versions []ir.Version, prefix string) *schema {
	root := doc.root
	if sc, ok := schemas(root.space); ok {
		return sc
	}
	var valid []string
	for _, ver := range versions {
		valid = append(valid, prefix+string(ver))
	}
	newest, _ := schemas(valid[len(valid)-1])
	fallback := *newest
	if root.space == "" {
		v.errorf(v.startTag(root), fmt.Sprintf("Oozie needs the schema namespace to validate the file. Add xmlns=%q (or the version you target) to <%s>.", fallback.ns, root.qname),
			"The application XML namespace is not given")
	} else {
		guess := suggest(root.space, valid)
		if guess != "" {
			guessed, _ := schemas(guess)
			fallback = *guessed
		}
		hint := ""
		if guess != "" {
			hint = fmt.Sprintf(" Did you mean %q?", guess)
		}
		v.errorf(v.nsRange(doc, root), fmt.Sprintf("Valid namespaces are %s.%s", strings.Join(valid, ", "), hint),
			"Unknown namespace %q for <%s>", root.space, root.qname)
	}
	fallback.ns = root.space
	return &fallback
}

// datasetsSchema returns the schema a standalone <datasets> file is checked
// against: its coordinator namespace's, or the newest coordinator schema
// for the usual unqualified file.
func (v *validator) datasetsSchema(doc *document) *schema {
	root := doc.root
	if root.space == "" {
		newest, _ := coordSchemas(coordNSPrefix + string(coordVersions[len(coordVersions)-1]))
		sc := *newest
		sc.ns = ""
		return &sc
	}
	if sc, ok := coordSchemas(root.space); ok {
		w := diag.Warningf(v.nsRange(doc, root), diag.XML003, "Oozie does not see datasets in namespace %q of an included file", root.space)
		w.Detail = "Oozie reads included dataset files by unqualified element names, so namespaced <dataset> elements are skipped. Remove the xmlns attribute from <datasets>."
		v.diags = append(v.diags, w)
		return sc
	}
	return v.rootSchema(doc, coordSchemas, coordVersions, coordNSPrefix)
}

// nsRange is the range of the xmlns value that gives e its namespace, or e's
// start tag when it is declared elsewhere.
func (v *validator) nsRange(doc *document, e *element) hcl.Range {
	prefix, _ := splitQName(e.qname)
	want := "xmlns"
	if prefix != "" {
		want += ":" + prefix
	}
	for _, a := range e.attrs {
		if a.qname == want {
			return v.lx.rng(a.val.start, a.val.end)
		}
	}
	return v.startTag(e)
}

// namespaceWhitespace warns about namespace URIs written with surrounding
// whitespace; they are accepted trimmed.
func (v *validator) namespaceWhitespace(doc *document) {
	for _, a := range doc.nsDecls {
		if strings.TrimSpace(a.value) != a.value {
			w := diag.Warningf(v.lx.rng(a.val.start, a.val.end), diag.XML002, "Namespace %q has leading or trailing whitespace", a.value)
			w.Detail = "XML namespace names are compared exactly, so Oozie's schema validation does not recognize this namespace. Remove the whitespace."
			v.diags = append(v.diags, w)
		}
	}
}
