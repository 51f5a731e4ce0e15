package ir

import "github.com/hashicorp/hcl/v2"

// Workflow is an Oozie workflow definition (workflow.xml): a graph of
// nodes, as written and checked, with the EL of every value parsed.
type Workflow struct {
	Name     string
	Version  Version // the workflow schema version, e.g. "0.5"
	Filename string
	// Nodes are in document order; the first is the start node.
	Nodes []*WorkflowNode
	// Parameters are the formal <parameters> (0.4+).
	Parameters []*WorkflowParameter
	// Global is the <global> job-xml and configuration (0.4+); nil when
	// absent.
	Global *ActionConf
	// JoinFork names the fork each join closes; the graph check fills it.
	JoinFork map[string]string
	// Credentials are the <credentials> (0.2.5+), which coordc parses but
	// does not obtain.
	Credentials []*Credential
	// SLA is the workflow job's <sla:info> (0.2+); nil when absent.
	SLA *SLA
}

// Credential is a workflow credential (a delegation token Oozie obtains
// before the actions naming it run).
type Credential struct {
	Name, Type string
	Properties []*WorkflowProperty
	Range      hcl.Range
}

// Credential returns the credential with the given name, or nil.
func (w *Workflow) Credential(name string) *Credential {
	for _, c := range w.Credentials {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Node returns the node with the given name, or nil.
func (w *Workflow) Node(name string) *WorkflowNode {
	for _, n := range w.Nodes {
		if n.Name == name {
			return n
		}
	}
	return nil
}

// Node types of a workflow, as Oozie stores them in WF_ACTIONS.type; an
// action node has the type of its action (ActionShell …).
const (
	NodeStart    = ":START:"
	NodeEnd      = ":END:"
	NodeKill     = ":KILL:"
	NodeFork     = ":FORK:"
	NodeJoin     = ":JOIN:"
	NodeDecision = "switch"
)

// StartNode is the name of the start node, as Oozie names it.
const StartNode = ":start:"

// WorkflowNode is one node of the workflow graph.
type WorkflowNode struct {
	Name        string
	Type        string // a Node constant, or the action type
	Range       hcl.Range
	Transitions []Transition
	// Cases are a decision's predicates, in the order of its "case"
	// transitions.
	Cases []*Template
	// Message is a kill node's message.
	Message *Template
	// Action is set on action nodes.
	Action *WorkflowAction
	// SLA is an action node's <sla:info>; nil when absent.
	SLA *SLA
}

// Next returns the target of the node's first transition of the kind.
func (n *WorkflowNode) Next(kind string) string {
	for _, t := range n.Transitions {
		if t.Kind == kind {
			return t.To
		}
	}
	return ""
}

// Transition is one outgoing edge of a node.
type Transition struct {
	// Kind is "to" (start, join), "ok", "error", "case", "default" or "path".
	Kind  string
	To    string
	Range hcl.Range
}

// WorkflowParameter is a formal parameter; Default is nil for a required
// one.
type WorkflowParameter struct {
	Name    string
	Default *Template
	Range   hcl.Range
}

// WorkflowAction is an action node's retry settings and its typed body.
type WorkflowAction struct {
	RetryMax      int
	RetryInterval int // minutes
	// RetryPolicy is RetryPeriodic (the default) or RetryExponential
	// (workflow 0.5+).
	RetryPolicy string
	// Credentials are the names of the action's cred attribute.
	Credentials []string
	Body        ActionBody
}

// User retry policies (retry-policy): every retry after retry-interval,
// or after retry-interval × 2^(n-1) for the n-th retry.
const (
	RetryPeriodic    = "periodic"
	RetryExponential = "exponential"
)

// ActionBody is the definition of one action type (ShellAction, FsAction,
// FlinkJob); the node's Type names the type.
type ActionBody interface {
	// Templates lists the body's EL templates, for checks over all of them.
	Templates() []*Template
}

// ActionConf is job-xml files and inline configuration (global, or an
// action's).
type ActionConf struct {
	JobXML     []*Template
	Properties []*WorkflowProperty
}

func (c *ActionConf) templates() []*Template {
	if c == nil {
		return nil
	}
	out := append([]*Template(nil), c.JobXML...)
	for _, p := range c.Properties {
		out = append(out, p.Name, p.Value)
	}
	return out
}

// Templates lists the job-xml paths, then property names and values.
func (c *ActionConf) Templates() []*Template { return c.templates() }

// WorkflowProperty is a configuration property of a workflow.
type WorkflowProperty struct{ Name, Value *Template }
