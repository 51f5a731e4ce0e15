package workflow

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
)

// identifier is the IDENTIFIER type of the workflow XSDs (node names).
var identifier = regexp.MustCompile(`^[a-zA-Z_][\-_a-zA-Z0-9]*$`)

// MaxUserRetries is Oozie's default system maximum for retry-max
// (oozie.service.LiteWorkflowStoreService.user.retry.max); larger values
// are lowered to it with a warning (E0820).
const MaxUserRetries = 3

// defaultRetryInterval is the retry-interval when none is given (minutes).
const defaultRetryInterval = 10

// Parse reads a workflow.xml, checks it against the schema of its
// namespace and validates the graph. The Workflow is nil when there are
// errors; diagnostics are sorted.
func Parse(filename string, data []byte) (*Workflow, hcl.Diagnostics) {
	root, diags := readXML(filename, data)
	if root == nil {
		return nil, diags
	}
	cat, err := loadWFCatalog()
	if err != nil {
		return nil, append(diags, diag.Errorf(root.start, "E0700", "%s", err))
	}
	b := &builder{cat: cat}
	w := b.workflow(root)
	diags = append(diags, b.diags...)
	if !diags.HasErrors() {
		diags = append(diags, validateGraph(w)...)
	}
	diag.Sort(diags)
	if diags.HasErrors() {
		return nil, diags
	}
	return w, diags
}

type builder struct {
	cat   *wfCatalog
	diags hcl.Diagnostics
}

func (b *builder) errorf(rng hcl.Range, code, detail, format string, args ...any) {
	d := diag.Errorf(rng, diag.Code(code), format, args...)
	d.Detail = detail
	b.diags = append(b.diags, d)
}

func (b *builder) workflow(root *elem) *Workflow {
	version, ok := nsVersion(root.space, workflowNS, workflowVersions)
	if root.local != "workflow-app" || !ok {
		what := fmt.Sprintf("<%s> in namespace %q", root.local, root.space)
		b.errorf(root.start, "E0701", fmt.Sprintf("A workflow definition is a <workflow-app> in one of the namespaces %s0.1 to %s0.5. Correct the root element or its xmlns.", workflowNS, workflowNS),
			"The root element %s is not an Oozie workflow", what)
		return nil
	}
	sc := &schemaChecker{external: externalSchema}
	sc.check(root, workflowSchema(version), root.space)
	b.diags = append(b.diags, sc.diags...)
	if len(sc.diags) > 0 {
		return nil
	}
	w := &Workflow{Version: version, Filename: root.start.Filename, byName: map[string]*Node{}}
	w.Name = root.get("name").value.Text
	for _, k := range root.kids {
		if k.space != root.space {
			continue // an SLA block
		}
		switch k.local {
		case "parameters":
			w.params = b.params(k)
		case "global":
			w.global = b.conf(k)
		case "start":
			b.add(w, &Node{Name: StartNode, Type: TypeStart, Range: k.start, Transitions: []Transition{b.trans(k, "to", "to")}})
		case "end":
			b.add(w, b.named(k, TypeEnd))
		case "kill":
			n := b.named(k, TypeKill)
			n.message = b.text(k.kids[0], true)
			b.add(w, n)
		case "join":
			n := b.named(k, TypeJoin)
			n.Transitions = []Transition{b.trans(k, "to", "to")}
			b.add(w, n)
		case "fork":
			n := b.named(k, TypeFork)
			for _, p := range k.kids {
				n.Transitions = append(n.Transitions, b.trans(p, "start", "path"))
			}
			b.add(w, n)
		case "decision":
			b.add(w, b.decision(k))
		case "action":
			b.add(w, b.action(k))
		}
	}
	return w
}

// externalSchema returns the content model of an action type element in
// another namespace, when coordc knows it.
func externalSchema(e *elem) *ctype {
	if v, ok := nsVersion(e.space, shellNS, shellVersions); ok && e.local == "shell" {
		return shellSchema(v)
	}
	if e.space == FlinkNS && e.local == "flink" {
		return flinkSchema()
	}
	return nil
}

