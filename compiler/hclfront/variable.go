package hclfront

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
)

// Variable is a variable block: a formal parameter of every definition of
// the configuration (ir.Parameter), with an optional type and validations.
type Variable struct {
	Param *ir.Parameter
	// Type is "string" (the default), "number" or "bool": job properties
	// are text, so a type only constrains which text is accepted.
	Type        string
	TypeRange   hcl.Range
	Validations []*Validation
	DeclRange   hcl.Range
}

// Validation is a validation block of a variable.
type Validation struct {
	Condition    hcl.Expression
	ErrorMessage string
	DeclRange    hcl.Range
}

// variableTypes are the accepted type keywords.
var variableTypes = map[string]bool{"string": true, "number": true, "bool": true}

func decodeVariableBlock(block *hcl.Block) (*Variable, hcl.Diagnostics) {
	content, diags := block.Body.Content(variableSchema)
	name := block.Labels[0]
	v := &Variable{
		Type:      "string",
		DeclRange: block.DefRange,
		Param:     &ir.Parameter{Name: name, NameRange: block.LabelRanges[0], Range: blockRange(block)},
	}
	if a := content.Attributes["type"]; a != nil {
		kw := hcl.ExprAsKeyword(a.Expr)
		if !variableTypes[kw] {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid variable type",
				Detail: "Job properties are text; a variable's type is string, number or bool. Use one of these keywords.", Subject: a.Expr.Range().Ptr()})
		} else {
			v.Type, v.TypeRange = kw, a.Expr.Range()
		}
	}
	if a := content.Attributes["description"]; a != nil {
		s, d := constString(a.Expr)
		diags = append(diags, d...)
		v.Param.Description = s
	}
	if a := content.Attributes["default"]; a != nil {
		s, d := constString(a.Expr)
		diags = append(diags, d...)
		if !d.HasErrors() {
			v.Param.Default = defaultText(s, a.Expr.Range())
			diags = append(diags, checkType(v, s, a.Expr.Range())...)
		}
	}
	for _, b := range content.Blocks {
		vc, d := b.Body.Content(validationSchema)
		diags = append(diags, d...)
		val := &Validation{DeclRange: b.DefRange}
		if a := vc.Attributes["condition"]; a != nil {
			val.Condition = a.Expr
		}
		if a := vc.Attributes["error_message"]; a != nil {
			val.ErrorMessage, d = constString(a.Expr)
			diags = append(diags, d...)
		}
		if val.Condition != nil {
			v.Validations = append(v.Validations, val)
		}
	}
	return v, diags
}

// constString evaluates a constant string, number or boolean as text.
func constString(e hcl.Expression) (string, hcl.Diagnostics) {
	val, diags := e.Value(nil)
	if diags.HasErrors() {
		return "", diags
	}
	if val.IsNull() || !val.IsKnown() {
		return "", hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Invalid value",
			Detail: "This value must be a constant string, number or boolean, without references. Write the value literally.", Subject: e.Range().Ptr()}}
	}
	switch val.Type() {
	case cty.String:
		return val.AsString(), nil
	case cty.Number:
		return val.AsBigFloat().Text('f', -1), nil
	case cty.Bool:
		return strconv.FormatBool(val.True()), nil
	}
	return "", hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Invalid value",
		Detail: "Job properties are text: use a string, a number or a boolean.", Subject: e.Range().Ptr()}}
}

// literalText is a Text holding plain text (no EL).
func literalText(s string, rng hcl.Range) *ir.Text {
	tpl := &ir.Template{Range: rng}
	if s != "" {
		tpl.Parts = []ir.TemplatePart{{Literal: s, Range: rng}}
	}
	raw, _ := el.Format(tpl)
	return &ir.Text{Raw: raw, Template: tpl, Range: rng}
}

// defaultText is a default value: Oozie uses it as written, so Raw is the
// text itself and Template its EL reading, as xmlfront has it.
func defaultText(s string, rng hcl.Range) *ir.Text {
	t := &ir.Text{Raw: s, Range: rng}
	if tpl, d := el.ParseTemplate(el.Plain(rng.Filename, s, rng.Start)); !d.HasErrors() {
		t.Template = tpl
	}
	return t
}

// checkType reports a value that does not fit the variable's type.
func checkType(v *Variable, value string, rng hcl.Range) hcl.Diagnostics {
	s := strings.TrimSpace(value)
	ok := true
	switch v.Type {
	case "number":
		_, err := strconv.ParseFloat(s, 64)
		ok = err == nil
	case "bool":
		ok = s == "true" || s == "false"
	}
	if ok {
		return nil
	}
	return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: fmt.Sprintf("Invalid value for variable %q", v.Param.Name),
		Detail:  fmt.Sprintf("The variable is of type %s, and %q is not a %s. Give a %s value.", v.Type, value, v.Type, v.Type),
		Subject: rng.Ptr()}}
}

// check applies the type and validations to the value in effect for v:
// values[name] when given, else its default. A variable without either is
// left to the submit phase (E0738).
func (v *Variable) check(values map[string]string) hcl.Diagnostics {
	value, given := values[v.Param.Name]
	rng := v.DeclRange
	if !given {
		if v.Param.Default == nil {
			return nil
		}
		value, rng = v.Param.Default.Raw, v.Param.Default.Range
	} else if d := checkType(v, value, v.DeclRange); d != nil {
		return d
	}
	var diags hcl.Diagnostics
	typed := cty.StringVal(value)
	switch v.Type {
	case "number":
		if n, err := cty.ParseNumberVal(strings.TrimSpace(value)); err == nil {
			typed = n
		}
	case "bool":
		typed = cty.BoolVal(strings.TrimSpace(value) == "true")
	}
	ctx := &hcl.EvalContext{
		Variables: map[string]cty.Value{rootVar: cty.ObjectVal(map[string]cty.Value{v.Param.Name: typed})},
		Functions: validationFuncs,
	}
	for _, val := range v.Validations {
		res, d := val.Condition.Value(ctx)
		diags = append(diags, d...)
		if d.HasErrors() {
			continue
		}
		if res.IsNull() || !res.IsKnown() || res.Type() != cty.Bool {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid validation condition",
				Detail: "A validation condition must be true or false. Rewrite it as a comparison or a function that returns a boolean.", Subject: val.Condition.Range().Ptr()})
			continue
		}
		if res.False() {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid value for variable",
				Detail:  fmt.Sprintf("%s This was checked by the validation rule at %s:%d,%d. Give var.%s a value that passes it.", strings.TrimSpace(val.ErrorMessage), val.DeclRange.Filename, val.DeclRange.Start.Line, val.DeclRange.Start.Column, v.Param.Name),
				Subject: rng.Ptr(), Expression: val.Condition, EvalContext: ctx})
		}
	}
	return diags
}
