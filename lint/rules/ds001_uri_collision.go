package rules

import (
	"fmt"
	"strings"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/lint"
	"github.com/hashicorp/hcl/v2"
)

// DS001 reports datasets whose uri-template cannot tell their instances
// apart, so that two instances resolve to the same URI: an hourly dataset
// without ${HOUR}, a daily one without ${DAY}, a template without any time
// variable. Job properties in the template are substituted first (a
// property may itself hold time variables); a template that depends on an
// undefined property is not judged.
var DS001 = &lint.Analyzer{
	ID:       "DS001",
	Name:     "uri-template-collision",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Dataset URI template is coarser than the dataset frequency",
		Rationale: "Oozie names each instance of a dataset by rendering its `uri-template` with the instance's `${YEAR}`, " +
			"`${MONTH}`, `${DAY}`, `${HOUR}` and `${MINUTE}` (in UTC). When the template lacks a variable the frequency " +
			"needs, several instances get the same URI: with an hourly dataset and `/logs/${YEAR}/${MONTH}/${DAY}`, all " +
			"24 instances of a day are one directory. An input then waits for data that is already there (the first " +
			"hour's done-flag satisfies the other 23), and outputs overwrite each other.\n\n" +
			"The finding names two instances that collide and the variables to add. Time variables that come from a job " +
			"property are taken into account.",
		Bad: exampleCoordOpen + `  <datasets>
    <dataset name="logs" frequency="${coord:hours(1)}" initial-instance="2024-01-01T00:00Z" timezone="UTC">
      <uri-template>hdfs://nn:8020/logs/${YEAR}/${MONTH}/${DAY}</uri-template>
    </dataset>
  </datasets>` + exampleCoordClose,
		Good: exampleCoordOpen + `  <datasets>
    <dataset name="logs" frequency="${coord:hours(1)}" initial-instance="2024-01-01T00:00Z" timezone="UTC">
      <uri-template>hdfs://nn:8020/logs/${YEAR}/${MONTH}/${DAY}/${HOUR}</uri-template>
    </dataset>
  </datasets>` + exampleCoordClose,
	},
	Run: runDS001,
}

// uriVars are the uri-template time variables, coarsest first.
var uriVars = []string{"YEAR", "MONTH", "DAY", "HOUR", "MINUTE"}

// maxCollisionScan bounds the instances followed to find two that collide.
const maxCollisionScan = 5000

func runDS001(p *lint.Pass) {
	done := map[hcl.Range]bool{}
	check := func(ds *ir.Dataset) {
		if ds.URITemplate == nil || done[ds.URITemplate.Range] {
			return
		}
		if msg, detail, ok := uriCollision(ds); ok {
			done[ds.URITemplate.Range] = true
			p.Reportf(ds.URITemplate.Range, detail, "%s", msg)
		}
	}
	for _, c := range p.Project.Coordinators {
		for _, ds := range c.Datasets {
			check(ds)
		}
	}
	for _, df := range p.Project.DatasetFiles {
		for _, ds := range df.Datasets {
			check(ds)
		}
	}
}

// uriCollision decides whether two instances of ds share a URI and, if so,
// explains it.
func uriCollision(ds *ir.Dataset) (summary, detail string, found bool) {
	f, t := ds.Frequency, ds.URITemplate
	if !f.Resolved || f.N <= 0 || f.Unit == ir.UnitCron || !t.Known {
		return "", "", false
	}
	present, ok := templateVars(t.Value)
	if !ok {
		return "", "", false
	}
	needed := neededVars(f)
	var missing []string
	for _, v := range needed {
		if !present[v] {
			missing = append(missing, "${"+v+"}")
		}
	}
	if len(missing) == 0 {
		return "", "", false
	}
	every := fmt.Sprintf("%d %s", f.N, strings.ToLower(string(f.Unit)))
	if f.N != 1 {
		every += "s"
	}
	add := "Add " + joinAnd(missing) + " to the uri-template so that every instance has its own URI."
	if len(present) == 0 {
		return fmt.Sprintf("All instances of dataset %q have the same URI", ds.Name),
			fmt.Sprintf("Dataset %q has an instance every %s, but its uri-template %q has no time variable, so every instance resolves to the same URI: an input is satisfied forever once it exists, and outputs overwrite each other. %s", ds.Name, every, t.Value, add), true
	}
	a, b, ok := collidingInstances(ds, present)
	if !ok {
		return "", "", false
	}
	uri := renderURI(t.Value, a)
	return fmt.Sprintf("Instances of dataset %q share URIs: the uri-template has no %s", ds.Name, strings.Join(missing, " or ")),
		fmt.Sprintf("Dataset %q has an instance every %s, but its uri-template %q does not tell them apart: instances %s and %s both resolve to %q. An input is satisfied by data of another instance, and outputs overwrite each other. %s",
			ds.Name, every, t.Value, oozietime.FormatDateTime(a), oozietime.FormatDateTime(b), uri, add), true
}

