package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/lint"
	"github.com/coordc/coordc/lower/schedule"
)

func mustZone(t testing.TB, id string) *time.Location {
	t.Helper()
	loc, _, err := oozietime.LoadZone(id)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func utc(s string) time.Time {
	t, err := oozietime.ParseDateTime(s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestDSTChanges checks dstChanges over a decade that crosses leap years
// after the tz data's explicit transitions end (where a single
// oozietime.Transitions call stops early), and that offset changes
// without a DST change are left out.
func TestDSTChanges(t *testing.T) {
	tests := []struct {
		zone     string
		from, to string
		want     int
	}{
		{"America/Los_Angeles", "2020-01-01T00:00Z", "2030-01-01T00:00Z", 20},
		{"Europe/Paris", "2009-01-01T00:00Z", "2010-01-01T00:00Z", 2},
		{"Australia/Sydney", "2015-01-01T00:00Z", "2016-01-01T00:00Z", 2},
		{"UTC", "2000-01-01T00:00Z", "2030-01-01T00:00Z", 0},
		{"Europe/Moscow", "2012-01-01T00:00Z", "2020-01-01T00:00Z", 0}, // 2014: standard offset change only
		{"EST", "1970-01-01T00:00Z", "2040-01-01T00:00Z", 0},
	}
	for _, tt := range tests {
		got := dstChanges(mustZone(t, tt.zone), utc(tt.from), utc(tt.to))
		if len(got) != tt.want {
			t.Errorf("dstChanges(%s, %s, %s): %d changes, want %d: %v", tt.zone, tt.from, tt.to, len(got), tt.want, got)
		}
	}
}

func TestOtherOccurrence(t *testing.T) {
	la := mustZone(t, "America/Los_Angeles")
	tests := []struct {
		at     string
		want   string // "" when the wall time is unique
		second bool
	}{
		{"2016-11-06T08:30Z", "2016-11-06T09:30Z", false}, // 01:30 PDT, first occurrence
		{"2016-11-06T09:30Z", "2016-11-06T08:30Z", true},  // 01:30 PST, second
		{"2016-11-06T10:30Z", "", false},                  // 02:30 PST
		{"2016-03-13T09:30Z", "", false},                  // 01:30 PST before the gap
		{"2016-07-01T08:30Z", "", false},
	}
	for _, tt := range tests {
		got, ok := otherOccurrence(utc(tt.at), la)
		if tt.want == "" {
			if ok {
				t.Errorf("otherOccurrence(%s) = %s, want none", tt.at, got)
			}
			continue
		}
		if !ok || !got.Equal(utc(tt.want)) || got.Before(utc(tt.at)) != tt.second {
			t.Errorf("otherOccurrence(%s) = %v, %v; want %s", tt.at, got, ok, tt.want)
		}
	}
}

// TestJavaAliases checks that every alias of javaAliases behaves exactly
// like its region in oozietime (which is what the TZ001 fix relies on).
func TestJavaAliases(t *testing.T) {
	for alias, region := range javaAliases {
		a, r := mustZone(t, alias), mustZone(t, region)
		for m := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC); m.Year() < 2035; m = m.AddDate(0, 1, 0) {
			_, oa := m.In(a).Zone()
			_, or := m.In(r).Zone()
			if oa != or {
				t.Errorf("%s and %s differ at %s: %d vs %d", alias, region, m, oa, or)
				break
			}
		}
		if !oozietime.IsThreeLetterID(alias) {
			t.Errorf("%s is not a three-letter ID for oozietime", alias)
		}
	}
}

// TestDriftExampleMatchesSchedule checks the example DST007 gives for a
// monthly dataset against coordc's own coord:current (SEMANTICS.md §6.1).
func TestDriftExampleMatchesSchedule(t *testing.T) {
	path := filepath.Join("..", "..", "testdata", "lint", "DST007", "dataset_day31.xml")
	res, diags := compiler.Load([]string{path}, compiler.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	c := res.Project.Coordinators[0]
	ds := c.Datasets[0]
	ex := driftExample(ds.InitialInstance.Time, ds.Timezone.Location)
	if !strings.Contains(ex, "nominal time of 2009-03-28 00:00 UTC, coord:current(0) is the instance of 2009-03-31") {
		t.Fatalf("unexpected example %q", ex)
	}
	expr := c.Inputs[0].Instances[0].Template
	got, d := schedule.EvalInAction(c, utc("2009-03-28T00:00Z"), time.Time{}, "m", expr, schedule.Options{})
	if d.HasErrors() {
		t.Fatal(d)
	}
	if got != "2009-03-31T00:00Z" {
		t.Errorf("coord:current(0) at 2009-03-28T00:00Z = %q, the example says 2009-03-31T00:00Z", got)
	}
}

// lintFixtures lints every time-rule fixture project with files in the
// given order and renders the findings.
func lintFixtures(t *testing.T, reverse bool) []string {
	t.Helper()
	var out []string
	for _, a := range timeRules {
		dir := filepath.Join("..", "..", "testdata", "lint", a.ID)
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			var files []string
			switch p := filepath.Join(dir, e.Name()); {
			case e.IsDir():
				files, _ = filepath.Glob(filepath.Join(p, "*.xml"))
			case strings.HasSuffix(p, ".xml"):
				files = []string{p}
			}
			if reverse {
				sort.Sort(sort.Reverse(sort.StringSlice(files)))
			}
			if len(files) == 0 {
				continue
			}
			res, diags := compiler.Load(files, compiler.Options{})
			for _, f := range lint.Run(res.Project, res.Sources, diags, timeRules, nil) {
				if f.RuleID != "" {
					r := f.Diag.Subject
					out = append(out, fmt.Sprintf("%s:%d:%d %s %s | %s", r.Filename, r.Start.Line, r.Start.Column, f.RuleID, f.Diag.Summary, f.Diag.Detail))
				}
			}
		}
	}
	return out
}

// TestTimeRulesDeterministic lints all fixtures with an odd host time zone
// and with files in reverse order: the findings must not change.
func TestTimeRulesDeterministic(t *testing.T) {
	want := lintFixtures(t, false)
	saved := time.Local
	time.Local = mustZone(t, "Pacific/Chatham")
	defer func() { time.Local = saved }()
	if diff := cmp.Diff(want, lintFixtures(t, true)); diff != "" {
		t.Errorf("findings depend on the host zone or file order (-want +got):\n%s", diff)
	}
}
