package el

import (
	"fmt"
	"slices"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/compiler/suggest"
	"github.com/hashicorp/hcl/v2"
)

// Check finds, without evaluating, the function problems of a template
// evaluated in group: unknown functions (EL002, with a did-you-mean fix when
// one name is clearly meant), wrong arity and literal arguments or function
// results of the wrong type (EL003), and functions the group does not have
// (EL004). Types are those of the function's real implementation, also in
// groups where Oozie only echoes the call, since the later phase evaluates
// it for real. An empty group skips the group check. The result is sorted.
func Check(t *ir.Template, group string) hcl.Diagnostics {
	c := &checker{group: group}
	if t != nil {
		for _, p := range t.Parts {
			if p.Expr != nil {
				c.typeOf(p.Expr, 0)
			}
		}
	}
	diag.Sort(c.diags)
	return c.diags
}

type checker struct {
	group string
	diags hcl.Diagnostics
}

// typeOf returns the static type of e (a catalog type name, or "null") and
// records problems in its function calls.
func (c *checker) typeOf(e ir.Expr, depth int) string {
	if depth > maxEvalDepth {
		return "any"
	}
	switch n := e.(type) {
	case *ir.Literal:
		return [...]string{ir.LitString: "string", ir.LitInt: "int", ir.LitFloat: "float", ir.LitBool: "bool", ir.LitNull: "null"}[n.Kind]
	case *ir.Unary:
		t := c.typeOf(n.X, depth+1)
		if n.Op == "-" {
			c.operand(n.X, t)
			return "number"
		}
		return "bool"
	case *ir.Binary:
		tx, ty := c.typeOf(n.X, depth+1), c.typeOf(n.Y, depth+1)
		switch n.Op {
		case "+", "-", "*", "%":
			c.operand(n.X, tx)
			c.operand(n.Y, ty)
			return "number"
		case "/":
			c.operand(n.X, tx)
			c.operand(n.Y, ty)
			return "float"
		}
		return "bool"
	case *ir.Conditional:
		c.typeOf(n.Cond, depth+1)
		tt, te := c.typeOf(n.Then, depth+1), c.typeOf(n.Else, depth+1)
		if tt == te {
			return tt
		}
		return "any"
	case *ir.Member:
		c.typeOf(n.X, depth+1)
	case *ir.Index:
		c.typeOf(n.X, depth+1)
		c.typeOf(n.Index, depth+1)
	case *ir.Call:
		return c.call(n, depth)
	}
	return "any"
}

// operand reports a datetime or boolean function result used in arithmetic.
func (c *checker) operand(e ir.Expr, t string) {
	if call, ok := e.(*ir.Call); ok && (t == "datetime" || t == "bool") {
		c.errorf(e.SrcRange(), "Arithmetic cannot use the text a datetime function returns. Compute with numbers, or shift datetimes with coord:dateOffset.",
			"%s returns a %s, not a number", call.QualifiedName(), t)
	}
}

func (c *checker) errorf(rng hcl.Range, detail, format string, args ...any) *hcl.Diagnostic {
	d := evalError(rng, CodeArgs, detail, format, args...)
	c.diags = append(c.diags, d)
	return d
}

func (c *checker) call(n *ir.Call, depth int) string {
	argTypes := make([]string, len(n.Args))
	for i, a := range n.Args {
		argTypes[i] = c.typeOf(a, depth+1)
	}
	fn, ok := Lookup(n.QualifiedName())
	if !ok {
		c.diags = append(c.diags, unknownFuncDiag(n))
		return "any"
	}
	if c.group != "" && fn.Groups[c.group] == "" {
		c.diags = append(c.diags, notAllowedDiag(n, c.group))
	}
	if len(n.Args) != len(fn.Params) {
		c.diags = append(c.diags, arityDiag(n, fn))
		return fn.Result
	}
	for i, p := range fn.Params {
		if p.Type == "timeunit" && noneWithZeroAmount(fn, n, i) {
			continue
		}
		c.arg(fn, p, n.Args[i], argTypes[i])
	}
	return fn.Result
}

