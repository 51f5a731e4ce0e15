package hclfront

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
)

// maxDepth bounds expression nesting and local substitution.
const maxDepth = 200

// maxNodes bounds the size of one value after local substitution, which
// can grow exponentially (a = local.b + local.b, b = local.c + local.c …).
const maxNodes = 20000

// Reference roots with a meaning in expressions; any other root is an EL
// identifier (a job property or an EL constant such as YEAR).
const (
	rootVar   = "var"
	rootLocal = "local"
)

// Roots of name references, meaningful only where a dataset or an input is
// named (dataset = dataset.logs, input = input.a); elsewhere they are EL
// identifiers like any other.
const (
	rootDataset = "dataset"
	rootInput   = "input"
)

// reservedRoots cannot be EL identifiers in HCL.
var reservedRoots = map[string]bool{rootVar: true, rootLocal: true}

// IsReservedRoot reports whether name is a reference root of expressions
// (var, local), so that an EL identifier of that name cannot be written in
// HCL.
func IsReservedRoot(name string) bool { return reservedRoots[name] }

// local is one entry of a locals block.
type local struct {
	name string
	expr hclsyntax.Expression
	src  []byte
}

// translator turns HCL expressions into the EL AST.
type translator struct {
	vars     map[string]*Variable
	locals   map[string]*local
	src      []byte // bytes of the file being translated
	visiting map[string]bool
	depth    int
	nodes    int // translated in the current value
	diags    hcl.Diagnostics
}

func (t *translator) errorf(rng hcl.Range, detail, format string, args ...any) {
	d := diag.Errorf(rng, "", format, args...)
	d.Detail = detail
	t.diags = append(t.diags, d)
}

// text translates a whole attribute value: a literal null is absent.
func (t *translator) text(e hcl.Expression) *ir.Text {
	if e == nil {
		return nil
	}
	se, ok := e.(hclsyntax.Expression)
	if !ok {
		return nil
	}
	if lit, ok := se.(*hclsyntax.LiteralValueExpr); ok && lit.Val.IsNull() {
		return nil
	}
	tpl := &ir.Template{Range: se.Range()}
	errs := len(t.diags)
	t.nodes = 0
	tpl.Parts = t.template(se, nil)
	txt := &ir.Text{Template: tpl, Range: se.Range()}
	if len(t.diags) > errs {
		// Like an EL syntax error in XML: no template, nothing evaluated.
		txt.Template = nil
	}
	raw, err := el.Format(tpl)
	if err != nil {
		t.errorf(se.Range(), err.Error()+" Write the text differently.", "Text cannot be written as Oozie EL")
	}
	txt.Raw = raw
	if len(tpl.Parts) == 1 && tpl.Parts[0].Expr == nil {
		txt.Range = tpl.Parts[0].Range
	}
	return txt
}

