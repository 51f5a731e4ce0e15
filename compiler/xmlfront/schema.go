package xmlfront

import (
	"sync"

	"github.com/coordc/coordc/compiler/ir"
)

// content is what an element may contain.
type content int

const (
	textOnly     content = iota // xs:string: text, no child elements
	elementOnly                 // child elements and whitespace
	emptyContent                // attributes only
	anyContent                  // not checked (an element Oozie's schema leaves open, or one coordc refuses later)
)

// attrType is the XSD type of an attribute value.
type attrType int

const (
	attrString     attrType = iota
	attrIdentifier          // the schemas' IDENTIFIER pattern
	attrBoolean             // xs:boolean
)

// attrDecl declares an attribute.
type attrDecl struct {
	name     string
	typ      attrType
	required bool
}

// particle is one position of a sequence: an element name (or several
// interchangeable names) with occurrence bounds, or an xs:any slot for
// elements of the listed foreign namespaces (or, with anyOther, of any
// namespace but the parent's, XSD's ##other).
type particle struct {
	names    []string
	min, max int // max < 0: unbounded
	anyNS    []string
	anyOther bool
}

func (p particle) accepts(parentNS string, e *element) bool {
	if e.space != parentNS {
		return p.anyOther || contains(p.anyNS, e.space)
	}
	return contains(p.names, e.local)
}

// elemDecl is the content model of one element type, hand-written from the
// Oozie XSDs.
type elemDecl struct {
	attrs   []attrDecl
	content content
	// alts are the alternatives of an xs:choice, each an xs:sequence of
	// particles; a plain sequence has one alternative.
	alts [][]particle
	// kids declares each child element by local name.
	kids map[string]*elemDecl
	// internalAttrs accepts Oozie's own freq_timeunit and end_of_duration
	// attributes (with a warning).
	internalAttrs bool
}

func (d *elemDecl) attr(name string) (attrDecl, bool) {
	for _, a := range d.attrs {
		if a.name == name {
			return a, true
		}
	}
	return attrDecl{}, false
}

// schema is the set of declarations of one namespace.
type schema struct {
	family  string // "coordinator", "bundle" or "SLA"
	version ir.Version
	ns      string
	// roots declares the global elements by local name.
	roots map[string]*elemDecl
	// addedIn names the version that introduced "parent/child" elements and
	// "element@attribute" attributes missing from this version.
	addedIn map[string]ir.Version
	// sla lists the SLA namespaces an <action> may embed.
	sla []string
	// external declares an element of another namespace that an xs:any
	// slot accepted, with the schema it belongs to; a nil declaration
	// leaves it unchecked. Nil external means SLA blocks only.
	external func(k *element) (*elemDecl, *schema)
}

// lazySchemas returns a function giving the schema of a namespace (prefix
// and one of versions) and whether it is one, each schema built on first
// use: commands that parse no XML (coordc version, HCL-only runs) do not
// pay for the declarations at start-up, and a run that reads one version
// builds that version's only.
func lazySchemas(prefix string, versions []ir.Version, build func(ir.Version) *schema) func(ns string) (*schema, bool) {
	byNS := sync.OnceValue(func() map[string]func() *schema {
		m := make(map[string]func() *schema, len(versions))
		for _, v := range versions {
			m[prefix+string(v)] = sync.OnceValue(func() *schema { return build(v) })
		}
		return m
	})
	return func(ns string) (*schema, bool) {
		if sc, ok := byNS()[ns]; ok {
			return sc(), true
		}
		return nil, false
	}
}

// Builders for declarations.

func seq(ps ...particle) [][]particle { return [][]particle{ps} }

func one(name string) particle       { return particle{names: []string{name}, min: 1, max: 1} }
func opt(name string) particle       { return particle{names: []string{name}, min: 0, max: 1} }
func many(name string) particle      { return particle{names: []string{name}, min: 0, max: -1} }
func oneOrMore(name string) particle { return particle{names: []string{name}, min: 1, max: -1} }

func req(name string) attrDecl      { return attrDecl{name: name, required: true} }
func optAttr(name string) attrDecl  { return attrDecl{name: name} }
func reqIdent(name string) attrDecl { return attrDecl{name: name, typ: attrIdentifier, required: true} }

// text is an xs:string element.
func text() *elemDecl { return &elemDecl{content: textOnly} }

// properties is a <configuration> or <parameters>: property+ of name,
// value (required when valueRequired) and description.
func properties(valueRequired bool) *elemDecl {
	value := opt("value")
	if valueRequired {
		value = one("value")
	}
	prop := &elemDecl{
		content: elementOnly,
		alts:    seq(one("name"), value, opt("description")),
		kids:    map[string]*elemDecl{"name": text(), "value": text(), "description": text()},
	}
	return &elemDecl{content: elementOnly, alts: seq(oneOrMore("property")), kids: map[string]*elemDecl{"property": prop}}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
