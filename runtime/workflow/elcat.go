package workflow

import (
	"encoding/json"
	"fmt"
	"strconv"
	"sync"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/schemas"
)

// elGroup is the EL group of everything a workflow evaluates, named as in
// Oozie (ELService group "workflow"): action definitions, decision
// predicates and kill messages all see the same functions.
const elGroup = "workflow"

// actionDataKey is the internal function that wf:actionData(node)[key] and
// wf:actionData(node).key are rewritten to, because EL values here are
// scalars. The name cannot be written in a definition.
const actionDataKey = "wf:actionData[]"

// wfFunction is one entry of the workflow section of the EL catalog.
type wfFunction struct {
	Name   string            `json:"name"`
	Params []el.Param        `json:"params"`
	Result string            `json:"result"`
	Doc    string            `json:"doc"`
	Groups map[string]string `json:"groups"`
}

// wfCatalog is the "workflow" section of schemas/el-functions.json, which
// package compiler/el (coordinator groups only) ignores.
type wfCatalog struct {
	funcs     map[string]*wfFunction
	names     []string
	constants map[string]int64
}

var loadWFCatalog = sync.OnceValues(func() (*wfCatalog, error) {
	return decodeWFCatalog(schemas.ELFunctionsJSON())
})

func decodeWFCatalog(data []byte) (*wfCatalog, error) {
	var doc struct {
		Workflow struct {
			Groups map[string]struct {
				Constants map[string]string `json:"constants"`
			} `json:"groups"`
			Functions []*wfFunction `json:"functions"`
		} `json:"workflow"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("EL catalog: %w", err)
	}
	g, ok := doc.Workflow.Groups[elGroup]
	if !ok {
		return nil, fmt.Errorf("EL catalog: no %q group in the workflow section", elGroup)
	}
	c := &wfCatalog{funcs: map[string]*wfFunction{}, constants: map[string]int64{}}
	for k, v := range g.Constants {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("EL catalog: constant %s is not an integer", k)
		}
		c.constants[k] = n
	}
	for _, f := range doc.Workflow.Functions {
		if f.Groups[elGroup] != el.ModeReal {
			return nil, fmt.Errorf("EL catalog: workflow function %s is not real in group %s", f.Name, elGroup)
		}
		if _, dup := c.funcs[f.Name]; dup {
			return nil, fmt.Errorf("EL catalog: function %s is listed twice", f.Name)
		}
		c.funcs[f.Name] = f
		c.names = append(c.names, f.Name)
	}
	return c, nil
}

// checkTemplate reports calls of functions a workflow does not have and
// calls with the wrong number of arguments, and returns the template with
// wf:actionData lookups rewritten.
func checkTemplate(t *ir.Template, cat *wfCatalog) (*ir.Template, hcl.Diagnostics) {
	if t == nil {
		return nil, nil
	}
	var diags hcl.Diagnostics
	out := &ir.Template{Range: t.Range}
	for _, p := range t.Parts {
		if p.Expr != nil {
			ir.Walk(p.Expr, func(e ir.Expr) bool {
				if c, ok := e.(*ir.Call); ok {
					diags = append(diags, checkCall(c, cat)...)
				}
				return true
			})
			p.Expr = rewrite(p.Expr)
		}
		out.Parts = append(out.Parts, p)
	}
	return out, diags
}

func checkCall(c *ir.Call, cat *wfCatalog) hcl.Diagnostics {
	name := c.QualifiedName()
	f := cat.funcs[name]
	if f == nil {
		d := diag.Errorf(c.NameRange, el.CodeUnknownFunc, "Unknown EL function %s in a workflow", name)
		d.Detail = "Workflows have the wf: and fs: functions and a few basic string functions; coordinator functions are not available here. Correct the function name."
		if s := closest(name, cat.names); s != "" {
			d.Detail = fmt.Sprintf("Did you mean %s? Correct the function name.", s)
		}
		return hcl.Diagnostics{d}
	}
	if len(c.Args) != len(f.Params) {
		d := diag.Errorf(c.Range, el.CodeArgs, "Wrong number of arguments for %s", name)
		d.Detail = fmt.Sprintf("%s takes %d argument(s) but %d were given. Pass exactly the declared arguments.", name, len(f.Params), len(c.Args))
		return hcl.Diagnostics{d}
	}
	return nil
}

// rewrite replaces wf:actionData(n)[k] and wf:actionData(n).k by the
// internal two-argument lookup.
func rewrite(e ir.Expr) ir.Expr {
	switch n := e.(type) {
	case *ir.Index:
		if c := actionDataCall(n.X); c != nil {
			return &ir.Call{Prefix: "wf", Name: actionDataKey[len("wf:"):], NameRange: c.NameRange, Args: []ir.Expr{rewrite(c.Args[0]), rewrite(n.Index)}, Range: n.Range}
		}
		return &ir.Index{X: rewrite(n.X), Index: rewrite(n.Index), Range: n.Range}
	case *ir.Member:
		if c := actionDataCall(n.X); c != nil {
			key := &ir.Literal{Kind: ir.LitString, Str: n.Name, Range: n.Range}
			return &ir.Call{Prefix: "wf", Name: actionDataKey[len("wf:"):], NameRange: c.NameRange, Args: []ir.Expr{rewrite(c.Args[0]), key}, Range: n.Range}
		}
		return &ir.Member{X: rewrite(n.X), Name: n.Name, Range: n.Range}
	case *ir.Call:
		args := make([]ir.Expr, len(n.Args))
		for i, a := range n.Args {
			args[i] = rewrite(a)
		}
		return &ir.Call{Prefix: n.Prefix, Name: n.Name, NameRange: n.NameRange, Args: args, Range: n.Range}
	case *ir.Unary:
		return &ir.Unary{Op: n.Op, X: rewrite(n.X), Range: n.Range}
	case *ir.Binary:
		return &ir.Binary{Op: n.Op, X: rewrite(n.X), Y: rewrite(n.Y), Range: n.Range}
	case *ir.Conditional:
		return &ir.Conditional{Cond: rewrite(n.Cond), Then: rewrite(n.Then), Else: rewrite(n.Else), Range: n.Range}
	}
	return e
}

func actionDataCall(e ir.Expr) *ir.Call {
	if c, ok := e.(*ir.Call); ok && c.QualifiedName() == "wf:actionData" && len(c.Args) == 1 {
		return c
	}
	return nil
}
