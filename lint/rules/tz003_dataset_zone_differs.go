package rules

import (
	"fmt"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/lint"
)

// TZ003 notes a data-in or data-out whose dataset is in a time zone that
// behaves differently from the coordinator's.
var TZ003 = &lint.Analyzer{
	ID:       "TZ003",
	Name:     "dataset-zone-differs",
	Severity: lint.Info,
	Run:      runTZ003,
	Doc: lint.Doc{
		Title: "Dataset time zone differs from the coordinator's",
		Rationale: "Nominal times follow the coordinator's zone; dataset instances follow the dataset's zone " +
			"(days and months keep *its* local time, and its daylight saving changes). `coord:current(0)` " +
			"picks the latest instance at or before the nominal time, so when the zones differ, which local " +
			"day or hour an action reads depends on both zones and can shift by an hour around a daylight " +
			"saving change of either. `coord:tzOffset()` exists for this case.\n\n" +
			"This is a note: mixing zones can be deliberate. Zones that differ only by name (US/Pacific and " +
			"America/Los_Angeles, UTC and GMT) are not reported.",
		Bad: `<coordinator-app name="daily" frequency="${coord:days(1)}"
    start="2009-01-02T00:00Z" end="2010-01-02T00:00Z" timezone="UTC"
    xmlns="uri:oozie:coordinator:0.4">
  <datasets>
    <dataset name="logs" frequency="${coord:days(1)}" initial-instance="2009-01-01T08:00Z"
        timezone="America/Los_Angeles">
      <uri-template>hdfs:///logs/${YEAR}/${MONTH}/${DAY}</uri-template>
    </dataset>
  </datasets>
  <input-events>
    <data-in name="logs" dataset="logs">
      <instance>${coord:current(-1)}</instance>
    </data-in>
  </input-events>
  <action>
    <workflow>
      <app-path>hdfs:///apps/daily</app-path>
    </workflow>
  </action>
</coordinator-app>
`,
		Good: `<coordinator-app name="daily" frequency="${coord:days(1)}"
    start="2009-01-02T00:00Z" end="2010-01-02T00:00Z" timezone="UTC"
    xmlns="uri:oozie:coordinator:0.4">
  <datasets>
    <dataset name="logs" frequency="${coord:days(1)}" initial-instance="2009-01-01T00:00Z"
        timezone="UTC">
      <uri-template>hdfs:///logs/${YEAR}/${MONTH}/${DAY}</uri-template>
    </dataset>
  </datasets>
  <input-events>
    <data-in name="logs" dataset="logs">
      <instance>${coord:current(-1)}</instance>
    </data-in>
  </input-events>
  <action>
    <workflow>
      <app-path>hdfs:///apps/daily</app-path>
    </workflow>
  </action>
</coordinator-app>
`,
	},
}

func runTZ003(pass *lint.Pass) {
	r := newReporter(pass)
	for _, c := range coordinators(pass.Project) {
		if !c.Timezone.Resolved {
			continue
		}
		from, to := coordWindow(c)
		seen := map[*ir.Dataset]bool{}
		var used []*ir.Dataset
		for _, in := range c.Inputs {
			used = append(used, in.Dataset)
		}
		for _, out := range c.Outputs {
			used = append(used, out.Dataset)
		}
		for _, ds := range used {
			if ds == nil || seen[ds] || !ds.Timezone.Resolved || ds.Timezone.Text == nil {
				continue
			}
			seen[ds] = true
			if sameOffsets(c.Timezone.Location, ds.Timezone.Location, from, to) {
				continue
			}
			detail := fmt.Sprintf("Coordinator %q computes nominal times in %s, but dataset %q computes its instances in %s: "+
				"coord:current(0) is the latest instance at or before the nominal time, so which local day or hour an action reads depends "+
				"on both zones and can shift around their daylight saving changes. If this is deliberate, leave it (coord:tzOffset() "+
				"gives the difference); otherwise use the same zone for both.",
				coordName(c), c.Timezone.ID, ds.Name, ds.Timezone.ID)
			r.report(valueToken(ds.Timezone.Text), nil, detail, "Dataset %q uses time zone %q, coordinator %q uses %q",
				ds.Name, ds.Timezone.ID, coordName(c), c.Timezone.ID)
		}
	}
}

// sameOffsets reports whether a and b have the same UTC offset throughout
// [from, to): at from and at every offset change of either (asked one UTC
// year at a time, as dstChanges does).
func sameOffsets(a, b *time.Location, from, to time.Time) bool {
	same := func(t time.Time) bool {
		_, oa := t.In(a).Zone()
		_, ob := t.In(b).Zone()
		return oa == ob
	}
	if !same(from) {
		return false
	}
	for y := from; y.Before(to); {
		next := time.Date(y.Year()+1, 1, 1, 0, 0, 0, 0, time.UTC)
		if next.After(to) {
			next = to
		}
		for _, loc := range []*time.Location{a, b} {
			for _, tr := range oozietime.Transitions(loc, y, next) {
				if !same(tr.At) {
					return false
				}
			}
		}
		y = next
	}
	return true
}

// coordName is the coordinator's evaluated name, or its raw text.
func coordName(c *ir.Coordinator) string {
	if v, ok := knownText(c.Name); ok {
		return v
	}
	if c.Name != nil {
		return c.Name.Raw
	}
	return ""
}
