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
// template is not known. The rule runs only when the project has at least
// one data-out: without any output every input comes from outside by
// design, and reporting all of them would be noise. It is informational:
// inputs produced outside Oozie are normal, and a project linted in parts
// (pre-commit batches) may not hold the producer.
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
			"project writes at least one output. Suppress it, naming the producer as the reason, for inputs that come " +
			"from outside the project.",
		Bad: exampleCoordOpen + pipeDatasets + `
  <input-events>
    <data-in name="input" dataset="clicks">
      <instance>${coord:current(0)}</instance>
    </data-in>
  </input-events>
  <output-events>
    <data-out name="output" dataset="totals">
      <instance>${coord:current(0)}</instance>
    </data-out>
  </output-events>
` + exampleActionOpen + "${coord:dataIn('input')}" + exampleActionClose + exampleCoordClose,
		Good: exampleCoordOpen + pipeDatasets + `
  <input-events>
    <data-in name="input" dataset="totals">
      <instance>${coord:current(-1)}</instance>
    </data-in>
  </input-events>
  <output-events>
    <data-out name="output" dataset="totals">
      <instance>${coord:current(0)}</instance>
    </data-out>
  </output-events>
` + exampleActionOpen + "${coord:dataIn('input')}" + exampleActionClose + exampleCoordClose,
	},
	Run: runPIPE001,
}

// pipeDatasets declares the daily datasets "clicks" and "totals".
const pipeDatasets = `  <datasets>
    <dataset name="clicks" frequency="${coord:days(1)}" initial-instance="2024-01-01T00:00Z" timezone="UTC">
      <uri-template>hdfs://nn:8020/data/clicks/${YEAR}/${MONTH}/${DAY}</uri-template>
    </dataset>
    <dataset name="totals" frequency="${coord:days(1)}" initial-instance="2024-01-01T00:00Z" timezone="UTC">
      <uri-template>hdfs://nn:8020/data/totals/${YEAR}/${MONTH}/${DAY}</uri-template>
    </dataset>
  </datasets>`

// produced is what the project's data-outs write.
type produced struct {
	uris  map[string]bool // normalized uri-templates
	names map[string]bool // dataset names of outputs whose template is unknown
	all   map[string]bool // every output's dataset name
}

func runPIPE001(p *lint.Pass) {
	out := produced{uris: map[string]bool{}, names: map[string]bool{}, all: map[string]bool{}}
	n := 0
	for _, c := range p.Project.Coordinators {
		for _, o := range c.Outputs {
			n++
			if o.Dataset == nil {
				out.names[o.DatasetName] = true
				continue
			}
			out.all[o.Dataset.Name] = true
			if u, ok := uriKey(o.Dataset); ok {
				out.uris[u] = true
			} else {
				out.names[o.Dataset.Name] = true
			}
		}
	}
	if n == 0 {
		return
	}
	for _, c := range p.Project.Coordinators {
		for _, in := range c.Inputs {
			ds := in.Dataset
			if ds == nil || out.names[ds.Name] {
				continue
			}
			u, known := uriKey(ds)
			if (known && out.uris[u]) || (!known && out.all[ds.Name]) {
				continue
			}
			what := fmt.Sprintf("dataset %q", ds.Name)
			if known {
				what = fmt.Sprintf("dataset %q (%s)", ds.Name, strings.TrimSpace(ds.URITemplate.Value))
			}
			p.Reportf(in.DatasetRange,
				fmt.Sprintf("No data-out of the %d coordinators linted together writes %s, so data-in %q waits for data from outside the project. If another coordinator should produce it, make its data-out use the same uri-template; if it comes from outside Oozie, suppress this finding and name the source.", len(p.Project.Coordinators), what, in.Name),
				"No coordinator in the project writes dataset %q", ds.Name)
		}
	}
}

// uriKey is a dataset's uri-template after the submit phase without
// scheme, authority and trailing slashes, or false when it is not known.
func uriKey(ds *ir.Dataset) (string, bool) {
	t := ds.URITemplate
	if t == nil || !t.Known {
		return "", false
	}
	v := strings.TrimSpace(t.Value)
	if i := strings.Index(v, "://"); i >= 0 {
		rest := v[i+3:]
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			v = rest[j:]
		} else {
			v = ""
		}
	}
	return strings.TrimRight(v, "/"), true
}
