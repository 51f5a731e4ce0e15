package hclfront

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
)

var flinkSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "app_path", Required: true},
		{Name: "jar", Required: true},
		{Name: "entry_class"},
		{Name: "parallelism"},
		{Name: "args"},
		{Name: "savepoint_path"},
		{Name: "allow_non_restored_state"},
		{Name: "configuration"},
	},
}

// flinkAction decodes a flink block into an action whose workflow is the
// generated one-node app of ir.FlinkAction: EL values move into properties
// of the action's configuration (see passed).
func (p *parser) flinkAction(b *hcl.Block) *ir.Action {
	c := p.content(b, flinkSchema)
	act := &ir.Action{AppPath: p.attrText(c, "app_path"), DeclRange: b.DefRange, Range: blockRange(b)}
	f := &ir.FlinkAction{DeclRange: b.DefRange, Range: blockRange(b)}
	act.Flink = f
	value := func(name, prop string) *ir.Text {
		return p.passed(act, prop, p.attrText(c, name))
	}
	f.Jar = value("jar", "flink_jar")
	if t := f.Jar; t != nil && isLiteral(t) && !strings.HasSuffix(t.Raw, ".jar") {
		p.errorf(t.Range, "Invalid Flink jar %q", "Flink runs programs from files whose names end in .jar. Name the jar file accordingly.", t.Raw)
	}
	f.EntryClass = value("entry_class", "flink_entry_class")
	f.Parallelism = value("parallelism", "flink_parallelism")
	if t := f.Parallelism; t != nil && isLiteral(t) {
		if n, err := strconv.ParseInt(t.Raw, 10, 32); err != nil || n < 1 {
			p.errorf(t.Range, "Invalid Flink parallelism %q", "The parallelism is the number of parallel task instances, a whole number from 1. Correct it, or remove it for the cluster default.", t.Raw)
		}
	}
	if a := c.Attributes["args"]; a != nil {
		for i, t := range p.textList(a) {
			f.Args = append(f.Args, p.passed(act, "flink_arg_"+strconv.Itoa(i), t))
		}
	}
	f.SavepointPath = value("savepoint_path", "flink_savepoint_path")
	if a := c.Attributes["allow_non_restored_state"]; a != nil {
		v, diags := a.Expr.Value(nil)
		if diags.HasErrors() || !v.IsKnown() || v.IsNull() || v.Type() != cty.Bool {
			p.errorf(a.Expr.Range(), "Invalid allow_non_restored_state", "The flink action's allow-non-restored-state is a flag, so this argument is a literal true or false. Write one of them.")
		} else {
			f.AllowNonRestoredState = v.True()
		}
	}
	f.Configuration = p.flinkConfiguration(act, c.Attributes["configuration"])
	return act
}

// flinkConfiguration decodes configuration = { "key" = value, … }: literal
// keys, values passed as the other flink values are.
func (p *parser) flinkConfiguration(act *ir.Action, a *hcl.Attribute) []*ir.Property {
	if a == nil {
		return nil
	}
	return p.passedMap(act, a, "flink_conf_", passedMapTexts{
		invalid: "Invalid Flink configuration", invalidDetail: "The configuration is a map of Flink configuration keys to values, such as { \"taskmanager.numberOfTaskSlots\" = 2 }. Write it in braces.",
		key: "Invalid Flink configuration key", keyDetail: "Flink configuration keys are fixed names such as \"state.checkpoints.dir\", without references. Write the key literally."})
}

// passedMapTexts are the messages of a map attribute with literal keys.
type passedMapTexts struct{ invalid, invalidDetail, key, keyDetail string }

// passedMap decodes a map attribute { "key" = value, … } into properties:
// literal keys, values passed as properties <prefix><i> of act (see
// passed).
func (p *parser) passedMap(act *ir.Action, a *hcl.Attribute, prefix string, msg passedMapTexts) []*ir.Property {
	obj, ok := a.Expr.(*hclsyntax.ObjectConsExpr)
	if !ok {
		p.errorf(a.Expr.Range(), msg.invalid, msg.invalidDetail)
		return nil
	}
	var out []*ir.Property
	for i, item := range obj.Items {
		name := p.keyText(item.KeyExpr)
		if name == nil {
			continue
		}
		if !isLiteral(name) {
			p.errorf(name.Range, msg.key, msg.keyDetail)
			continue
		}
		out = append(out, &ir.Property{Name: name, Value: p.passed(act, prefix+strconv.Itoa(i), p.tr.text(item.ValueExpr)),
			Range: hcl.RangeBetween(item.KeyExpr.Range(), item.ValueExpr.Range())})
	}
	return out
}

// passed returns t for the generated workflow: t itself when it is literal
// text, else a reference ${prop} to a new property prop of act's
// configuration whose value is t (evaluated by the coordinator).
func (p *parser) passed(act *ir.Action, prop string, t *ir.Text) *ir.Text {
	if t == nil || t.Template == nil || isLiteral(t) {
		return t
	}
	act.Configuration = append(act.Configuration, &ir.Property{Name: literalText(prop, t.Range), Value: t, Range: t.Range})
	ref := &ir.Ident{Name: prop, Range: t.Range}
	tpl := &ir.Template{Parts: []ir.TemplatePart{{Expr: ref, Range: t.Range}}, Range: t.Range}
	raw, _ := el.Format(tpl)
	return &ir.Text{Raw: raw, Template: tpl, Range: t.Range}
}

// isLiteral reports whether t has no EL expressions.
func isLiteral(t *ir.Text) bool { return t.Template != nil && t.Template.IsLiteral() }

// errorf adds an error diagnostic; summary is formatted with args.
func (p *parser) errorf(rng hcl.Range, summary, detail string, args ...any) {
	p.diags = append(p.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: fmt.Sprintf(summary, args...), Detail: detail, Subject: rng.Ptr()})
}
