package rules

import (
	"fmt"
	"strings"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lint"
)

// PIPE001 reports data-ins whose dataset no coordinator of the project
// writes. A dataset counts as written when some data-out uses a dataset
// with the same uri-template (compared without scheme and authority, after
// job properties are substituted), or with the same name when either
// template is not known. The rule only runs on projects of two or more
// coordinators with at least one data-out: a single coordinator, or a set
// that writes nothing, has all its inputs from outside by design.
var PIPE001 = &lint.Analyzer{
	ID:       "PIPE001",
	Name:     "unproduced-input",
	Severity: lint.Info,
	Doc: lint.Doc{
		Title: "Input dataset is not written by any coordinator of the project",
		Rationale: "In a pipeline of coordinators, one coordinator's `<data-out>` is another's `<data-in>`. When the " +
			"uri-template of an input matches no output in the project, either the data comes from outside Oozie, or a " +
			"producer writes it somewhere else (a changed path, a typo in the dataset, a template with other variables) " +
			"and the consumer waits until its actions time out.\n\n" +
			"The rule compares uri-templates after job properties are substituted, ignoring the scheme and authority " +
			"(`hdfs://nn:8020`), and falls back to dataset names when a template is not known. It runs only when the " +
			"project has at least two coordinators and at least one output; suppress it, with the source as the reason, " +
			"for inputs that are produced outside the project.",
		Bad: exampleCoord("", `  <datasets>
    <dataset name="clicks" frequency="${coord:days(1)}" initial-instance="2024-01-01T00:00Z" timezone="UTC">
      <uri-template>hdfs://nn:8020/data/click/${YEAR}/${MONTH}/${DAY}</uri-template>
    </dataset>
    <dataset name="report" frequency="${coord:days(1)}" initial-instance="2024-01-01T00:00Z" timezone="UTC">
      <uri-template>hdfs://nn:8020/data/report/${YEAR}/${MONTH}/${DAY}</uri-template>
    </dataset>
  </datasets>
  <input-events>
    <data-in name="input" dataset="clicks">
      <instance>${coord:current(0)}</instance>
    </data-in>
  </input-events>
  <output-events>
    <data-out name="output" dataset="report">
      <instance>${coord:current(0)}</instance>
    </data-out>
  </output-events>
`+exampleAction("${coord:dataIn('input')}")) + "\n" + strings.Repeat(" ", 0),
		Good: "",
	},
	Run: runPIPE001,
}
