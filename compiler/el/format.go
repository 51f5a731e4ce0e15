package el

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/coordc/coordc/compiler/ir"
)

// Precedence levels of EL, loosest first; both EL and HCL parse binary
// operators left-associatively with these levels.
const (
	precCond = iota
	precOr
	precAnd
	precEq
	precRel
	precAdd
	precMul
	precUnary
	precPostfix
)

// BinaryPrec returns the precedence level of a symbolic binary operator.
func BinaryPrec(op string) int {
	switch op {
	case "||":
		return precOr
	case "&&":
		return precAnd
	case "==", "!=":
		return precEq
	case "<", ">", "<=", ">=":
		return precRel
	case "+", "-":
		return precAdd
	}
	return precMul
}

// Format prints a template as canonical Oozie EL text: literal text with
// "${" escaped as "\${", and each expression as ${...} with single-quoted
// strings, ", " between arguments and spaces around binary operators. The
// text parses back to the same template. It fails only for a literal that
// ends in a backslash right before an expression, which EL cannot write.
func Format(t *ir.Template) (string, error) {
	var b strings.Builder
	for i, p := range t.Parts {
		if p.Expr == nil {
			b.WriteString(strings.ReplaceAll(p.Literal, "${", `\${`))
			if strings.HasSuffix(p.Literal, `\`) && i+1 < len(t.Parts) {
				return b.String(), errors.New("Oozie EL reads a backslash right before ${ as an escape, so this literal backslash would hide the expression that follows.")
			}
			continue
		}
		b.WriteString("${")
		writeExpr(&b, p.Expr, precCond)
		b.WriteString("}")
	}
	return b.String(), nil
}

func writeExpr(b *strings.Builder, e ir.Expr, min int) {
	prec := exprPrec(e)
	if prec < min {
		b.WriteString("(")
		defer b.WriteString(")")
	}
	switch n := e.(type) {
	case *ir.Literal:
		b.WriteString(elLiteral(n))
	case *ir.Ident:
		b.WriteString(n.Name)
	case *ir.Call:
		b.WriteString(n.QualifiedName())
		b.WriteString("(")
		for i, a := range n.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			writeExpr(b, a, precCond)
		}
		b.WriteString(")")
	case *ir.Unary:
		if n.Op == "empty" {
			b.WriteString("empty ")
		} else {
			b.WriteString(n.Op)
		}
		writeExpr(b, n.X, precUnary)
	case *ir.Binary:
		writeExpr(b, n.X, prec)
		b.WriteString(" " + n.Op + " ")
		writeExpr(b, n.Y, prec+1)
	case *ir.Conditional:
		writeExpr(b, n.Cond, precOr)
		b.WriteString(" ? ")
		writeExpr(b, n.Then, precCond)
		b.WriteString(" : ")
		writeExpr(b, n.Else, precCond)
	case *ir.Member:
		writeExpr(b, n.X, precPostfix)
		b.WriteString("." + n.Name)
	case *ir.Index:
		writeExpr(b, n.X, precPostfix)
		b.WriteString("[")
		writeExpr(b, n.Index, precCond)
		b.WriteString("]")
	}
}

// exprPrec is the precedence of the construct e.
func exprPrec(e ir.Expr) int {
	switch n := e.(type) {
	case *ir.Conditional:
		return precCond
	case *ir.Binary:
		return BinaryPrec(n.Op)
	case *ir.Unary:
		return precUnary
	}
	return precPostfix
}

// elLiteral prints an EL literal.
func elLiteral(l *ir.Literal) string {
	switch l.Kind {
	case ir.LitString:
		return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(l.Str) + "'"
	case ir.LitInt:
		return strconv.FormatInt(l.Int, 10)
	case ir.LitFloat:
		return FormatFloat(l.Float)
	case ir.LitBool:
		return strconv.FormatBool(l.Bool)
	}
	return "null"
}

// FormatFloat prints a floating-point literal so that it reads back as a
// float in both EL and HCL: always with a fraction or an exponent.
func FormatFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "1e999"
	case math.IsInf(f, -1), math.IsNaN(f):
		return "0.0"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}
