package workflow

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/ir"
)

// Node types, as stored in wf_actions.type (Oozie's names).
const (
	TypeStart    = ":START:"
	TypeEnd      = ":END:"
	TypeKill     = ":KILL:"
	TypeFork     = ":FORK:"
	TypeJoin     = ":JOIN:"
	TypeDecision = "switch"
	TypeShell    = "shell"
	TypeFs       = "fs"
	TypeFlink    = "flink"
)

// StartNode is the name of the start node, as Oozie names it.
const StartNode = ":start:"

// Workflow is a parsed and validated workflow definition: a graph of nodes.
type Workflow struct {
	Name     string
	Version  string // the workflow schema version, e.g. "0.5"
	Filename string
	// Nodes are in document order; the first is the start node.
	Nodes  []*Node
	byName map[string]*Node
	params []param
	global *confDef
	forkOf map[string]string // join name -> the fork it closes
}

// Node returns the node with the given name, or nil.
func (w *Workflow) Node(name string) *Node { return w.byName[name] }

// Node is one node of the workflow graph.
type Node struct {
	Name        string
	Type        string // one of the Type constants
	Range       hcl.Range
	Transitions []Transition

	cases   []*ir.Template // decision predicates, in the order of the "case" transitions
	message *ir.Template   // kill message
	action  *actionDef
}

// Transition is one outgoing edge of a node.
type Transition struct {
	// Kind is "to" (start, join), "ok", "error", "case", "default" or "path".
	Kind  string
	To    string
	Range hcl.Range
}

// next returns the target of the first transition of the kind.
func (n *Node) next(kind string) string {
	for _, t := range n.Transitions {
		if t.Kind == kind {
			return t.To
		}
	}
	return ""
}

// param is a formal parameter (<parameters>, 0.4+).
type param struct {
	name  string
	value *ir.Template // nil: required
	rng   hcl.Range
}

// prop is a configuration property.
type prop struct{ name, value *ir.Template }

// confDef is job-xml files and inline configuration.
type confDef struct {
	jobXML []*ir.Template
	props  []prop
}

// actionDef is an action node's definition.
type actionDef struct {
	retryMax      int
	retryInterval int // minutes
	conf          confDef
	shell         *shellDef
	fs            []fsOp
	flink         *flinkDef
}

// shellDef is a shell action.
type shellDef struct {
	exec    *ir.Template
	args    []*ir.Template
	env     []*ir.Template
	files   []*ir.Template
	capture bool
	prepare []fsOp
}

// fsOp is one file system operation (fs action or shell prepare).
type fsOp struct {
	op          string // delete, mkdir, move, chmod, touchz
	path        *ir.Template
	target      *ir.Template // move
	permissions *ir.Template // chmod
	dirFiles    *ir.Template // chmod; nil means true
	recursive   bool         // chmod
	rng         hcl.Range
}