// templateVars returns the time variables of a uri-template value after
// the submit phase, or false when it holds another ${...} expression.
func templateVars(v string) (map[string]bool, bool) {
	out := map[string]bool{}
	for {
		i := strings.Index(v, "${")
		if i < 0 {
			return out, true
		}
		j := strings.IndexByte(v[i:], '}')
		if j < 0 {
			return nil, false
		}
		name := strings.TrimSpace(v[i+2 : i+j])
		if !isURIVar(name) {
			return nil, false
		}
		out[name] = true
		v = v[i+j+1:]
	}
}

func isURIVar(name string) bool {
	for _, v := range uriVars {
		if v == name {
			return true
		}
	}
	return false
}

// neededVars are the time variables, coarsest first, a template needs so
// that instances f apart never share a URI: all of them down to the
// coarsest variable whose period the step is at least as long as.
func neededVars(f ir.Frequency) []string {
	for i, v := range uriVars {
		if stepCovers(f, v) {
			return uriVars[:i+1]
		}
	}
	return uriVars
}

// stepCovers reports whether instances f apart always differ in variable v
// once every coarser variable is present: the step is at least as long as
// the longest period of v (a month is up to 31 days, a year 366).
func stepCovers(f ir.Frequency, v string) bool {
	minutes := map[string]int{"MINUTE": 1, "HOUR": 60, "DAY": 1440, "MONTH": 31 * 1440, "YEAR": 366 * 1440}[v]
	switch f.Unit {
	case ir.UnitMinute:
		return f.N >= minutes
	case ir.UnitHour:
		return f.N*60 >= minutes
	case ir.UnitDay:
		return f.N*1440 >= minutes || v == "DAY"
	case ir.UnitWeek:
		return f.N*7*1440 >= minutes
	case ir.UnitMonth:
		return v != "YEAR" || f.N >= 12
	}
	return true // YEAR
}

// collidingInstances follows the instances of ds from its (effective)
// initial instance and returns the first two that render alike.
func collidingInstances(ds *ir.Dataset, present map[string]bool) (time.Time, time.Time, bool) {
	if !ds.InitialInstance.Resolved || !ds.Timezone.Resolved || ds.Timezone.Location == nil {
		return time.Time{}, time.Time{}, false
	}
	loc := ds.Timezone.Location
	field, ok := map[ir.TimeUnit]oozietime.Field{ir.UnitMinute: oozietime.Minute, ir.UnitHour: oozietime.Hour, ir.UnitDay: oozietime.Day,
		ir.UnitWeek: oozietime.Week, ir.UnitMonth: oozietime.Month, ir.UnitYear: oozietime.Year}[ds.Frequency.Unit]
	if !ok {
		return time.Time{}, time.Time{}, false
	}
	start := ds.InitialInstance.Time
	switch ds.Frequency.EndOf {
	case ir.EndOfDay:
		start = oozietime.MoveToEnd(start, loc, oozietime.EndOfDay)
	case ir.EndOfWeek:
		start = oozietime.MoveToEnd(start, loc, oozietime.EndOfWeek)
	case ir.EndOfMonth:
		start = oozietime.MoveToEnd(start, loc, oozietime.EndOfMonth)
	}
	seen := map[string]time.Time{}
	for k := 0; k < maxCollisionScan; k++ {
		t := oozietime.Add(start, loc, field, k*ds.Frequency.N)
		key := renderKey(t, present)
		if prev, dup := seen[key]; dup {
			return prev, t, true
		}
		seen[key] = t
	}
	return time.Time{}, time.Time{}, false
}

// renderKey is what the present variables make of t (in UTC, as Oozie
// renders uri-templates).
func renderKey(t time.Time, present map[string]bool) string {
	t = t.UTC()
	vals := map[string]int{"YEAR": t.Year(), "MONTH": int(t.Month()), "DAY": t.Day(), "HOUR": t.Hour(), "MINUTE": t.Minute()}
	var b strings.Builder
	for _, v := range uriVars {
		if present[v] {
			fmt.Fprintf(&b, "%d/", vals[v])
		}
	}
	return b.String()
}

// renderURI substitutes the time variables of a uri-template value for t,
// as Oozie does: YEAR as a number, the others with two digits.
func renderURI(v string, t time.Time) string {
	t = t.UTC()
	return strings.NewReplacer(
		"${YEAR}", fmt.Sprintf("%d", t.Year()),
		"${MONTH}", fmt.Sprintf("%02d", int(t.Month())),
		"${DAY}", fmt.Sprintf("%02d", t.Day()),
		"${HOUR}", fmt.Sprintf("%02d", t.Hour()),
		"${MINUTE}", fmt.Sprintf("%02d", t.Minute()),
	).Replace(v)
}

// joinAnd joins words as "a", "a and b", "a, b and c".
func joinAnd(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
