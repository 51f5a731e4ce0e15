package inputlogic

import (
	"strconv"
	"strings"

	"github.com/coordc/coordc/compiler/ir"
)

// Expr is n as the JEXL expression Oozie's InputLogicParser writes for it
// (for logs and comparison with Oozie): and/or in parentheses joined by &&
// and ||, combine and data-in as dependencyBuilder calls with the effective
// .min(N) and .inputWait(M). A negative min is written as none.
func (n *Node) Expr() string {
	var b strings.Builder
	n.expr(&b)
	return b.String()
}

func (n *Node) expr(b *strings.Builder) {
	switch n.Op {
	case ir.LogicDataIn:
		b.WriteString(`dependencyBuilder.input("` + first(n.DataIns) + `")`)
		n.suffix(b)
	case ir.LogicCombine:
		b.WriteString(`(dependencyBuilder.combine(`)
		for i, d := range n.DataIns {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`"` + d + `"`)
		}
		b.WriteByte(')')
		n.suffix(b)
		b.WriteByte(')')
	default:
		op := " && "
		if n.Op == ir.LogicOr {
			op = " || "
		}
		b.WriteByte('(')
		for i, k := range n.Children {
			if i > 0 {
				b.WriteString(op)
			}
			k.expr(b)
		}
		b.WriteByte(')')
	}
}

func (n *Node) suffix(b *strings.Builder) {
	if n.Min != None {
		b.WriteString(".min(" + strconv.Itoa(n.Min) + ")")
	}
	if n.Wait != None {
		b.WriteString(".inputWait(" + strconv.Itoa(n.Wait) + ")")
	}
	b.WriteString(".build()")
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