func (b *builder) add(w *Workflow, n *Node) {
	if n == nil {
		return
	}
	if prev := w.byName[n.Name]; prev != nil {
		b.errorf(n.Range, "E0705", fmt.Sprintf("Node names are unique in a workflow; %q is first defined at line %d. Rename one of them.", n.Name, prev.Range.Start.Line),
			"Node %q is already defined", n.Name)
		return
	}
	w.byName[n.Name] = n
	w.Nodes = append(w.Nodes, n)
}

// named makes a node from an element with a name attribute.
func (b *builder) named(e *elem, typ string) *Node {
	a := e.get("name")
	name := a.value.Text
	if !identifier.MatchString(name) {
		b.errorf(a.rng, "E0701", "Node names start with a letter or underscore and go on with letters, digits, '-' and '_'. Rename the node.",
			"Invalid node name %q", name)
	}
	return &Node{Name: name, Type: typ, Range: e.start}
}

func (b *builder) trans(e *elem, attrName, kind string) Transition {
	a := e.get(attrName)
	return Transition{Kind: kind, To: a.value.Text, Range: a.rng}
}

func (b *builder) decision(e *elem) *Node {
	n := b.named(e, TypeDecision)
	for _, k := range e.kids[0].kids {
		if k.local == "case" {
			n.Transitions = append(n.Transitions, b.trans(k, "to", "case"))
			n.cases = append(n.cases, b.text(k, true))
		} else {
			n.Transitions = append(n.Transitions, b.trans(k, "to", "default"))
		}
	}
	return n
}

// text parses an element's text as an EL template.
func (b *builder) text(e *elem, trim bool) *ir.Template {
	return b.template(e.text, trim)
}

func (b *builder) template(src *el.Source, trim bool) *ir.Template {
	if trim {
		src = trimSource(src)
	}
	t, diags := el.ParseTemplate(src)
	b.diags = append(b.diags, diags...)
	if diags.HasErrors() {
		return nil
	}
	t, diags = checkTemplate(t, b.cat)
	b.diags = append(b.diags, diags...)
	return t
}

func (b *builder) params(e *elem) []param {
	var out []param
	for _, p := range e.kids {
		pr := param{name: strings.TrimSpace(p.kids[0].text.Text), rng: p.kids[0].start}
		if len(p.kids) > 1 && p.kids[1].local == "value" {
			pr.value = b.text(p.kids[1], true)
		}
		out = append(out, pr)
	}
	return out
}

// conf reads job-xml and configuration children of e.
func (b *builder) conf(e *elem) *confDef {
	c := &confDef{}
	for _, k := range e.kids {
		switch k.local {
		case "job-xml":
			c.jobXML = append(c.jobXML, b.text(k, true))
		case "configuration":
			for _, p := range k.kids {
				c.props = append(c.props, prop{name: b.text(p.kids[0], true), value: b.text(p.kids[1], false)})
			}
		}
	}
	return c
}

// trimSource returns src without leading and trailing whitespace (Java
// String.trim: every character up to U+0020), positions kept.
func trimSource(src *el.Source) *el.Source {
	lo, hi := 0, len(src.Text)
	for lo < hi && src.Text[lo] <= ' ' {
		lo++
	}
	for hi > lo && src.Text[hi-1] <= ' ' {
		hi--
	}
	out := &el.Source{Filename: src.Filename, Text: src.Text[lo:hi]}
	for i, s := range src.Segments {
		end := len(src.Text)
		if i+1 < len(src.Segments) {
			end = src.Segments[i+1].Offset
		}
		if end <= lo || s.Offset >= hi {
			continue
		}
		if s.Offset < lo {
			s.Pos = src.Pos(lo)
			s.Offset = lo
		}
		s.Offset -= lo
		out.Segments = append(out.Segments, s)
	}
	if len(out.Segments) == 0 {
		out.Segments = []el.Segment{{Pos: src.Pos(lo), Verbatim: true}}
	}
	return out
}
