package wfapp

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

// ELGroup is the EL group of everything a workflow evaluates, named as in
// Oozie (ELService group "workflow"): action definitions, decision
// predicates and kill messages all see the same functions.
const ELGroup = "workflow"

// ActionDataKey is the internal function that wf:actionData(node)[key] and
// wf:actionData(node).key are rewritten to, because EL values here are
// scalars. The name cannot be written in a definition.
const ActionDataKey = "wf:actionData[]"

// Function is one entry of the workflow section of the EL catalog.
type Function struct {
	Name   string            `json:"name"`
	Params []el.Param        `json:"params"`
	Result string            `json:"result"`
	Doc    string            `json:"doc"`
	Groups map[string]string `json:"groups"`
}

// Catalog is the "workflow" section of schemas/el-functions.json, which
// package compiler/el (coordinator groups only) ignores.
type Catalog struct {
	// Funcs are the functions by qualified name.
	Funcs map[string]*Function
	names []string
	// Constants are the KB…PB constants.
	Constants map[string]int64
}

// LoadCatalog returns the catalog of schemas/el-functions.json.
var LoadCatalog = sync.OnceValues(func() (*Catalog, error) {
	return DecodeCatalog(schemas.ELFunctionsJSON())
})

// DecodeCatalog reads the workflow section of an EL catalog document.
func DecodeCatalog(data []byte) (*Catalog, error) {
	var doc struct {
		Workflow struct {
			Groups map[string]struct {
				Constants map[string]string `json:"constants"`
			} `json:"groups"`
			Functions []*Function `json:"functions"`
		} `json:"workflow"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("EL catalog: %w", err)
	}
	g, ok := doc.Workflow.Groups[ELGroup]
	if !ok {
		return nil, fmt.Errorf("EL catalog: no %q group in the workflow section", ELGroup)
	}
	c := &Catalog{Funcs: map[string]*Function{}, Constants: map[string]int64{}}
	for k, v := range g.Constants {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("EL catalog: constant %s is not an integer", k)
		}
		c.Constants[k] = n
	}
	for _, f := range doc.Workflow.Functions {
		if f.Groups[ELGroup] != el.ModeReal {
			return nil, fmt.Errorf("EL catalog: workflow function %s is not real in group %s", f.Name, ELGroup)
		}
		if _, dup := c.Funcs[f.Name]; dup {
			return nil, fmt.Errorf("EL catalog: function %s is listed twice", f.Name)
		}
		c.Funcs[f.Name] = f
		c.names = append(c.names, f.Name)
	}
	return c, nil
}

// CheckTemplate reports calls of functions a workflow does not have and
// calls with the wrong number of arguments, and rewrites wf:actionData
// lookups in place.
func CheckTemplate(t *ir.Template, cat *Catalog) hcl.Diagnostics {
	if t == nil {
		return nil
	}
	var diags hcl.Diagnostics
	for i, p := range t.Parts {
		if p.Expr != nil {
			ir.Walk(p.Expr, func(e ir.Expr) bool {
				if c, ok := e.(*ir.Call); ok {
					diags = append(diags, checkCall(c, cat)...)
				}
				return true
			})
			t.Parts[i].Expr = rewrite(p.Expr)
		}
	}
	return diags
}

func checkCall(c *ir.Call, cat *Catalog) hcl.Diagnostics {
	name := c.QualifiedName()
	f := cat.Funcs[name]
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
	var diags hcl.Diagnostics
	for i, p := range f.Params {
		if p.Type != "map" {
			continue
		}
		if t := staticType(c.Args[i], cat); t != "map" && t != "any" {
			d := diag.Errorf(c.Args[i].SrcRange(), el.CodeArgs, "Argument %s of %s must be a map, not %s", p.Name, name, t)
			d.Detail = fmt.Sprintf("%s turns a map into text; the workflow function that gives one is wf:actionData('node'). Pass %s(wf:actionData('node')).", name, name)
			diags = append(diags, d)
		}
	}
	return diags
}

// staticType names what an expression gives as far as it is known before
// it runs: "map" or "any" for functions so declared in the catalog, "a
// string", "a number", "a boolean" or "null" for other functions, literals
// and operators, and "any" for everything else.
func staticType(e ir.Expr, cat *Catalog) string {
	switch n := e.(type) {
	case *ir.Literal:
		return [...]string{ir.LitString: "a string", ir.LitInt: "a number", ir.LitFloat: "a number", ir.LitBool: "a boolean", ir.LitNull: "null"}[n.Kind]
	case *ir.Binary:
		switch n.Op {
		case "+", "-", "*", "/", "%":
			return "a number"
		}
		return "a boolean"
	case *ir.Unary:
		if n.Op == "-" {
			return "a number"
		}
		return "a boolean"
	case *ir.Call:
		if f := cat.Funcs[n.QualifiedName()]; f != nil {
			switch f.Result {
			case "map", "any":
				return f.Result
			case "int", "long", "float", "number":
				return "a number"
			case "bool", "boolean":
				return "a boolean"
			}
			return "a string"
		}
	}
	return "any"
}

// rewrite replaces wf:actionData(n)[k] and wf:actionData(n).k by the
// internal two-argument lookup.
func rewrite(e ir.Expr) ir.Expr {
	switch n := e.(type) {
	case *ir.Index:
		if c := actionDataCall(n.X); c != nil {
			return &ir.Call{Prefix: "wf", Name: ActionDataKey[len("wf:"):], NameRange: c.NameRange, Args: []ir.Expr{rewrite(c.Args[0]), rewrite(n.Index)}, Range: n.Range}
		}
		return &ir.Index{X: rewrite(n.X), Index: rewrite(n.Index), Range: n.Range}
	case *ir.Member:
		if c := actionDataCall(n.X); c != nil {
			key := &ir.Literal{Kind: ir.LitString, Str: n.Name, Range: n.Range}
			return &ir.Call{Prefix: "wf", Name: ActionDataKey[len("wf:"):], NameRange: c.NameRange, Args: []ir.Expr{rewrite(c.Args[0]), key}, Range: n.Range}
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
