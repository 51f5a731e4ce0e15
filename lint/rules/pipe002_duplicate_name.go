package rules

import (
	"fmt"
	"strings"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lint"
	"github.com/coordc/coordc/lower/plan"
	"github.com/hashicorp/hcl/v2"
)

// PIPE002 reports coordinators of the project that share a name, or whose
// names give the same action ID prefix (plan.Slug: "Daily_Report" and
// "daily-report"). coordc plan and apply refuse such a project, since the
// coordinators' action IDs would collide, and two jobs of one name are
// hard to tell apart in Oozie's console and in bundles. Every coordinator
// of a clash is reported at its name, and the finding names the other
// definitions with their positions, so each file shows the problem and
// where to look.
var PIPE002 = &lint.Analyzer{
	ID:       "PIPE002",
	Name:     "duplicate-coordinator-name",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "Two coordinators of the project have the same name",
		Rationale: "coordc identifies a coordinator's actions by its name: an action ID is the name's slug (lower case, " +
			"`_` and spaces as `-`) followed by the nominal time. Two coordinators whose names give the same slug would " +
			"write the same action IDs, so `coordc plan` and `coordc apply` refuse the project; in Oozie, two jobs of one " +
			"name are hard to tell apart in the console, in `oozie jobs -filter name=…` and in SLA reports. The names are " +
			"compared across every file linted together, so a copy of a coordinator that kept its name is found before it " +
			"is deployed. Rename one of them.",
		Bad: `coordinator "daily-report" {
  frequency = coord::days(1)
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"
  workflow {
    app_path = "hdfs://nn:8020/apps/report"
  }
}

coordinator "Daily_Report" {
  frequency = coord::hours(1)
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"
  workflow {
    app_path = "hdfs://nn:8020/apps/hourly-report"
  }
}
`,
		Good: `coordinator "daily-report" {
  frequency = coord::days(1)
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"
  workflow {
    app_path = "hdfs://nn:8020/apps/report"
  }
}

coordinator "hourly-report" {
  frequency = coord::hours(1)
  start     = "2024-01-01T00:00Z"
  end       = "2025-01-01T00:00Z"
  timezone  = "UTC"
  workflow {
    app_path = "hdfs://nn:8020/apps/hourly-report"
  }
}
`,
	},
	Run: runPIPE002,
}

// namedCoordinator is a coordinator with a known name.
type namedCoordinator struct {
	name string
	at   hcl.Range
}

func runPIPE002(p *lint.Pass) {
	bySlug := map[string][]namedCoordinator{}
	var slugs []string
	seen := map[hcl.Pos]map[string]bool{} // a definition loaded twice is one coordinator
	for _, c := range p.Project.Coordinators {
		if c.Name == nil || !c.Name.Known {
			continue
		}
		at := coordinatorNameRange(c)
		if seen[at.Start][at.Filename] {
			continue
		}
		if seen[at.Start] == nil {
			seen[at.Start] = map[string]bool{}
		}
		seen[at.Start][at.Filename] = true
		s := plan.Slug(c.Name.Value)
		if bySlug[s] == nil {
			slugs = append(slugs, s)
		}
		bySlug[s] = append(bySlug[s], namedCoordinator{name: c.Name.Value, at: at})
	}
	for _, s := range slugs {
		group := bySlug[s]
		if len(group) < 2 {
			continue
		}
		for i, c := range group {
			var others []string
			var where []string
			for j, o := range group {
				if j == i {
					continue
				}
				if o.at.Filename == c.at.Filename {
					others = append(others, "this file")
				} else {
					others = append(others, o.at.Filename)
				}
				where = append(where, fmt.Sprintf("%q at %s:%d:%d", o.name, o.at.Filename, o.at.Start.Line, o.at.Start.Column))
			}
			detail := fmt.Sprintf("Action IDs are the slug of the coordinator name (%q) followed by the nominal time, so these "+
				"coordinators would write the same IDs: coordc plan and apply refuse the project. The other definitions: %s. "+
				"Rename all but one of them.", s, strings.Join(where, "; "))
			other := group[(i+1)%len(group)]
			if other.name == c.name {
				p.Reportf(c.at, detail, "Coordinator name %q is also used in %s", c.name, strings.Join(unique(others), ", "))
			} else {
				p.Reportf(c.at, detail, "Coordinator names %q and %q give the same action ID prefix %q (also in %s)",
					c.name, other.name, s, strings.Join(unique(others), ", "))
			}
		}
	}
}

// coordinatorNameRange is where a coordinator's name is written: the name
// attribute or label, else its declaration.
func coordinatorNameRange(c *ir.Coordinator) hcl.Range {
	if c.Name != nil && c.Name.Range.Filename != "" {
		return c.Name.Range
	}
	return c.DeclRange
}

// unique drops repeated strings, keeping the first of each.
func unique(ss []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
