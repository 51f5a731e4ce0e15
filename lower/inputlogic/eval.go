package inputlogic

import (
	"fmt"
	"time"

	"github.com/coordc/coordc/compiler/ir"
)

// Status is the outcome of a node, Oozie's CoordInputLogicEvaluatorResult.
type Status uint8

// Node outcomes.
const (
	// False: the node is not satisfied.
	False Status = iota
	// True: the node is satisfied.
	True
	// Waiting: instances are missing and the node's wait has not elapsed.
	Waiting
	// Deferred: the data-in has only latest/future instances, resolved in
	// the second phase (Oozie's PHASE_TWO_EVALUATION).
	Deferred
)

var statusNames = [...]string{"FALSE", "TRUE", "WAITING", "DEFERRED"}

// String is the status in capitals, as Oozie logs it.
func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", s)
}

// counts is Oozie's isTrue: waiting and deferred count as true, so an or
// does not fall through past them and an and goes on to its next operand.
func (s Status) counts() bool { return s != False }

// Input is one data-in of an action as the evaluator sees it.
type Input struct {
	// URIs are the resolved instance URIs in Oozie's order, without
	// done-flags.
	URIs []string
	// Paths are the done-flag paths whose existence satisfies each URI,
	// parallel to URIs.
	Paths []string
	// Latest marks a data-in with coord:latest/future instances.
	Latest bool
	// Unresolved marks latest/future instances that are not resolved yet.
	Unresolved bool
}

// Env is what an evaluation needs besides the logic and the inputs.
type Env struct {
	// Exists reports whether a done-flag path exists.
	Exists func(path string) (bool, error)
	// Nominal and Created are the action's nominal and creation times; a
	// wait runs from the later of the two.
	Nominal, Created time.Time
	// Now is the time of the check.
	Now time.Time
	// PhaseTwo selects Oozie's second pass, after latest/future were resolved
	// against storage: a data-in with latest/future instances is satisfied
	// when they all resolved, waiting or false otherwise.
	PhaseTwo bool
}

// Result is the outcome of an input check.
type Result struct {
	// Status is the root's outcome.
	Status Status
	// FirstMissing is the first done-flag path found missing, in evaluation
	// order; "" when none was or the check is satisfied.
	FirstMissing string
	// Nodes maps every named node that is satisfied to the URIs that
	// satisfied it (coord:dataIn('<node name>')), in Oozie's order; set only
	// when the check is Satisfied. A named node that is not satisfied is
	// absent.
	Nodes map[string][]string
}

// Satisfied reports whether the action may become ready: the root is true
// or deferred to the second phase, and not waiting.
func (r Result) Satisfied() bool { return r.Status == True || r.Status == Deferred }

// outcome is a node's status and the URIs it reports (Oozie's dataSets).
type outcome struct {
	st   Status
	uris []string
}

// Evaluate runs Oozie's input check over l for one action: Exists is called
// for each instance at most once, in evaluation order, and an error stops
// the check (Oozie's E1028 "Error executing input function"). When the root
// is satisfied the named nodes are evaluated again over the instances found,
// as coord:dataIn does. A nil l is satisfied.
func Evaluate(l *Logic, inputs map[string]Input, env Env) (Result, error) {
	if l == nil || l.Root == nil {
		return Result{Status: True}, nil
	}
	e := &evaluator{inputs: inputs, env: env, avail: map[string][]bool{}}
	root, err := e.node(l.Root)
	res := Result{Status: root.st, FirstMissing: e.firstMissing}
	if err != nil || !res.Satisfied() {
		return res, err
	}
	res.FirstMissing = ""
	res.Nodes = map[string][]string{}
	for _, name := range l.names {
		if o, err := e.known(l.named[name]); err != nil {
			return res, err
		} else if o.st.counts() {
			res.Nodes[name] = append([]string{}, o.uris...)
		}
	}
	return res, nil
}

type evaluator struct {
	inputs       map[string]Input
	env          Env
	avail        map[string][]bool
	firstMissing string
}

// node evaluates n in the check (Oozie's phases one and two).
func (e *evaluator) node(n *Node) (outcome, error) {
	switch n.Op {
	case ir.LogicDataIn:
		return e.dataIn(n)
	case ir.LogicCombine:
		return e.combine(n, e.exists, true)
	}
	return e.join(n, e.node)
}

// join is Oozie's JEXL interpreter over a left-associative chain: an or
// returns its first operand that counts as true; an and returns its first
// operand that does not, else the last one with the URIs of the earlier
// ones appended after its own. An and whose earlier operand is still
// waiting is therefore true when its last operand is (Oozie's behaviour).
func (e *evaluator) join(n *Node, eval func(*Node) (outcome, error)) (outcome, error) {
	if len(n.Children) == 0 {
		return outcome{}, nil
	}
	left, err := eval(n.Children[0])
	for _, k := range n.Children[1:] {
		if err != nil {
			return left, err
		}
		if n.Op == ir.LogicOr {
			if left.st.counts() {
				return left, nil
			}
			left, err = eval(k)
			continue
		}
		if !left.st.counts() {
			return left, nil
		}
		var right outcome
		right, err = eval(k)
		if right.st.counts() {
			right.uris = append(right.uris, left.uris...)
		}
		left = right
	}
	return left, err
}

