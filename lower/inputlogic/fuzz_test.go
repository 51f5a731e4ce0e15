package inputlogic_test

import (
	"testing"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lower/inputlogic"
)

// treeOf decodes a logic tree from fuzz bytes: each byte picks an op, a
// data-in, and whether min/wait are set; depth is bounded.
func treeOf(data []byte, pos *int, depth int, attrs []string) *ir.LogicNode {
	if *pos >= len(data) {
		return &ir.LogicNode{Op: ir.LogicDataIn, DataIn: known("A")}
	}
	b := data[*pos]
	*pos++
	n := &ir.LogicNode{}
	if b&0x10 != 0 {
		n.Min = known(attrs[int(b>>5)%len(attrs)])
	}
	if b&0x20 != 0 {
		n.Wait = known(attrs[int(b>>6)%len(attrs)])
	}
	if b&0x40 != 0 {
		n.Name = known(string(rune('m' + b%4)))
	}
	switch op := b % 4; {
	case op == 0 || depth > 4:
		n.Op, n.DataIn = ir.LogicDataIn, known(string(rune('A'+b%5)))
	case op == 1:
		n.Op = ir.LogicCombine
		for i := 0; i < int(b>>2)%4; i++ {
			n.Children = append(n.Children, &ir.LogicNode{Op: ir.LogicDataIn, DataIn: known(string(rune('A' + (int(b)+i)%5)))})
		}
	default:
		n.Op = ir.LogicAnd
		if op == 3 {
			n.Op = ir.LogicOr
		}
		for i := 0; i < 1+int(b>>2)%3; i++ {
			n.Children = append(n.Children, treeOf(data, pos, depth+1, attrs))
		}
	}
	return n
}

func known(s string) *ir.Text { return &ir.Text{Raw: s, Known: true, Value: s} }

func FuzzEvaluate(f *testing.F) {
	f.Add([]byte{3, 0, 0}, uint16(0x0f0f), uint8(5))
	f.Add([]byte{2, 0x51, 0x12, 0x33}, uint16(0xffff), uint8(0))
	f.Add([]byte{0x5e, 0x5d, 0x01, 0x9c}, uint16(0x0101), uint8(40))
	f.Fuzz(func(t *testing.T, data []byte, present uint16, minutes uint8) {
		attrs := []string{"0", "2", "-1", "30", "x", ""}
		pos := 0
		c := &ir.Coordinator{InputLogic: treeOf(data, &pos, 0, attrs)}
		inputs := map[string]inputlogic.Input{}
		for i, name := range []string{"A", "B", "C", "D", "E"} {
			c.Inputs = append(c.Inputs, &ir.DataIn{Name: name})
			inputs[name] = in(string(rune('a'+i)), i%4)
		}
		inputs["E"] = inputlogic.Input{Latest: true, Unresolved: present&1 == 0}
		l, _ := inputlogic.Compile(c)
		_ = inputlogic.Validate(l, inputs)
		calls := map[string]int{}
		env := inputlogic.Env{Nominal: nt, Created: nt, Now: nt.Add(time.Duration(minutes) * time.Minute), PhaseTwo: present&2 != 0,
			Exists: func(p string) (bool, error) {
				calls[p]++
				return present>>(uint(len(p))%16)&1 == 1, nil
			}}
		res, _ := inputlogic.Evaluate(l, inputs, env)
		for p, n := range calls {
			if n > 1 && present>>(uint(len(p))%16)&1 == 1 {
				t.Errorf("%s found and checked %d times", p, n)
			}
		}
		if !res.Satisfied() && res.Nodes != nil {
			t.Errorf("unsatisfied check reports nodes %v", res.Nodes)
		}
		if l != nil {
			_ = l.Root.Expr()
		}
	})
}
