package hclgen

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/hclfront"
	"github.com/coordc/coordc/compiler/ir"
)

// intText matches literal text written as a bare HCL number: an integer
// without leading zeros, which reads back as the same text.
var intText = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^-?(0|[1-9][0-9]*)$`) })

// exprGen prints EL as HCL; vars are the declared parameters.
type exprGen struct {
	vars map[string]bool
	errs []string
}

func (g *exprGen) fail(format string, args ...any) {
	g.errs = append(g.errs, fmt.Sprintf(format, args...))
}

// value prints a whole attribute value.
func (g *exprGen) value(t *ir.Text) string {
	if t.Template == nil {
		g.fail("%q is not valid Oozie EL, so it was written as literal text", t.Raw)
		return quote(t.Raw)
	}
	parts := t.Template.Parts
	if len(parts) == 0 {
		return `""`
	}
	if len(parts) == 1 && parts[0].Expr == nil {
		lit := parts[0].Literal
		if intText().MatchString(lit) || lit == "true" || lit == "false" {
			return lit
		}
		return quote(lit)
	}
	if len(parts) == 1 && !bareIsLiteral(parts[0].Expr) {
		return g.expr(parts[0].Expr, 0)
	}
	return g.template(parts)
}

// bareIsLiteral reports whether e written bare would read back as literal
// text rather than an expression.
func bareIsLiteral(e ir.Expr) bool {
	switch n := e.(type) {
	case *ir.Literal:
		return true
	case *ir.Unary:
		l, ok := n.X.(*ir.Literal)
		return ok && n.Op == "-" && (l.Kind == ir.LitInt || l.Kind == ir.LitFloat)
	}
	return false
}

// template prints parts as a quoted HCL template.
func (g *exprGen) template(parts []ir.TemplatePart) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, p := range parts {
		if p.Expr == nil {
			b.WriteString(escape(p.Literal))
			continue
		}
		b.WriteString("${")
		b.WriteString(g.expr(p.Expr, 0))
		b.WriteString("}")
	}
	b.WriteByte('"')
	return b.String()
}

// expr prints an EL expression as HCL, parenthesized when its precedence
// is below min.
func (g *exprGen) expr(e ir.Expr, min int) string {
	prec := precOf(e)
	s := g.exprInner(e, prec)
	if prec < min {
		return "(" + s + ")"
	}
	return s
}

const (
	precCond    = 0
	precUnary   = 7
	precPostfix = 8
)

func precOf(e ir.Expr) int {
	switch n := e.(type) {
	case *ir.Conditional:
		return precCond
	case *ir.Binary:
		return el.BinaryPrec(n.Op)
	case *ir.Unary:
		if n.Op == "empty" {
			return precPostfix
		}
		return precUnary
	}
	return precPostfix
}

func (g *exprGen) exprInner(e ir.Expr, prec int) string {
	switch n := e.(type) {
	case *ir.Literal:
		switch n.Kind {
		case ir.LitString:
			return quote(n.Str)
		case ir.LitInt:
			return strconv.FormatInt(n.Int, 10)
		case ir.LitFloat:
			return el.FormatFloat(n.Float)
		case ir.LitBool:
			return strconv.FormatBool(n.Bool)
		}
		return "null"
	case *ir.Ident:
		return g.ident(n.Name)
	case *ir.Call:
		name := n.Name
		if n.Prefix != "" {
			name = n.Prefix + "::" + n.Name
		}
		args := make([]string, len(n.Args))
		for i, a := range n.Args {
			args[i] = g.expr(a, precCond)
		}
		return name + "(" + strings.Join(args, ", ") + ")"
	case *ir.Unary:
		if n.Op == "empty" {
			return "empty(" + g.expr(n.X, precCond) + ")"
		}
		return n.Op + g.expr(n.X, precUnary)
	case *ir.Binary:
		return g.expr(n.X, prec) + " " + n.Op + " " + g.expr(n.Y, prec+1)
	case *ir.Conditional:
		return g.expr(n.Cond, 1) + " ? " + g.expr(n.Then, precCond) + " : " + g.expr(n.Else, precCond)
	case *ir.Member:
		if !hclsyntax.ValidIdentifier(n.Name) {
			g.fail("member name %q cannot be written in HCL", n.Name)
		}
		return g.expr(n.X, precPostfix) + "." + n.Name
	case *ir.Index:
		return g.expr(n.X, precPostfix) + "[" + g.expr(n.Index, precCond) + "]"
	}
	g.fail("unsupported EL node %T", e)
	return "null"
}

// ident prints an EL identifier: var.NAME for a declared parameter, the
// bare name otherwise.
func (g *exprGen) ident(name string) string {
	ok := hclsyntax.ValidIdentifier(name) && !strings.Contains(name, "-")
	if g.vars[name] && ok {
		return "var." + name
	}
	if !ok || hclfront.IsReservedRoot(name) {
		g.fail("EL identifier %q cannot be written in HCL", name)
	}
	return name
}

// quote prints s as a quoted HCL string literal.
func quote(s string) string { return `"` + escape(s) + `"` }

// escape escapes s for the inside of a quoted HCL template.
func escape(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case (r == '$' || r == '%') && strings.HasPrefix(s[i+1:], "{"):
			b.WriteRune(r)
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
