package ir

import "github.com/hashicorp/hcl/v2"

// Template is text with embedded ${...} EL expressions, as written in a
// definition (JSP 2.0 EL: literal text and expressions alternate).
type Template struct {
	Parts []TemplatePart
	Range hcl.Range
}

// TemplatePart is either literal text (Expr == nil) or one ${...} expression.
type TemplatePart struct {
	// Literal is the decoded literal text when Expr is nil.
	Literal string
	// Expr is the expression between ${ and }.
	Expr Expr
	// Range covers the part as written, including ${ and } for expressions.
	Range hcl.Range
}

// IsLiteral reports whether the template has no expressions.
func (t *Template) IsLiteral() bool {
	for _, p := range t.Parts {
		if p.Expr != nil {
			return false
		}
	}
	return true
}

// Expr is a node of an EL expression.
type Expr interface {
	// SrcRange is where the node was written.
	SrcRange() hcl.Range
}

// LitKind tells the type of a Literal.
type LitKind int

// Literal kinds.
const (
	LitString LitKind = iota
	LitInt
	LitFloat
	LitBool
	LitNull
)

// Literal is a string, integer, float, boolean or null literal.
type Literal struct {
	Kind  LitKind
	Str   string  // LitString: the decoded value
	Int   int64   // LitInt
	Float float64 // LitFloat
	Bool  bool    // LitBool
	Range hcl.Range
}

// Ident is a variable reference: a parameter, a job property or a constant.
type Ident struct {
	Name  string
	Range hcl.Range
}

// Call is a function call such as coord:current(-1). Prefix is the namespace
// ("coord", "hadoop", "wf"), empty for an unprefixed call.
type Call struct {
	Prefix    string
	Name      string
	NameRange hcl.Range // covers prefix:name
	Args      []Expr
	Range     hcl.Range
}

// QualifiedName returns "prefix:name", or name when there is no prefix.
func (c *Call) QualifiedName() string {
	if c.Prefix == "" {
		return c.Name
	}
	return c.Prefix + ":" + c.Name
}

// Unary is a prefix operation: "-", "!" ("not" is normalized to "!"), "empty".
type Unary struct {
	Op    string
	X     Expr
	Range hcl.Range
}

// Binary is an infix operation. Op is normalized to the symbolic form:
// + - * / % == != < > <= >= && || (div→/, mod→%, eq→==, ne→!=, lt→<, gt→>,
// le→<=, ge→>=, and→&&, or→||).
type Binary struct {
	Op    string
	X, Y  Expr
	Range hcl.Range
}

// Conditional is cond ? then : else.
type Conditional struct {
	Cond, Then, Else Expr
	Range            hcl.Range
}

// Member is a property access x.name.
type Member struct {
	X     Expr
	Name  string
	Range hcl.Range
}

// Index is an index access x[i].
type Index struct {
	X, Index Expr
	Range    hcl.Range
}

// SrcRange implements Expr.
func (e *Literal) SrcRange() hcl.Range { return e.Range }

// SrcRange implements Expr.
func (e *Ident) SrcRange() hcl.Range { return e.Range }

// SrcRange implements Expr.
func (e *Call) SrcRange() hcl.Range { return e.Range }

// SrcRange implements Expr.
func (e *Unary) SrcRange() hcl.Range { return e.Range }

// SrcRange implements Expr.
func (e *Binary) SrcRange() hcl.Range { return e.Range }

// SrcRange implements Expr.
func (e *Conditional) SrcRange() hcl.Range { return e.Range }

// SrcRange implements Expr.
func (e *Member) SrcRange() hcl.Range { return e.Range }

// SrcRange implements Expr.
func (e *Index) SrcRange() hcl.Range { return e.Range }

// Walk calls fn for e and every sub-expression, depth first, parents first.
// It stops descending into a node when fn returns false.
func Walk(e Expr, fn func(Expr) bool) {
	if e == nil || !fn(e) {
		return
	}
	switch n := e.(type) {
	case *Call:
		for _, a := range n.Args {
			Walk(a, fn)
		}
	case *Unary:
		Walk(n.X, fn)
	case *Binary:
		Walk(n.X, fn)
		Walk(n.Y, fn)
	case *Conditional:
		Walk(n.Cond, fn)
		Walk(n.Then, fn)
		Walk(n.Else, fn)
	case *Member:
		Walk(n.X, fn)
	case *Index:
		Walk(n.X, fn)
		Walk(n.Index, fn)
	}
}

// WalkTemplate calls Walk for every expression of t.
func WalkTemplate(t *Template, fn func(Expr) bool) {
	if t == nil {
		return
	}
	for _, p := range t.Parts {
		if p.Expr != nil {
			Walk(p.Expr, fn)
		}
	}
}
