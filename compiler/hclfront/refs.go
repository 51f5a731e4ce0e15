package hclfront

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/coordc/coordc/compiler/ir"
)

// traversal translates a reference: var.x is the job property x (declared
// by a variable block), local.x is substituted, and any other root is an EL
// identifier followed by member and index steps.
func (t *translator) traversal(n *hclsyntax.ScopeTraversalExpr) ir.Expr {
	tr := n.Traversal
	root := tr.RootName()
	switch root {
	case rootVar:
		name, ok := attrStep(tr, 1)
		if !ok {
			t.errorf(n.SrcRange, "Refer to a variable as var.NAME.", "Invalid variable reference")
			return nil
		}
		rng := hcl.RangeBetween(tr[0].SourceRange(), tr[1].SourceRange())
		if !t.elIdent(name, rng) {
			return nil
		}
		if _, declared := t.vars[name]; !declared {
			detail := fmt.Sprintf("There is no variable block named %q in this configuration. Declare it with variable %q {}, or write the job property without var. to use it undeclared.", name, name)
			if s := suggest(name, t.varNames()); s != "" {
				detail = fmt.Sprintf("Did you mean var.%s? ", s) + detail
			}
			t.errorf(rng, detail, "Reference to undeclared input variable %q", name)
			return nil
		}
		return t.steps(&ir.Ident{Name: name, Range: rng}, tr[2:])
	case rootLocal:
		name, ok := attrStep(tr, 1)
		if !ok {
			t.errorf(n.SrcRange, "Refer to a local value as local.NAME.", "Invalid local value reference")
			return nil
		}
		l := t.locals[name]
		if l == nil {
			detail := fmt.Sprintf("No locals block defines %q. Add it to a locals block.", name)
			if s := suggest(name, t.localNames()); s != "" {
				detail = fmt.Sprintf("Did you mean local.%s? ", s) + detail
			}
			t.errorf(n.SrcRange, detail, "Reference to undeclared local value %q", name)
			return nil
		}
		var x ir.Expr
		t.withLocal(l, func() { x = t.expr(l.expr) })
		if x == nil {
			return nil
		}
		return t.steps(x, tr[2:])
	}
	if !t.elIdent(root, tr[0].SourceRange()) {
		return nil
	}
	return t.steps(&ir.Ident{Name: root, Range: tr[0].SourceRange()}, tr[1:])
}

// elIdent reports whether name is also an EL identifier; HCL allows "-" in
// names, which EL would read as a subtraction.
func (t *translator) elIdent(name string, rng hcl.Range) bool {
	if !strings.Contains(name, "-") {
		return true
	}
	t.errorf(rng, fmt.Sprintf("Oozie EL would read %q as a subtraction. Put spaces around the minus sign, or read a job property of that name with coord::conf(%q).", name, name),
		"Name %q is not an EL identifier", name)
	return false
}

// steps applies attribute and index steps to x.
func (t *translator) steps(x ir.Expr, tr hcl.Traversal) ir.Expr {
	if x == nil {
		return nil
	}
	for _, st := range tr {
		rng := hcl.RangeBetween(x.SrcRange(), st.SourceRange())
		switch s := st.(type) {
		case hcl.TraverseAttr:
			x = &ir.Member{X: x, Name: s.Name, Range: rng}
		case hcl.TraverseIndex:
			k := keyLiteral(s.Key, s.SrcRange)
			if k == nil {
				t.errorf(s.SrcRange, "Index with a number or a string.", "Unsupported index")
				return nil
			}
			x = &ir.Index{X: x, Index: k, Range: rng}
		default:
			t.errorf(st.SourceRange(), "Splat expressions have no EL equivalent. Index one element instead.", "Unsupported splat")
			return nil
		}
	}
	return x
}

// keyLiteral is the EL literal of a constant index key.
func keyLiteral(v cty.Value, rng hcl.Range) ir.Expr {
	if v.IsNull() || !v.IsKnown() {
		return nil
	}
	switch v.Type() {
	case cty.String:
		return &ir.Literal{Kind: ir.LitString, Str: v.AsString(), Range: rng}
	case cty.Number:
		if i, acc := v.AsBigFloat().Int64(); acc == 0 {
			return &ir.Literal{Kind: ir.LitInt, Int: i, Range: rng}
		}
		f, _ := v.AsBigFloat().Float64()
		return &ir.Literal{Kind: ir.LitFloat, Float: f, Range: rng}
	}
	return nil
}

// call translates ns::name(args) to the EL call ns:name(args). empty(x)
// is EL's empty operator, which HCL has no symbol for.
func (t *translator) call(n *hclsyntax.FunctionCallExpr) ir.Expr {
	if n.ExpandFinal {
		t.errorf(n.Range(), "EL calls take their arguments one by one. Remove the \"...\".", "Argument expansion is not supported")
		return nil
	}
	prefix, name := "", n.Name
	if i := strings.LastIndex(n.Name, "::"); i >= 0 {
		prefix, name = n.Name[:i], n.Name[i+2:]
		if strings.Contains(prefix, "::") {
			t.errorf(n.NameRange, "Oozie functions have one namespace, as in coord::current.", "Invalid function namespace %q", prefix)
			return nil
		}
	}
	var args []ir.Expr
	for _, a := range n.Args {
		x := t.expr(a)
		if x == nil {
			return nil
		}
		args = append(args, x)
	}
	if prefix == "" && name == "empty" {
		if len(args) != 1 {
			t.errorf(n.Range(), "empty(x) is EL's empty operator and takes one operand.", "Wrong number of arguments for empty")
			return nil
		}
		return &ir.Unary{Op: "empty", X: args[0], Range: n.Range()}
	}
	return &ir.Call{Prefix: prefix, Name: name, NameRange: n.NameRange, Args: args, Range: n.Range()}
}

// binaryOps maps HCL operators to EL's symbolic operators.
var binaryOps = map[*hclsyntax.Operation]string{
	hclsyntax.OpLogicalOr: "||", hclsyntax.OpLogicalAnd: "&&",
	hclsyntax.OpEqual: "==", hclsyntax.OpNotEqual: "!=",
	hclsyntax.OpLessThan: "<", hclsyntax.OpGreaterThan: ">",
	hclsyntax.OpLessThanOrEqual: "<=", hclsyntax.OpGreaterThanOrEqual: ">=",
	hclsyntax.OpAdd: "+", hclsyntax.OpSubtract: "-",
	hclsyntax.OpMultiply: "*", hclsyntax.OpDivide: "/", hclsyntax.OpModulo: "%",
}

func (t *translator) binary(n *hclsyntax.BinaryOpExpr) ir.Expr {
	op, ok := binaryOps[n.Op]
	if !ok {
		t.errorf(n.SrcRange, "Use +, -, *, /, %, comparisons, && or ||.", "Unsupported operator")
		return nil
	}
	x, y := t.expr(n.LHS), t.expr(n.RHS)
	if x == nil || y == nil {
		return nil
	}
	return &ir.Binary{Op: op, X: x, Y: y, Range: n.SrcRange}
}

func (t *translator) varNames() []string {
	out := make([]string, 0, len(t.vars))
	for n := range t.vars {
		out = append(out, n)
	}
	return out
}

func (t *translator) localNames() []string {
	out := make([]string, 0, len(t.locals))
	for n := range t.locals {
		out = append(out, n)
	}
	return out
}
