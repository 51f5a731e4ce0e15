package rules

import (
	"fmt"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lint"
)

// DS004 reports coord:latest and coord:future in the instance of a
// data-out: Oozie accepts the job but fails each action at its input
// check (E1006).
var DS004 = &lint.Analyzer{
	ID:       "DS004",
	Name:     "latest-future-in-output",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "Output event uses coord:latest or coord:future",
		Rationale: "`coord:latest` and `coord:future` pick an input instance that already exists on storage, which makes " +
			"no sense for data the action is about to write. Oozie accepts such a job, then fails every action when it " +
			"checks its inputs (E1006: coord:latest()/future() not permitted in output-event).\n\n" +
			"An output instance is named by the action's own time: use `coord:current(n)` (usually `coord:current(0)`).",
		Bad: exampleCoordOpen + `  <datasets>
    <dataset name="report" frequency="${coord:days(1)}" initial-instance="2024-01-01T00:00Z" timezone="UTC">
      <uri-template>hdfs://nn:8020/reports/${YEAR}/${MONTH}/${DAY}</uri-template>
    </dataset>
  </datasets>
  <output-events>
    <data-out name="output" dataset="report">
      <instance>${coord:latest(0)}</instance>
    </data-out>
  </output-events>
` + exampleActionOpen + "${coord:dataOut('output')}" + exampleActionClose + exampleCoordClose,
		Good: exampleCoordOpen + `  <datasets>
    <dataset name="report" frequency="${coord:days(1)}" initial-instance="2024-01-01T00:00Z" timezone="UTC">
      <uri-template>hdfs://nn:8020/reports/${YEAR}/${MONTH}/${DAY}</uri-template>
    </dataset>
  </datasets>
  <output-events>
    <data-out name="output" dataset="report">
      <instance>${coord:current(0)}</instance>
    </data-out>
  </output-events>
` + exampleActionOpen + "${coord:dataOut('output')}" + exampleActionClose + exampleCoordClose,
	},
	Run: runDS004,
}

func runDS004(p *lint.Pass) {
	for _, c := range p.Project.Coordinators {
		for _, out := range c.Outputs {
			if out.Instance == nil {
				continue
			}
			ir.WalkTemplate(out.Instance.Template, func(e ir.Expr) bool {
				call, ok := e.(*ir.Call)
				if !ok {
					return true
				}
				switch name := call.QualifiedName(); name {
				case "coord:latest", "coord:future", "coord:latestRange", "coord:futureRange":
					p.Reportf(call.NameRange,
						fmt.Sprintf("%s picks an input instance that already exists; an output is written by the action. Oozie accepts the job but fails every action at its input check (E1006: coord:latest()/future() not permitted in output-event). Name the output by the action's time with coord:current(n), usually coord:current(0).", name),
						"%s is not allowed in data-out %q", name, out.Name)
				}
				return true
			})
		}
	}
}
