package plan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/lower/schedule"
)

func TestTransitions(t *testing.T) {
	type tr struct {
		At, Name      string
		Before, After int
	}
	for _, tc := range []struct {
		zone     string
		from, to string
		want     []tr
	}{
		{"America/Los_Angeles", "2009-01-01T00:00Z", "2010-01-01T00:00Z", []tr{
			{"2009-03-08T10:00Z", "PST → PDT", -8 * 3600, -7 * 3600},
			{"2009-11-01T09:00Z", "PDT → PST", -7 * 3600, -8 * 3600},
		}},
		{"Europe/Berlin", "2025-03-01T00:00Z", "2025-04-01T00:00Z", []tr{
			{"2025-03-30T01:00Z", "CET → CEST", 3600, 7200},
		}},
		// Half an hour, and the names are offsets.
		{"Australia/Lord_Howe", "2025-03-01T00:00Z", "2025-05-01T00:00Z", []tr{
			{"2025-04-05T15:00Z", "+11 → +1030", 11 * 3600, 10*3600 + 1800},
		}},
		{"UTC", "2009-01-01T00:00Z", "2010-01-01T00:00Z", nil},
	} {
		t.Run(tc.zone, func(t *testing.T) {
			var got []tr
			for _, x := range transitions(zone(t, tc.zone), utc(tc.from), utc(tc.to)) {
				got = append(got, tr{formatUTC(x.At), x.Name, x.Before, x.After})
				if !x.Day.Before(x.At) || !x.NextDay.After(x.At) || x.Note == "" {
					t.Errorf("%s: day %v–%v does not hold the change, or no note %q", x.Name, x.Day, x.NextDay, x.Note)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// pictureOptions adds pins, a link and diff changes to the fixture.
func pictureOptions(format Format) Options {
	opts := fixtureOptions
	opts.Format = format
	opts.Pins = []Pin{
		{Coordinator: "daily_etl", Rule: "DST003", Severity: "warning", Message: "Daily job reads a fixed count of hourly instances", Where: "etl.xml:12", Flags: []string{schedule.FlagDSTDay}},
		{Coordinator: "My Coord_v2 (prod)", Rule: "PIPE001", Severity: "info", Message: "Input dataset <raw> & co is not written", Where: "odd.xml:3"},
	}
	opts.Links = []Link{{Producer: "daily_etl", Consumer: "My Coord_v2 (prod)", Dataset: "report"}}
	opts.Changes = []Change{
		{Kind: ChangeAdded, ID: "daily-etl@2025-03-11T07:00Z", Number: 15},
		{Kind: ChangeShifted, ID: "daily-etl@2025-03-10T07:00Z", Number: 14, OldNominalTime: "2025-03-10T08:00Z"},
		{Kind: ChangeChanged, ID: "my-coord-v2-prod@2025-03-09T12:00Z", Number: 2},
		{Kind: ChangeRemoved, ID: "daily-etl@2025-03-12T07:00Z", Number: 16, OldNominalTime: "2025-03-12T07:00Z"},
		{Kind: ChangeCoordinatorChanged, Coordinator: "daily_etl", Fields: []FieldChange{{Path: "end", Old: "2025-12-01T08:00Z", New: "2026-01-01T08:00Z"}}},
	}
	opts.diffing = true
	return opts
}

func TestSVGGolden(t *testing.T) {
	got, _ := render(t, fixtureJobs(t), pictureOptions(FormatSVG))
	golden(t, "plan.svg", got)
	for _, want := range []string{
		`<rect class="dst" data-name="PST → PDT"`,    // the shaded day
		`class="window odd-length" data-uris="23"`,   // the 23-hour window
		`<g class="pin warning" data-rule="DST003">`, // pinned to the DST-day action
		`<g class="action diff-removed" data-id="daily-etl@2025-03-12T07:00Z">`,
		`<g class="action diff-shifted`, `<g class="action diff-added`, `<g class="action diff-changed`,
		`<g class="link" data-producer="daily_etl" data-consumer="My Coord_v2 (prod)">`,
		`&lt;raw&gt; &amp; co`, // escaped
		`coordinator-changed: end`,
	} {
		if !bytes.Contains(got, []byte(want)) {
			t.Errorf("the SVG lacks %s", want)
		}
	}
	if n := bytes.Count(got, []byte(`data-rule="DST003"`)); n != 1 {
		t.Errorf("DST003 pinned to %d actions, want the one on the DST day", n)
	}
}

// hourly streams n hourly UTC actions from 2025-01-01.
func hourly(n int) []Job {
	return []Job{{Name: "hourly", Timezone: "UTC", Frequency: "60", Start: utc("2025-01-01T00:00Z"), End: utc("2026-01-01T00:00Z"),
		Each: func(yield func(*schedule.Action) bool) hcl.Diagnostics {
			for i := range n {
				at := utc("2025-01-01T00:00Z").Add(time.Duration(i) * time.Hour)
				a := schedule.Action{Number: i + 1, Nominal: at, Local: at,
					Inputs:  []schedule.Event{{Name: "in", URIs: []string{"u" + strconv.Itoa(i)}, Times: []time.Time{at.Add(-time.Hour)}, Until: at}},
					Outputs: []schedule.Event{{Name: "out", URIs: []string{"o" + strconv.Itoa(i)}}}}
				if !yield(&a) {
					break
				}
			}
			return nil
		}}}
}

// TestSVGHistogram: past svgDetailLimit actions a lane is drawn as counts
// per day, which add up to every action.
func TestSVGHistogram(t *testing.T) {
	got, s := render(t, hourly(5000), Options{Format: FormatSVG})
	if s.Actions != 5000 {
		t.Fatalf("%d actions", s.Actions)
	}
	if !bytes.Contains(got, []byte(`<g class="histogram" data-unit="day">`)) || bytes.Contains(got, []byte(`class="action`)) {
		t.Fatalf("a lane of 5000 actions is not drawn per day")
	}
	total := 0
	for _, m := range regexp.MustCompile(`data-count="(\d+)"`).FindAllSubmatch(got, -1) {
		n, _ := strconv.Atoi(string(m[1]))
		total += n
	}
	if total != 5000 {
		t.Errorf("bins count %d actions, want 5000", total)
	}
	if len(got) > 200<<10 {
		t.Errorf("SVG of %d bytes: it must not grow with the actions", len(got))
	}
}

// TestHTMLBlocks: the page streams actions in blocks of htmlChunk, each
// valid JSON, and ends with valid metadata.
func TestHTMLBlocks(t *testing.T) {
	got, _ := render(t, hourly(4500), Options{Format: FormatHTML})
	page := string(got)
	blocks := regexp.MustCompile(`(?s)<script type="application/json" class="coordc-actions">(.*?)</script>`).FindAllStringSubmatch(page, -1)
	if len(blocks) != 3 {
		t.Fatalf("%d data blocks, want 3", len(blocks))
	}
	total := 0
	for i, b := range blocks {
		var recs [][]any
		if err := json.Unmarshal([]byte(b[1]), &recs); err != nil {
			t.Fatalf("block %d: %v", i, err)
		}
		total += len(recs)
	}
	if total != 4500 {
		t.Errorf("%d records, want 4500", total)
	}
	meta := regexp.MustCompile(`(?s)<script type="application/json" id="coordc-meta">(.*?)</script>`).FindStringSubmatch(page)
	var m map[string]any
	if meta == nil || json.Unmarshal([]byte(meta[1]), &m) != nil {
		t.Fatalf("no valid metadata block")
	}
	if fmt.Sprint(m["summary"]) != "map[actions:4500 coordinators:1 dst_days:0 unresolved:0]" {
		t.Errorf("summary %v", m["summary"])
	}
	if strings.Count(page, "<script>") != 1 {
		t.Errorf("want exactly one script")
	}
}

// TestHTMLDiffMeta: the page carries the diff's counts, removed actions,
// coordinator changes and the pins, escaped for a <script> block.
func TestHTMLDiffMeta(t *testing.T) {
	got, _ := render(t, fixtureJobs(t), pictureOptions(FormatHTML))
	for _, want := range []string{
		`"changes":{"added":1,"removed":1,"shifted":1,"changed":1}`,
		`"removed":[["daily-etl@2025-03-12T07:00Z",16,`,
		`"coordinator_changes":[["coordinator-changed: end",`,
		`\u003craw\u003e \u0026 co`,
		`"name":"PST → PDT"`,
	} {
		if !bytes.Contains(got, []byte(want)) {
			t.Errorf("the page lacks %s", want)
		}
	}
}

// TestPicturesOfNothing: no jobs, or jobs without actions, still give a
// well-formed page and picture.
func TestPicturesOfNothing(t *testing.T) {
	idle := []Job{{Name: "idle", Timezone: "Europe/Berlin", Frequency: "60", Start: utc("2025-01-01T00:00Z"), End: utc("2025-01-02T00:00Z")}}
	for _, jobs := range [][]Job{nil, idle} {
		for _, f := range []Format{FormatSVG, FormatHTML} {
			got, s := render(t, jobs, Options{Format: f})
			if s.Actions != 0 || !bytes.HasSuffix(got, []byte(map[Format]string{FormatSVG: "</svg>\n", FormatHTML: "</html>\n"}[f])) {
				t.Errorf("%s of %d jobs: %d actions, ends %q", f, len(jobs), s.Actions, got[max(0, len(got)-20):])
			}
		}
	}
}
