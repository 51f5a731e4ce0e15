package xmlfront

import (
	"fmt"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
)

// credentials reads <credentials> (workflow 0.2.5+) into the workflow and
// warns (WF002) at each credential: Oozie obtains these delegation tokens
// before an action runs, coordc does not.
func (b *wfBuilder) credentials(w *ir.Workflow, e *element) {
	for _, k := range e.kids {
		name, rng := b.attrName(k, "name")
		typ, _ := b.attrName(k, "type")
		c := &ir.Credential{Name: name, Type: typ, Range: b.declRange(k)}
		for _, p := range k.kids {
			c.Properties = append(c.Properties, &ir.WorkflowProperty{Name: b.template(p.kids[0], trim), Value: b.template(p.kids[1], asWritten)})
		}
		w.Credentials = append(w.Credentials, c)
		d := diag.Warningf(rng, "WF002", "Credential %q of type %q is not obtained by coordc", name, typ)
		d.Detail = "Oozie fetches this delegation token before the actions that name it run; coordc runs them with its own process's identity. Remove the credential, or make sure that identity is enough."
		b.diags = append(b.diags, d)
	}
}

// actionCred reads an action's cred attribute (comma-separated credential
// names) and warns (WF002) about names the workflow does not declare.
func (b *wfBuilder) actionCred(w *ir.Workflow, e *element, a *ir.WorkflowAction) {
	r := findAttr(e, "cred")
	if r == nil {
		return
	}
	for _, name := range splitComma(r.value) {
		a.Credentials = append(a.Credentials, name)
		if w.Credential(name) == nil {
			d := diag.Warningf(b.lx.rng(r.val.start, r.val.end), "WF002", "Action names the credential %q, which the workflow does not declare", name)
			d.Detail = fmt.Sprintf("Oozie fails such an action when it starts. Declare %q in <credentials> or remove it from cred; coordc obtains no credentials either way.", name)
			b.diags = append(b.diags, d)
		}
	}
}

// splitComma splits a comma-separated list, trimming the items and
// dropping empty ones.
func splitComma(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
