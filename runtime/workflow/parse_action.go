package workflow

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
)

// action builds an action node; its first child is the action type.
func (b *builder) action(e *elem) *Node {
	n := b.named(e, "")
	n.action = &actionDef{retryInterval: defaultRetryInterval}
	typ := e.kids[0]
	n.Transitions = []Transition{b.trans(e.kids[1], "to", "ok"), b.trans(e.kids[2], "to", "error")}
	switch {
	case typ.space == e.space && typ.local == "fs":
		n.Type = TypeFs
		n.action.conf = *b.conf(typ)
		n.action.fs = b.fsOps(typ.kids)
	case typ.local == "shell" && strings.HasPrefix(typ.space, shellNS):
		if _, ok := nsVersion(typ.space, shellNS, shellVersions); !ok {
			b.errorf(typ.start, "E0701", fmt.Sprintf("Shell actions use one of the namespaces %s0.1 to %s0.3. Correct the xmlns of <shell>.", shellNS, shellNS),
				"Unknown shell action namespace %q", typ.space)
			return n
		}
		n.Type = TypeShell
		n.action.conf = *b.conf(typ)
		n.action.shell = b.shell(typ)
	case typ.local == "flink" && typ.space == FlinkNS:
		n.Type = TypeFlink
		n.action.flink = b.flink(typ)
	default:
		ns := ""
		if typ.space != e.space {
			ns = fmt.Sprintf(" (namespace %q)", typ.space)
		}
		b.errorf(typ.start, "E0723", "coordc runs shell (uri:oozie:shell-action:0.1–0.3), fs and flink ("+FlinkNS+") actions only. Replace the action by a shell action that runs the tool, or run this workflow on Oozie.",
			"Unsupported action type, node [%s] type [%s]%s", n.Name, typ.local, ns)
	}
	b.retry(e, n.action)
	return n
}

// retry reads retry-max and retry-interval (0.3+; the schema checker
// rejects them before).
func (b *builder) retry(e *elem, a *actionDef) {
	if r := e.get("retry-max"); r != nil {
		n, err := strconv.Atoi(strings.TrimSpace(r.value.Text))
		if err != nil || n < 0 {
			b.errorf(r.rng, "E0701", "retry-max is the number of user retries, a whole number from 0. Correct the value.", "Invalid retry-max %q", r.value.Text)
		} else if n > MaxUserRetries {
			d := diag.Warningf(r.rng, "E0820", "Action user retry max [%d] is over the system maximum [%d]", n, MaxUserRetries)
			d.Detail = fmt.Sprintf("Oozie lowers retry-max to its system maximum, %d by default, and so does coordc. Use a value up to %d.", MaxUserRetries, MaxUserRetries)
			b.diags = append(b.diags, d)
			n = MaxUserRetries
		}
		a.retryMax = n
	}
	if r := e.get("retry-interval"); r != nil {
		n, err := strconv.Atoi(strings.TrimSpace(r.value.Text))
		if err != nil || n < 0 {
			b.errorf(r.rng, "E0701", "retry-interval is a number of minutes, a whole number from 0. Correct the value.", "Invalid retry-interval %q", r.value.Text)
		}
		a.retryInterval = n
	}
}

func (b *builder) shell(e *elem) *shellDef {
	s := &shellDef{}
	for _, k := range e.kids {
		switch k.local {
		case "prepare":
			s.prepare = b.fsOps(k.kids)
		case "exec":
			s.exec = b.text(k, true)
		case "argument":
			s.args = append(s.args, b.text(k, true))
		case "env-var":
			s.env = append(s.env, b.text(k, true))
		case "file":
			t := b.text(k, true)
			b.checkLiteralFile(t)
			s.files = append(s.files, t)
		case "archive":
			b.errorf(k.start, "E0723", "coordc runs shell actions locally and does not unpack archives. Unpack it in the script, or ship the files with <file>.",
				"<archive> is not supported in shell actions")
		case "capture-output":
			s.capture = true
		}
	}
	return s
}

// fsOps reads delete, mkdir, move, chmod and touchz elements; others
// (name-node, job-xml, configuration) are skipped.
func (b *builder) fsOps(kids []*elem) []fsOp {
	var ops []fsOp
	for _, k := range kids {
		op := fsOp{op: k.local, rng: k.start}
		attr := func(name string) *ir.Template { return b.template(k.get(name).value, true) }
		switch k.local {
		case "delete", "mkdir", "touchz":
			op.path = attr("path")
		case "move":
			op.path, op.target = attr("source"), attr("target")
		case "chmod":
			op.path, op.permissions = attr("path"), attr("permissions")
			if k.get("dir-files") != nil {
				op.dirFiles = attr("dir-files")
			}
			op.recursive = len(k.kids) > 0
		case "chgrp":
			b.errorf(k.start, "E0723", "Changing a file's group needs the privileges of a file system superuser, which coordc does not assume. Remove the operation or run it in a shell action.",
				"The fs operation chgrp is not supported")
			continue
		default:
			continue
		}
		ops = append(ops, op)
	}
	return ops
}
