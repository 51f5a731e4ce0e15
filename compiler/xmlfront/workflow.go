package xmlfront

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
)

// MaxWorkflowLength is the largest workflow.xml accepted, Oozie's default
// oozie.service.WorkflowAppService.WorkflowDefinitionMaxLength (E0736).
const MaxWorkflowLength = 100000

// MaxUserRetries is Oozie's default system maximum for retry-max
// (oozie.service.LiteWorkflowStoreService.user.retry.max); larger values
// are lowered to it with a warning (E0820).
const MaxUserRetries = 3

// defaultRetryInterval is the retry-interval when none is given (minutes).
const defaultRetryInterval = 10

// nodeName is the IDENTIFIER type of the workflow XSDs (node names).
var nodeName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-zA-Z_][\-_a-zA-Z0-9]*$`) })

// ParseWorkflow reads a workflow.xml, checks it against the workflow
// schema of its namespace (and each action against its type's schema), and
// builds the IR as written, every value an EL template with its range. The
// Workflow is nil when there are errors; diagnostics are sorted. Graph
// rules (transitions, loops, fork/join) and EL functions are checked by
// package compiler/wfapp.
func ParseWorkflow(filename string, data []byte) (*ir.Workflow, hcl.Diagnostics) {
	return parseWorkflow(filename, data, false)
}

// ParseWorkflowUnsupported is ParseWorkflow for a workflow coordc only
// checks, never runs (coordc lint): actions and operations coordc cannot
// run (E0723: hive, pig, spark, chgrp …) are valid Oozie, so they do not
// stop it. Their E0723 diagnostics are still returned, and the Workflow is
// nil only when there are other errors; an unsupported action's node has
// the type's element name as Type and no Body.
func ParseWorkflowUnsupported(filename string, data []byte) (*ir.Workflow, hcl.Diagnostics) {
	return parseWorkflow(filename, data, true)
}

func parseWorkflow(filename string, data []byte, unsupported bool) (*ir.Workflow, hcl.Diagnostics) {
	if len(data) > MaxWorkflowLength {
		d := diag.Errorf(hcl.Range{Filename: filename, Start: hcl.InitialPos, End: hcl.InitialPos}, "E0736",
			"Workflow definition length [%d] exceeds the maximum allowed length [%d]", len(data), MaxWorkflowLength)
		d.Detail = "Oozie refuses workflow definitions longer than its oozie.service.WorkflowAppService.WorkflowDefinitionMaxLength. Split the workflow into smaller ones."
		return nil, hcl.Diagnostics{d}
	}
	doc, diags := decode(filename, data)
	if doc == nil {
		return nil, finish(diags)
	}
	v := &validator{lx: doc.lx}
	for _, a := range doc.nsDecls {
		if strings.TrimSpace(a.value) != a.value {
			v.errorf(v.lx.rng(a.val.start, a.val.end), "XML namespace names are compared exactly, so Oozie does not recognize this namespace (the coordinator reader only warns, XML002; the workflow engine refuses it). Remove the whitespace.",
				"Namespace %q has leading or trailing whitespace", a.value)
		}
	}
	if len(v.diags) > 0 {
		return nil, finish(append(diags, v.diags...))
	}
	root := doc.root
	sc, ok := workflowSchemas(root.space)
	if root.local != "workflow-app" || !ok {
		v.errorf(v.startTag(root), fmt.Sprintf("A workflow definition is a <workflow-app> in one of the namespaces %s0.1 to %s1.0. Correct the root element or its xmlns.", workflowNSPrefix, workflowNSPrefix),
			"The root element <%s> in namespace %q is not an Oozie workflow", root.local, root.space)
		return nil, finish(append(diags, v.diags...))
	}
	v.element(root, sc.roots[root.local], sc)
	diags = append(diags, v.diags...)
	if diags.HasErrors() {
		return nil, finish(diags)
	}
	b := &wfBuilder{builder: builder{lx: doc.lx}}
	w := b.workflow(root, sc.version)
	diags = finish(append(diags, b.diags...))
	for _, d := range diags {
		if d.Severity == hcl.DiagError && !(unsupported && diag.CodeOf(d) == diag.E0723) {
			return nil, diags
		}
	}
	return w, diags
}

// wfBuilder builds the IR of a workflow that passed the schema check.
type wfBuilder struct {
	builder
}

func (b *wfBuilder) errorf(rng hcl.Range, code diag.Code, detail, format string, args ...any) {
	d := diag.Errorf(rng, code, format, args...)
	d.Detail = detail
	b.diags = append(b.diags, d)
}

func (b *wfBuilder) workflow(root *element, version ir.Version) *ir.Workflow {
	w := &ir.Workflow{Version: version, Filename: b.lx.filename}
	w.Name, _ = b.attrName(root, "name")
	seen := map[string]*ir.WorkflowNode{}
	add := func(n *ir.WorkflowNode) {
		if prev := seen[n.Name]; prev != nil {
			b.errorf(n.Range, "E0705", fmt.Sprintf("Node names are unique in a workflow; %q is first defined at line %d. Rename one of them.", n.Name, prev.Range.Start.Line),
				"Node %q is already defined", n.Name)
			return
		}
		seen[n.Name] = n
		w.Nodes = append(w.Nodes, n)
	}
	w.SLA = b.sla(root)
	for _, k := range root.kids {
		if k.space != root.space {
			continue // the SLA block
		}
		switch k.local {
		case "parameters":
			w.Parameters = b.params(k)
		case "global":
			w.Global = b.conf(k)
		case "start":
			add(&ir.WorkflowNode{Name: ir.StartNode, Type: ir.NodeStart, Range: b.declRange(k),
				Transitions: []ir.Transition{b.trans(k, "to", "to")}})
		case "end":
			add(b.named(k, ir.NodeEnd))
		case "kill":
			n := b.named(k, ir.NodeKill)
			n.Message = b.template(k.kids[0], trim)
			add(n)
		case "join":
			n := b.named(k, ir.NodeJoin)
			n.Transitions = []ir.Transition{b.trans(k, "to", "to")}
			add(n)
		case "fork":
			n := b.named(k, ir.NodeFork)
			for _, p := range k.kids {
				n.Transitions = append(n.Transitions, b.trans(p, "start", "path"))
			}
			add(n)
		case "decision":
			add(b.decision(k))
		case "credentials":
			b.credentials(w, k)
		case "action":
			n := b.action(k)
			n.SLA = b.sla(k)
			b.actionCred(w, k, n.Action)
			add(n)
		}
	}
	return w
}

// named makes a node from an element with a name attribute.
func (b *wfBuilder) named(e *element, typ string) *ir.WorkflowNode {
	name, rng := b.attrName(e, "name")
	if !nodeName().MatchString(name) {
		b.errorf(rng, "E0701", "Node names start with a letter or underscore and go on with letters, digits, '-' and '_'. Rename the node.",
			"Invalid node name %q", name)
	}
	return &ir.WorkflowNode{Name: name, Type: typ, Range: b.declRange(e)}
}

func (b *wfBuilder) trans(e *element, attr, kind string) ir.Transition {
	to, rng := b.attrName(e, attr)
	return ir.Transition{Kind: kind, To: to, Range: rng}
}

func (b *wfBuilder) decision(e *element) *ir.WorkflowNode {
	n := b.named(e, ir.NodeDecision)
	for _, k := range e.kids[0].kids {
		if k.local == "case" {
			n.Transitions = append(n.Transitions, b.trans(k, "to", "case"))
			n.Cases = append(n.Cases, b.template(k, trim))
		} else {
			n.Transitions = append(n.Transitions, b.trans(k, "to", "default"))
		}
	}
	return n
}

// template parses the content of e as an EL template; nil after a syntax
// error (reported).
func (b *wfBuilder) template(e *element, trimmed bool) *ir.Template {
	src := b.contentSource(e)
	if trimmed {
		src = trimSource(src)
	}
	return b.parse(src)
}

// attrTemplate parses the trimmed value of attribute name of e.
func (b *wfBuilder) attrTemplate(e *element, name string) *ir.Template {
	return b.parse(trimSource(findAttr(e, name).src))
}

func (b *wfBuilder) parse(src *el.Source) *ir.Template {
	t, diags := el.ParseTemplate(src)
	b.diags = append(b.diags, diags...)
	if diags.HasErrors() {
		return nil
	}
	return t
}

func (b *wfBuilder) params(e *element) []*ir.WorkflowParameter {
	var out []*ir.WorkflowParameter
	for _, p := range e.kids {
		name := p.kids[0]
		prm := &ir.WorkflowParameter{Name: strings.TrimSpace(b.contentSource(name).Text), Range: b.declRange(name)}
		if len(p.kids) > 1 && p.kids[1].local == "value" {
			prm.Default = b.template(p.kids[1], trim)
		}
		out = append(out, prm)
	}
	return out
}

// conf reads the job-xml and configuration children of e.
func (b *wfBuilder) conf(e *element) *ir.ActionConf {
	c := &ir.ActionConf{}
	for _, k := range e.kids {
		switch k.local {
		case "job-xml":
			c.JobXML = append(c.JobXML, b.template(k, trim))
		case "configuration":
			c.Properties = b.properties(k)
		}
	}
	return c
}

// properties reads <property> name (trimmed) and value (as written).
func (b *wfBuilder) properties(e *element) []*ir.WorkflowProperty {
	var out []*ir.WorkflowProperty
	for _, p := range e.kids {
		out = append(out, &ir.WorkflowProperty{Name: b.template(p.kids[0], trim), Value: b.template(p.kids[1], asWritten)})
	}
	return out
}

// action builds an action node; its first child is the action type, which
// the type table decodes. A type coordc does not run is E0723.
func (b *wfBuilder) action(e *element) *ir.WorkflowNode {
	n := b.named(e, "")
	n.Action = &ir.WorkflowAction{RetryInterval: defaultRetryInterval, RetryPolicy: ir.RetryPeriodic}
	typ := e.kids[0]
	n.Transitions = []ir.Transition{b.trans(e.kids[1], "to", "ok"), b.trans(e.kids[2], "to", "error")}
	if t := actionTypeOf(e.space, typ); t != nil {
		n.Type, n.Action.Body = t.name(), t.build(b, typ)
	} else {
		ns := ""
		if typ.space != e.space {
			ns = fmt.Sprintf(" (namespace %q)", typ.space)
		}
		n.Type = typ.local
		b.errorf(b.declRange(typ), "E0723", "coordc runs "+describeActionTypes()+" actions only. Replace the action by a shell action that runs the tool, or run this workflow on Oozie.",
			"Unsupported action type, node [%s] type [%s]%s", n.Name, typ.local, ns)
	}
	b.retry(e, n.Action)
	return n
}

// retry reads retry-max and retry-interval (0.3+; the schema check
// rejects them before).
func (b *wfBuilder) retry(e *element, a *ir.WorkflowAction) {
	if r := findAttr(e, "retry-max"); r != nil {
		rng := b.lx.rng(r.val.start, r.val.end)
		n, err := strconv.Atoi(strings.TrimSpace(r.value))
		if err != nil || n < 0 {
			b.errorf(rng, "E0701", "retry-max is the number of user retries, a whole number from 0. Correct the value.", "Invalid retry-max %q", r.value)
		} else if n > MaxUserRetries {
			d := diag.Warningf(rng, "E0820", "Action user retry max [%d] is over the system maximum [%d]", n, MaxUserRetries)
			d.Detail = fmt.Sprintf("Oozie lowers retry-max to its system maximum, %d by default, and so does coordc. Use a value up to %d.", MaxUserRetries, MaxUserRetries)
			b.diags = append(b.diags, d)
			n = MaxUserRetries
		}
		a.RetryMax = n
	}
	if r := findAttr(e, "retry-interval"); r != nil {
		n, err := strconv.Atoi(strings.TrimSpace(r.value))
		if err != nil || n < 0 {
			b.errorf(b.lx.rng(r.val.start, r.val.end), "E0701", "retry-interval is a number of minutes, a whole number from 0. Correct the value.", "Invalid retry-interval %q", r.value)
		}
		a.RetryInterval = n
	}
	if r := findAttr(e, "retry-policy"); r != nil {
		switch p := strings.ToLower(strings.TrimSpace(r.value)); p {
		case ir.RetryPeriodic, ir.RetryExponential:
			a.RetryPolicy = p
		default:
			b.errorf(b.lx.rng(r.val.start, r.val.end), "E0701", "retry-policy is periodic (every retry after retry-interval) or exponential (the n-th retry after retry-interval × 2^(n-1)). Correct the value.",
				"Invalid retry-policy %q", r.value)
		}
	}
}

// fsOps reads delete, mkdir, move, chmod and touchz elements (of an fs
// action or a prepare block); others (name-node, job-xml, configuration)
// are skipped, and chgrp is refused (E0723).
func (b *wfBuilder) fsOps(kids []*element) []*ir.FsOp {
	var ops []*ir.FsOp
	for _, k := range kids {
		op := &ir.FsOp{Op: k.local, Range: b.declRange(k)}
		switch k.local {
		case "delete", "mkdir", "touchz":
			op.Path = b.attrTemplate(k, "path")
		case "move":
			op.Path, op.Target = b.attrTemplate(k, "source"), b.attrTemplate(k, "target")
		case "chmod":
			op.Path, op.Permissions = b.attrTemplate(k, "path"), b.attrTemplate(k, "permissions")
			if findAttr(k, "dir-files") != nil {
				op.DirFiles = b.attrTemplate(k, "dir-files")
			}
			op.Recursive = len(k.kids) > 0
		case "chgrp":
			b.errorf(b.declRange(k), "E0723", "Changing a file's group needs the privileges of a file system superuser, which coordc does not assume. Remove the operation or run it in a shell action.",
				"The fs operation chgrp is not supported")
			continue
		default:
			continue
		}
		ops = append(ops, op)
	}
	return ops
}
