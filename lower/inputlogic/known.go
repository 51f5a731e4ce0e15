package inputlogic

import "github.com/coordc/coordc/compiler/ir"

// known evaluates n over the instances the check found (Oozie's phase three,
// behind coord:dataIn('<node name>')): nothing is checked again and every
// wait has elapsed. A data-in is true when at least min (≥ 0) of its
// instances were found, or all of them.
func (e *evaluator) known(n *Node) (outcome, error) {
	switch n.Op {
	case ir.LogicDataIn:
		return e.knownDataIn(n), nil
	case ir.LogicCombine:
		return e.combine(n, e.seen, false)
	}
	return e.join(n, e.known)
}

func (e *evaluator) knownDataIn(n *Node) outcome {
	name := n.DataIns[0]
	in := e.inputs[name]
	var avail []string
	for i, uri := range in.URIs {
		if ok, _ := e.seen(name, i); ok {
			avail = append(avail, uri)
		}
	}
	if (n.Min >= 0 && len(avail) >= n.Min) || (len(in.URIs) > 0 && len(avail) == len(in.URIs)) {
		return outcome{st: True, uris: avail}
	}
	return outcome{}
}

// seen reports whether instance i of a data-in was found by the check.
func (e *evaluator) seen(name string, i int) (bool, error) {
	marks := e.avail[name]
	return i < len(marks) && marks[i], nil
}