// template appends the parts of a whole attribute value to parts. Top-level
// number and boolean literals are literal text as written; interpolations
// are expressions, except that a local holding a template is spliced in.
func (t *translator) template(e hclsyntax.Expression, parts []ir.TemplatePart) []ir.TemplatePart {
	if !t.enter(e.Range()) {
		return parts
	}
	defer t.leave()
	switch n := e.(type) {
	case *hclsyntax.TemplateExpr:
		for _, p := range n.Parts {
			if lit, ok := p.(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String && lit.Val.IsKnown() && !lit.Val.IsNull() {
				parts = addLiteral(parts, lit.Val.AsString(), lit.SrcRange)
				continue
			}
			parts = t.interpolation(p, parts)
		}
		return parts
	case *hclsyntax.TemplateWrapExpr:
		return t.interpolation(n.Wrapped, parts)
	case *hclsyntax.LiteralValueExpr:
		switch n.Val.Type() {
		case cty.Number, cty.Bool:
			return addLiteral(parts, t.source(n.SrcRange), n.SrcRange)
		}
	case *hclsyntax.UnaryOpExpr:
		if lit, ok := n.Val.(*hclsyntax.LiteralValueExpr); ok && n.Op == hclsyntax.OpNegate && lit.Val.Type() == cty.Number {
			return addLiteral(parts, "-"+t.source(lit.SrcRange), n.SrcRange)
		}
	case *hclsyntax.ScopeTraversalExpr:
		if l := t.localRef(n); l != nil {
			t.withLocal(l, func() { parts = t.template(l.expr, parts) })
			return parts
		}
	case *hclsyntax.ParenthesesExpr:
		return t.template(n.Expression, parts)
	}
	return t.interpolation(e, parts)
}

// interpolation appends one ${...} part.
func (t *translator) interpolation(e hclsyntax.Expression, parts []ir.TemplatePart) []ir.TemplatePart {
	if st, ok := e.(*hclsyntax.ScopeTraversalExpr); ok && len(st.Traversal) == 2 {
		if l := t.localRef(st); l != nil {
			t.withLocal(l, func() { parts = t.template(l.expr, parts) })
			return parts
		}
	}
	x := t.expr(e)
	if x == nil {
		return parts
	}
	return append(parts, ir.TemplatePart{Expr: x, Range: e.Range()})
}

// addLiteral appends literal text, merging it into a preceding literal.
func addLiteral(parts []ir.TemplatePart, s string, rng hcl.Range) []ir.TemplatePart {
	if s == "" {
		return parts
	}
	if n := len(parts); n > 0 && parts[n-1].Expr == nil {
		parts[n-1].Literal += s
		parts[n-1].Range = hcl.RangeOver(parts[n-1].Range, rng)
		return parts
	}
	return append(parts, ir.TemplatePart{Literal: s, Range: rng})
}

func (t *translator) enter(rng hcl.Range) bool {
	t.nodes++
	if t.nodes > maxNodes {
		if t.nodes == maxNodes+1 {
			t.errorf(rng, fmt.Sprintf("After substituting local values this value has more than %d parts. Simplify the locals it uses.", maxNodes), "Value is too large")
		}
		return false
	}
	if t.depth >= maxDepth {
		t.errorf(rng, fmt.Sprintf("Expressions and local values may nest at most %d levels. Simplify the expression.", maxDepth), "Expression is nested too deeply")
		return false
	}
	t.depth++
	return true
}

func (t *translator) leave() { t.depth-- }

// source returns the source text of rng in the current file.
func (t *translator) source(rng hcl.Range) string {
	if rng.Start.Byte < 0 || rng.End.Byte > len(t.src) || rng.Start.Byte > rng.End.Byte {
		return ""
	}
	return string(t.src[rng.Start.Byte:rng.End.Byte])
}

// expr translates an expression inside EL.
func (t *translator) expr(e hclsyntax.Expression) ir.Expr {
	if !t.enter(e.Range()) {
		return nil
	}
	defer t.leave()
	switch n := e.(type) {
	case *hclsyntax.LiteralValueExpr:
		return t.literal(n)
	case *hclsyntax.TemplateExpr:
		var s strings.Builder
		for _, p := range n.Parts {
			lit, ok := p.(*hclsyntax.LiteralValueExpr)
			if !ok || lit.Val.Type() != cty.String {
				t.errorf(p.Range(), "Oozie EL cannot join strings inside an expression. Interpolate in the whole value instead, for example \"${var.root}/${YEAR}\".",
					"String template inside an expression")
				return nil
			}
			s.WriteString(lit.Val.AsString())
		}
		return &ir.Literal{Kind: ir.LitString, Str: s.String(), Range: n.SrcRange}
	case *hclsyntax.TemplateWrapExpr:
		return t.expr(n.Wrapped)
	case *hclsyntax.ParenthesesExpr:
		return t.expr(n.Expression)
	case *hclsyntax.ScopeTraversalExpr:
		return t.traversal(n)
	case *hclsyntax.RelativeTraversalExpr:
		return t.steps(t.expr(n.Source), n.Traversal)
	case *hclsyntax.IndexExpr:
		x, k := t.expr(n.Collection), t.expr(n.Key)
		if x == nil || k == nil {
			return nil
		}
		return &ir.Index{X: x, Index: k, Range: n.SrcRange}
	case *hclsyntax.FunctionCallExpr:
		return t.call(n)
	case *hclsyntax.BinaryOpExpr:
		return t.binary(n)
	case *hclsyntax.UnaryOpExpr:
		x := t.expr(n.Val)
		if x == nil {
			return nil
		}
		op := "-"
		if n.Op == hclsyntax.OpLogicalNot {
			op = "!"
		}
		return &ir.Unary{Op: op, X: x, Range: n.SrcRange}
	case *hclsyntax.ConditionalExpr:
		c, a, b := t.expr(n.Condition), t.expr(n.TrueResult), t.expr(n.FalseResult)
		if c == nil || a == nil || b == nil {
			return nil
		}
		return &ir.Conditional{Cond: c, Then: a, Else: b, Range: n.SrcRange}
	}
	t.errorf(e.Range(), "Values are Oozie EL: literals, references (var.name, local.name, job properties, YEAR…), operators, conditionals and namespaced calls such as coord::current(0). Lists, maps, for expressions and splats have no EL equivalent here.",
		"Unsupported expression")
	return nil
}

// literal translates a number, boolean or null literal. Numbers keep the
// integer/floating distinction of their source text, as EL does.
func (t *translator) literal(n *hclsyntax.LiteralValueExpr) ir.Expr {
	v := n.Val
	switch {
	case v.IsNull():
		return &ir.Literal{Kind: ir.LitNull, Range: n.SrcRange}
	case v.Type() == cty.Bool:
		return &ir.Literal{Kind: ir.LitBool, Bool: v.True(), Range: n.SrcRange}
	case v.Type() == cty.String:
		return &ir.Literal{Kind: ir.LitString, Str: v.AsString(), Range: n.SrcRange}
	case v.Type() == cty.Number:
		text := t.source(n.SrcRange)
		if !strings.ContainsAny(text, ".eE") {
			if i, err := strconv.ParseInt(text, 10, 64); err == nil {
				return &ir.Literal{Kind: ir.LitInt, Int: i, Range: n.SrcRange}
			}
			if bf := v.AsBigFloat(); bf.IsInt() {
				t.errorf(n.SrcRange, "EL integers are 64-bit (Java long): the largest is 9223372036854775807. Use a smaller number.",
					"Integer literal %q is out of range", text)
				return nil
			}
		}
		f, _ := v.AsBigFloat().Float64()
		return &ir.Literal{Kind: ir.LitFloat, Float: f, Range: n.SrcRange}
	}
	t.errorf(n.SrcRange, "Use a string, a number or a boolean.", "Unsupported literal")
	return nil
}

// localRef returns the local a traversal names, or nil.
func (t *translator) localRef(n *hclsyntax.ScopeTraversalExpr) *local {
	if n.Traversal.RootName() != rootLocal {
		return nil
	}
	name, ok := attrStep(n.Traversal, 1)
	if !ok {
		return nil
	}
	return t.locals[name]
}

// withLocal runs fn with the current file switched to the local's file,
// reporting a reference cycle instead of recursing forever.
func (t *translator) withLocal(l *local, fn func()) {
	if t.visiting[l.name] {
		t.errorf(l.expr.Range(), fmt.Sprintf("local.%s refers to itself through other locals. Break the cycle.", l.name), "Cycle in local value %q", l.name)
		return
	}
	t.visiting[l.name] = true
	saved := t.src
	t.src = l.src
	fn()
	t.src = saved
	delete(t.visiting, l.name)
}

func attrStep(tr hcl.Traversal, i int) (string, bool) {
	if len(tr) <= i {
		return "", false
	}
	a, ok := tr[i].(hcl.TraverseAttr)
	return a.Name, ok
}