// noneWithZeroAmount reports whether argument i of call n is the unit
// 'NONE' and the call's int argument is the literal 0: Calendar.add returns
// before it looks at the field when the amount is 0, so Oozie accepts
// coord:dateOffset(ts, 0, 'NONE') and returns ts.
func noneWithZeroAmount(fn *Function, n *ir.Call, i int) bool {
	lit, ok := n.Args[i].(*ir.Literal)
	if !ok || lit.Kind != ir.LitString || lit.Str != "NONE" {
		return false
	}
	for j, p := range fn.Params {
		if p.Type != "int" {
			continue
		}
		amount, ok := n.Args[j].(*ir.Literal)
		return ok && (amount.Kind == ir.LitInt && amount.Int == 0 || amount.Kind == ir.LitString && amount.Str == "0")
	}
	return false
}

// typeWords names types in messages.
var typeWords = map[string]string{
	"int": "an integer", "float": "a number", "number": "a number", "string": "a string",
	"bool": "a boolean", "datetime": "a datetime (yyyy-MM-ddTHH:mmZ)", "timeunit": "a time unit name",
	"any": "a value", "null": "null",
}

// rejects lists, per parameter type, the argument types that cannot be
// right; types not listed (any, string, null) are accepted.
var rejects = map[string][]string{
	"int":      {"bool", "datetime", "timeunit"},
	"float":    {"bool", "datetime", "timeunit"},
	"number":   {"bool", "datetime", "timeunit"},
	"bool":     {"int", "float", "number", "datetime", "timeunit"},
	"datetime": {"int", "float", "number", "bool"},
	"timeunit": {"int", "float", "number", "bool", "datetime"},
}

func (c *checker) arg(fn *Function, p Param, a ir.Expr, t string) {
	what := fmt.Sprintf("Argument %s of %s", p.Name, fn.Name)
	if lit, ok := a.(*ir.Literal); ok && lit.Kind == ir.LitString {
		c.stringArg(what, p, lit)
		return
	}
	if slices.Contains(rejects[p.Type], t) {
		c.errorf(a.SrcRange(), fmt.Sprintf("%s expects %s. Pass a value of that type.", signature(fn), typeWords[p.Type]),
			"%s must be %s, not %s", what, typeWords[p.Type], typeWords[t])
	}
}

// stringArg checks a string literal against the parameter type as Oozie
// would convert it.
func (c *checker) stringArg(what string, p Param, lit *ir.Literal) {
	s := lit.Str
	switch p.Type {
	case "int":
		if n, ok := parseJavaLong(s); ok && n == int64(int32(n)) {
			return
		}
	case "float", "number":
		if _, ok := parseJavaDouble(s); ok {
			return
		}
	case "datetime":
		if _, err := oozietime.ParseDateTime(s); err == nil {
			return
		}
	case "timeunit":
		if slices.Contains(TimeUnits, s) && s != "NONE" {
			return
		}
		d := c.errorf(lit.Range, "Time units are the names of Oozie's TimeUnit enum, in capitals: MINUTE, HOUR, DAY, WEEK, MONTH or YEAR. Use one of them.",
			"%s must be a time unit, not %q", what, s)
		units := slices.DeleteFunc(slices.Clone(TimeUnits), func(u string) bool { return u == "NONE" })
		if best, unique := suggest.Closest(s, units, suggest.DefaultMaxEdits(len(s)), nil); unique {
			d.Detail = fmt.Sprintf("Did you mean %s? Time units are the names of Oozie's TimeUnit enum, case-sensitive.", best)
			d.Extra = &diag.Extra{Code: CodeArgs, Fixes: []diag.Edit{{Range: lit.Range, Text: "'" + best + "'"}}}
		}
		return
	default:
		return
	}
	c.errorf(lit.Range, fmt.Sprintf("Oozie converts the argument to %s and fails when it cannot. Pass %s.", typeWords[p.Type], typeWords[p.Type]),
		"%s must be %s, not %q", what, typeWords[p.Type], s)
}