// dataIn is Oozie's input(): instances are checked in order, stopping at
// the first missing one unless a min is set.
func (e *evaluator) dataIn(n *Node) (outcome, error) {
	name := n.DataIns[0]
	in := e.inputs[name]
	if e.env.PhaseTwo && in.Latest {
		return e.latest(n, name, in), nil
	}
	if len(in.URIs) == 0 {
		if in.Unresolved {
			return outcome{st: Deferred}, nil
		}
		return e.known(n)
	}
	var avail []string
	all := true
	for i, uri := range in.URIs {
		ok, err := e.exists(name, i)
		if err != nil {
			return outcome{}, err
		}
		if ok {
			avail = append(avail, uri)
			continue
		}
		all = false
		e.missing(in, i)
		if n.Min < 0 {
			break
		}
	}
	return e.result(all, n.Min, n.Wait, avail, true), nil
}

// latest is the second phase of a data-in with latest/future instances:
// true with its URIs once they all resolved, else waiting until the wait
// elapses, then false.
func (e *evaluator) latest(n *Node, name string, in Input) outcome {
	if in.Unresolved {
		if e.waiting(n.Wait) {
			return outcome{st: Waiting}
		}
		return outcome{}
	}
	marks := make([]bool, len(in.URIs))
	for i := range marks {
		marks[i] = true
	}
	e.avail[name] = marks
	return outcome{st: True, uris: append([]string{}, in.URIs...)}
}

// combine is Oozie's combine(): each instance of the first data-in that is
// missing is looked up at the same position in every later data-in (all of
// them: two that exist both count). look reports an instance's existence;
// check says whether a missing first instance is recorded as missing.
func (e *evaluator) combine(n *Node, look func(string, int) (bool, error), check bool) (outcome, error) {
	if len(n.DataIns) == 0 {
		return outcome{}, nil
	}
	first := e.inputs[n.DataIns[0]]
	if len(first.URIs) == 0 {
		if check {
			return outcome{st: Waiting}, nil
		}
		return outcome{}, nil
	}
	var avail []string
	for i, uri := range first.URIs {
		ok, err := look(n.DataIns[0], i)
		if err != nil {
			return outcome{}, err
		}
		found := ok
		if ok {
			avail = append(avail, uri)
		}
		for _, other := range n.DataIns[1:] {
			if ok {
				break
			}
			in := e.inputs[other]
			if i >= len(in.URIs) {
				return outcome{}, fmt.Errorf("E1028: Error executing combine function Index: %d, Size: %d (data-in %q has fewer instances than %q)", i, len(in.URIs), other, n.DataIns[0])
			}
			has, err := look(other, i)
			if err != nil {
				return outcome{}, err
			}
			if has {
				avail = append(avail, in.URIs[i])
				found = true
			}
		}
		if !found && check {
			e.missing(first, i)
		}
		if !found && n.Min < 0 {
			break
		}
	}
	return e.result(len(avail) == len(first.URIs), n.Min, n.Wait, avail, check), nil
}

// result is Oozie's getEvalResult: waiting while instances are missing and
// the wait has not elapsed (only during the check), true when all were found
// or at least min (> 0) were, always true for min = 0.
func (e *evaluator) result(found bool, min, wait int, avail []string, check bool) outcome {
	if !found && check && e.waiting(wait) {
		return outcome{st: Waiting}
	}
	var o outcome
	if found || (min > 0 && len(avail) >= min) {
		o = outcome{st: True, uris: avail}
	}
	if min == 0 {
		o.st = True
	}
	return o
}

// waiting reports whether a wait of the given minutes has not elapsed since
// the later of the nominal and creation times (whole minutes, truncated).
func (e *evaluator) waiting(wait int) bool {
	if wait <= 0 {
		return false
	}
	from := e.env.Nominal
	if e.env.Created.After(from) {
		from = e.env.Created
	}
	waited := (e.env.Now.UnixMilli() - from.UnixMilli()) / 60000
	return int64(wait) > waited
}

// exists checks instance i of a data-in once; a found instance stays found
// for the rest of the evaluation.
func (e *evaluator) exists(name string, i int) (bool, error) {
	in := e.inputs[name]
	marks := e.avail[name]
	if marks == nil {
		marks = make([]bool, len(in.URIs))
		e.avail[name] = marks
	}
	if marks[i] {
		return true, nil
	}
	if i >= len(in.Paths) || e.env.Exists == nil {
		return false, nil
	}
	ok, err := e.env.Exists(in.Paths[i])
	if err != nil {
		e.missing(in, i)
		return false, fmt.Errorf("E1028: Error executing input function %w", err)
	}
	marks[i] = ok
	return ok, nil
}

func (e *evaluator) missing(in Input, i int) {
	if e.firstMissing == "" && i < len(in.Paths) {
		e.firstMissing = in.Paths[i]
	}
}
