package rules

import (
	"fmt"
	"strings"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/lint"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// DS002 reports data-ins and data-outs whose dataset attribute names no
// dataset in effect for the coordinator (the compiler's E0803 "Undefined
// dataset"), with a fix when one defined name is clearly meant. Events
// are not judged when an <include> could not be read, nor when the
// attribute holds an EL expression (coordc does not evaluate it).
var DS002 = &lint.Analyzer{
	ID:       "DS002",
	Name:     "unknown-dataset",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "Input or output event names a dataset that is not defined",
		Rationale: "The `dataset` attribute of a `<data-in>` or `<data-out>` names a `<dataset>` of the coordinator's " +
			"`<datasets>`, or of a datasets file it includes. Oozie rejects a job whose event names an undefined dataset " +
			"(E0803 `undefined dataset`).\n\n" +
			"When exactly one defined dataset is a likely typo of the name, the finding carries a fix.",
		Bad: exampleCoordOpen + `  <datasets>
    <dataset name="logs" frequency="${coord:days(1)}" initial-instance="2024-01-01T00:00Z" timezone="UTC">
      <uri-template>hdfs://nn:8020/logs/${YEAR}/${MONTH}/${DAY}</uri-template>
    </dataset>
  </datasets>
  <input-events>
    <data-in name="input" dataset="log">
      <instance>${coord:current(0)}</instance>
    </data-in>
  </input-events>
` + exampleActionOpen + "${coord:dataIn('input')}" + exampleActionClose + exampleCoordClose,
		Good:    exampleCoordOpen + exampleEvents + "\n" + exampleActionOpen + "${coord:dataIn('input')}" + exampleActionClose + exampleCoordClose,
		Fixable: true,
	},
	Run: runDS002,
}

func runDS002(p *lint.Pass) {
	for _, c := range p.Project.Coordinators {
		var defined []string
		for _, ds := range c.Datasets {
			defined = append(defined, ds.Name)
		}
		for _, in := range c.Inputs {
			if in.Dataset == nil && !strings.Contains(in.DatasetName, "${") && compiledAt(p, diag.E0803, in.DatasetRange) {
				reportUnknownDataset(p, "data-in", in.Name, in.DatasetName, in.DatasetRange, defined)
			}
		}
		for _, out := range c.Outputs {
			if out.Dataset == nil && !strings.Contains(out.DatasetName, "${") && compiledAt(p, diag.E0803, out.DatasetRange) {
				reportUnknownDataset(p, "data-out", out.Name, out.DatasetName, out.DatasetRange, defined)
			}
		}
	}
}

// compiledAt reports whether loading produced a diagnostic with code at
// exactly rng.
func compiledAt(p *lint.Pass, code diag.Code, rng hcl.Range) bool {
	for _, d := range p.Compile {
		if diag.CodeOf(d) == code && sameRange(d, rng) {
			return true
		}
	}
	return false
}

func reportUnknownDataset(p *lint.Pass, kind, event, name string, rng hcl.Range, defined []string) {
	detail := fmt.Sprintf("The %s %q uses a dataset that neither <datasets> nor an included datasets file defines; %s. Oozie rejects the job (E0803: undefined dataset). ",
		kind, event, definedList(defined))
	if s := didYouMean(name, defined); s != "" {
		if fix, ok := renameFix(p.Sources, rng, name, s); ok {
			reportFix(p, rng, []diag.Edit{fix}, fmt.Sprintf("Did you mean %q? ", s)+detail+"Correct the name.",
				"Dataset %q is not defined", name)
			return
		}
	}
	p.Reportf(rng, detail+"Define the dataset, include the file that defines it, or correct the name.", "Dataset %q is not defined", name)
}

func definedList(names []string) string {
	switch len(names) {
	case 0:
		return "the coordinator defines no datasets"
	case 1:
		return fmt.Sprintf("the only dataset is %q", names[0])
	}
	return "the datasets are " + quoteList(names)
}

// renameFix is the edit that replaces the dataset name written at rng with
// s: the attribute's text in XML; in HCL the quoted string's text, or the
// name after "dataset." in a reference (whose range starts at the dot) when
// s is an HCL identifier too.
func renameFix(src diag.Sources, rng hcl.Range, name, s string) (diag.Edit, bool) {
	written, _ := sourceOf(src, rng)
	switch {
	case written == name && inHCL(rng):
		return diag.Edit{Range: rng, Text: hclEscaper.Replace(s)}, true
	case written == name:
		return diag.Edit{Range: rng, Text: s}, true
	case written == "."+name && inHCL(rng) && hclsyntax.ValidIdentifier(s):
		rng.Start.Byte++
		rng.Start.Column++
		return diag.Edit{Range: rng, Text: s}, true
	}
	return diag.Edit{}, false
}
