package rules

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lint"
	"github.com/hashicorp/hcl/v2"
)

// EL006 reports EL evaluation errors, above all coord:dataIn and
// coord:dataOut calls naming an event the coordinator does not declare
// (Oozie: "data_in_name X is not valid"). The compiler finds them; this
// rule re-reports the event-name errors with a did-you-mean fix, and the
// runner files the other EL006 diagnostics (division by zero, values of
// the wrong type) under it as they are.
var EL006 = &lint.Analyzer{
	ID:       "EL006",
	Name:     "unknown-event-name",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "EL names an input or output event that does not exist",
		Rationale: "`coord:dataIn(name)` and `coord:dataOut(name)` take the **name of a data-in or data-out** of the " +
			"coordinator (or, in schema 0.5, of a named `<input-logic>` node), not the name of a dataset. Oozie checks the " +
			"name when the job is submitted and rejects it with E1004 (`data_in_name X is not valid`).\n\n" +
			"The rule also carries the compiler's other EL evaluation errors, such as a division by zero or a value that " +
			"cannot be converted. When one declared event name is a likely typo of the name written, or the name belongs " +
			"to the other kind of event, the finding carries a fix.",
		Bad:     exampleCoordOpen + exampleEvents + "\n" + exampleActionOpen + "${coord:dataIn('logs')}" + exampleActionClose + exampleCoordClose,
		Good:    exampleCoordOpen + exampleEvents + "\n" + exampleActionOpen + "${coord:dataIn('input')}" + exampleActionClose + exampleCoordClose,
		Fixable: true,
	},
	Run: runEL006,
}

// exampleEvents declares a daily dataset "logs" and a data-in "input".
const exampleEvents = `  <datasets>
    <dataset name="logs" frequency="${coord:days(1)}" initial-instance="2024-01-01T00:00Z" timezone="UTC">
      <uri-template>hdfs://nn:8020/logs/${YEAR}/${MONTH}/${DAY}</uri-template>
    </dataset>
  </datasets>
  <input-events>
    <data-in name="input" dataset="logs">
      <instance>${coord:current(0)}</instance>
    </data-in>
  </input-events>`

func runEL006(p *lint.Pass) {
	for _, c := range p.Project.Coordinators {
		if c.Action == nil {
			continue
		}
		ins, outs := declaredEvents(c)
		byDataset := eventsByDataset(c)
		for _, prop := range c.Action.Configuration {
			if prop.Value == nil {
				continue
			}
			ir.WalkTemplate(prop.Value.Template, func(e ir.Expr) bool {
				call, ok := e.(*ir.Call)
				if !ok || len(call.Args) != 1 || (call.QualifiedName() != "coord:dataIn" && call.QualifiedName() != "coord:dataOut") {
					return true
				}
				for _, d := range p.Compile {
					if diag.CodeOf(d) == el.CodeEval && sameRange(d, call.Range) {
						reportEventName(p, d, call, ins, outs, byDataset)
					}
				}
				return true
			})
		}
	}
}

// reportEventName re-reports the compiler's error on a dataIn/dataOut call
// with a fix when the argument is a string literal and the meant name is
// clear.
func reportEventName(p *lint.Pass, d *hcl.Diagnostic, call *ir.Call, ins, outs []string, byDataset map[string][]string) {
	fn := call.QualifiedName()
	same, other, otherFn := ins, outs, "coord:dataOut"
	kind, otherKind, oozieArg := "data-in", "data-out", "data_in_name"
	if fn == "coord:dataOut" {
		same, other, otherFn = outs, ins, "coord:dataIn"
		kind, otherKind, oozieArg = "data-out", "data-in", "data_out_name"
	}
	lit, isLit := call.Args[0].(*ir.Literal)
	if !isLit || lit.Kind != ir.LitString {
		p.Reportf(*d.Subject, fmt.Sprintf("%s takes the name of a %s of this coordinator. Use one of the declared names.", fn, kind), "%s", d.Summary)
		return
	}
	name := lit.Str
	summary := fmt.Sprintf("%s names no %s %q", fn, kind, name)
	detail := fmt.Sprintf("The argument of %s is the name of a %s of this coordinator, not of a dataset; %s. Oozie rejects the job (E1004: %s %s is not valid). ",
		fn, kind, declaredList(kind, same), oozieArg, name)
	users := byDataset[kind+"\x00"+name]
	switch {
	case len(users) == 1:
		reportFix(p, *d.Subject, []diag.Edit{{Range: lit.Range, Text: requote(p.Sources, lit.Range, users[0])}},
			detail+fmt.Sprintf("%q is the dataset of %s %q: name the event instead.", name, kind, users[0]), "%s", summary)
	case slices.Contains(other, name):
		reportFix(p, *d.Subject, []diag.Edit{{Range: call.NameRange, Text: fnName(call.NameRange, otherFn)}},
			detail+fmt.Sprintf("%q is a %s: call %s instead.", name, otherKind, otherFn), "%s", summary)
	case didYouMean(name, same) != "":
		s := didYouMean(name, same)
		reportFix(p, *d.Subject, []diag.Edit{{Range: lit.Range, Text: requote(p.Sources, lit.Range, s)}},
			fmt.Sprintf("Did you mean %q? ", s)+detail+"Correct the name.", "%s", summary)
	default:
		p.Reportf(*d.Subject, detail+"Use the name of a declared "+kind+", or declare one.", "%s", summary)
	}
}

// eventsByDataset maps "data-in\x00<dataset>" and "data-out\x00<dataset>"
// to the names of the events that use the dataset.
func eventsByDataset(c *ir.Coordinator) map[string][]string {
	out := map[string][]string{}
	for _, in := range c.Inputs {
		k := "data-in\x00" + in.DatasetName
		out[k] = append(out[k], in.Name)
	}
	for _, o := range c.Outputs {
		k := "data-out\x00" + o.DatasetName
		out[k] = append(out[k], o.Name)
	}
	return out
}

// declaredEvents lists the names coord:dataIn accepts (data-ins and named
// input-logic nodes) and those coord:dataOut accepts.
func declaredEvents(c *ir.Coordinator) (ins, outs []string) {
	for _, in := range c.Inputs {
		ins = append(ins, in.Name)
	}
	var walk func(n *ir.LogicNode)
	walk = func(n *ir.LogicNode) {
		if n == nil {
			return
		}
		if n.Name != nil {
			ins = append(ins, strings.TrimSpace(n.Name.Raw))
		}
		for _, ch := range n.Children {
			walk(ch)
		}
	}
	walk(c.InputLogic)
	walk(c.InputEventsLogic)
	for _, out := range c.Outputs {
		outs = append(outs, out.Name)
	}
	return ins, outs
}

func declaredList(kind string, names []string) string {
	switch len(names) {
	case 0:
		return "it declares none"
	case 1:
		return fmt.Sprintf("the only %s is %q", kind, names[0])
	}
	return fmt.Sprintf("the %ss are %s", kind, quoteList(names))
}

func quoteList(names []string) string {
	s := ""
	for i, n := range names {
		switch {
		case i == 0:
		case i == len(names)-1:
			s += " and "
		default:
			s += ", "
		}
		s += strconv.Quote(n)
	}
	return s
}

// requote returns s as a string literal in the quotes of the literal
// written at rng (single quotes when unknown); in HCL, a quoted HCL string.
func requote(src diag.Sources, rng hcl.Range, s string) string {
	if inHCL(rng) {
		return hclQuote(s)
	}
	q := "'"
	if text, ok := sourceOf(src, rng); ok && strings.HasPrefix(text, `"`) {
		q = `"`
	}
	return q + s + q
}
