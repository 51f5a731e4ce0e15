package hclfront

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/coordc/coordc/compiler/ir"
)

var flinkSQLSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "app_path", Required: true},
		{Name: "statements", Required: true},
		{Name: "session_configuration"},
		{Name: "capture_output"},
	},
}

// flinkSQLAction decodes a flink_sql block into an action whose workflow
// is the generated one-node app of ir.FlinkSQLAction: EL values move into
// properties of the action's configuration (see passed).
func (p *parser) flinkSQLAction(b *hcl.Block) *ir.Action {
	c := p.content(b, flinkSQLSchema)
	act := &ir.Action{AppPath: p.attrText(c, "app_path"), DeclRange: b.DefRange, Range: blockRange(b)}
	f := &ir.FlinkSQLAction{DeclRange: b.DefRange, Range: blockRange(b)}
	act.FlinkSQL = f
	if a := c.Attributes["statements"]; a != nil {
		for i, t := range p.textList(a) {
			if isLiteral(t) && strings.Trim(t.Raw, "; \t\r\n") == "" {
				p.errorf(t.Range, "Empty Flink SQL statement", "Each element of statements is one SQL statement for the Flink SQL Gateway. Remove the empty one.")
			}
			f.Statements = append(f.Statements, p.passed(act, "flink_sql_statement_"+strconv.Itoa(i), t))
		}
		if len(f.Statements) == 0 && !p.diags.HasErrors() {
			p.errorf(a.Expr.Range(), "No Flink SQL statements", "statements lists the SQL statements to run, such as [\"INSERT INTO t SELECT …\"]. Give at least one.")
		}
	}
	if a := c.Attributes["session_configuration"]; a != nil {
		f.SessionConfiguration = p.sqlSessionConfiguration(act, a)
	}
	if a := c.Attributes["capture_output"]; a != nil {
		v, diags := a.Expr.Value(nil)
		if diags.HasErrors() || !v.IsKnown() || v.IsNull() || v.Type() != cty.Bool {
			p.errorf(a.Expr.Range(), "Invalid capture_output", "The flink-sql action's capture-output is a flag, so this argument is a literal true or false. Write one of them.")
		} else {
			f.CaptureOutput = v.True()
		}
	}
	return act
}

// sqlSessionConfiguration decodes session_configuration = { "key" = value,
// … }: literal keys, values passed as the statements are.
func (p *parser) sqlSessionConfiguration(act *ir.Action, a *hcl.Attribute) []*ir.Property {
	return p.passedMap(act, a, "flink_sql_conf_", passedMapTexts{
		invalid: "Invalid session configuration", invalidDetail: "The session configuration is a map of Flink configuration keys to values, such as { \"execution.runtime-mode\" = \"batch\" }. Write it in braces.",
		key: "Invalid session configuration key", keyDetail: "Session configuration keys are fixed names such as \"execution.runtime-mode\", without references. Write the key literally."})
}

// oneFlinkSQLAction reports a flink_sql block next to a workflow or flink
// block: the coordinator has one action.
func (p *parser) oneFlinkSQLAction(c *hcl.BodyContent) {
	s := c.Blocks.OfType("flink_sql")
	if len(s) == 0 {
		return
	}
	for _, other := range []string{"workflow", "flink"} {
		if o := c.Blocks.OfType(other); len(o) > 0 {
			p.errorf(s[0].DefRange, "Coordinator action given twice", fmt.Sprintf("The coordinator action is either a %s block (at %s) or Flink SQL statements (a flink_sql block), not both. Remove one of them.", other, o[0].DefRange))
			return
		}
	}
}
