package el

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/coordc/coordc/compiler/ir"
)

// sexpr prints the AST shape compactly, without ranges:
// (+ 1 (call coord:days 2)), (. x name), ([] x 0), (? c a b), $x for idents.
func sexpr(e ir.Expr) string {
	switch n := e.(type) {
	case nil:
		return "<nil>"
	case *ir.Literal:
		switch n.Kind {
		case ir.LitString:
			return strconv.Quote(n.Str)
		case ir.LitInt:
			return strconv.FormatInt(n.Int, 10)
		case ir.LitFloat:
			return "f" + strconv.FormatFloat(n.Float, 'g', -1, 64)
		case ir.LitBool:
			return strconv.FormatBool(n.Bool)
		}
		return "null"
	case *ir.Ident:
		return "$" + n.Name
	case *ir.Unary:
		return "(" + n.Op + " " + sexpr(n.X) + ")"
	case *ir.Binary:
		return "(" + n.Op + " " + sexpr(n.X) + " " + sexpr(n.Y) + ")"
	case *ir.Conditional:
		return "(? " + sexpr(n.Cond) + " " + sexpr(n.Then) + " " + sexpr(n.Else) + ")"
	case *ir.Member:
		return "(. " + sexpr(n.X) + " " + n.Name + ")"
	case *ir.Index:
		return "([] " + sexpr(n.X) + " " + sexpr(n.Index) + ")"
	case *ir.Call:
		s := "(call " + n.QualifiedName()
		for _, a := range n.Args {
			s += " " + sexpr(a)
		}
		return s + ")"
	}
	return fmt.Sprintf("<%T>", e)
}

// templateShape prints a template's parts: literals quoted, expressions as sexpr.
func templateShape(t *ir.Template) string {
	var parts []string
	for _, p := range t.Parts {
		if p.Expr == nil {
			parts = append(parts, strconv.Quote(p.Literal))
		} else {
			parts = append(parts, "${"+sexpr(p.Expr)+"}")
		}
	}
	return strings.Join(parts, " ")
}

// source prints an expression back as EL text, fully parenthesized.
func source(e ir.Expr) string {
	switch n := e.(type) {
	case *ir.Literal:
		switch n.Kind {
		case ir.LitString:
			return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(n.Str) + "'"
		case ir.LitInt:
			return strconv.FormatInt(n.Int, 10)
		case ir.LitFloat:
			if math.IsInf(n.Float, 1) {
				// A literal too large for a double is Infinity in Java; any
				// such literal reparses to the same value.
				return "1e999"
			}
			return strconv.FormatFloat(n.Float, 'e', -1, 64)
		case ir.LitBool:
			return strconv.FormatBool(n.Bool)
		}
		return "null"
	case *ir.Ident:
		return n.Name
	case *ir.Unary:
		return "(" + n.Op + " " + source(n.X) + ")"
	case *ir.Binary:
		return "(" + source(n.X) + " " + n.Op + " " + source(n.Y) + ")"
	case *ir.Conditional:
		return "(" + source(n.Cond) + " ? " + source(n.Then) + " : " + source(n.Else) + ")"
	case *ir.Member:
		return source(n.X) + "." + n.Name
	case *ir.Index:
		return source(n.X) + "[" + source(n.Index) + "]"
	case *ir.Call:
		args := make([]string, len(n.Args))
		for i, a := range n.Args {
			args[i] = source(a)
		}
		return n.QualifiedName() + "(" + strings.Join(args, ", ") + ")"
	}
	return ""
}

// templateSource prints a template back as text that parses to the same shape.
func templateSource(t *ir.Template) string {
	var b strings.Builder
	for _, p := range t.Parts {
		if p.Expr == nil {
			b.WriteString(strings.ReplaceAll(p.Literal, "${", `\${`))
		} else {
			b.WriteString("${" + source(p.Expr) + "}")
		}
	}
	return b.String()
}
