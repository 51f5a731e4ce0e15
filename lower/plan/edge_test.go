package plan

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/lower/schedule"
)

func TestSlug(t *testing.T) {
	for name, want := range map[string]string{
		"daily_etl":            "daily-etl",
		"My Coord_v2 (prod)":   "my-coord-v2-prod",
		"  Überstunden  Köln ": "uberstunden-koln",
		"a--b__c":              "a-b-c",
		"日本":                   "ri-ben",
		"!!!":                  "coordinator",
		"":                     "coordinator",
	} {
		if got := Slug(name); got != want {
			t.Errorf("Slug(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestDSTNotes(t *testing.T) {
	la, lh, berlin := zone(t, "America/Los_Angeles"), zone(t, "Australia/Lord_Howe"), zone(t, "Europe/Berlin")
	for _, tc := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2025, 3, 9, 12, 0, 0, 0, la), "clocks go forward 1h at 02:00: local 02:00 to 03:00 does not exist"},
		{time.Date(2025, 11, 2, 0, 0, 0, 0, la), "clocks go back 1h at 02:00: local 01:00 to 02:00 happens twice"},
		{time.Date(2025, 4, 6, 0, 0, 0, 0, lh), "clocks go back 30m at 02:00: local 01:30 to 02:00 happens twice"},
		{time.Date(2025, 3, 30, 23, 59, 0, 0, berlin), "clocks go forward 1h at 02:00: local 02:00 to 03:00 does not exist"},
		{time.Date(2025, 3, 10, 0, 0, 0, 0, la), ""},
		{time.Date(2025, 3, 9, 0, 0, 0, 0, time.UTC), ""},
	} {
		var c dstNotes
		if got := c.about(tc.t); got != tc.want {
			t.Errorf("about(%v) = %q, want %q", tc.t, got, tc.want)
		}
	}
}

// TestDeterministic renders every format twice in this process and once in
// child processes with other host time zones: the bytes must not change.
func TestDeterministic(t *testing.T) {
	if os.Getenv("PLAN_RENDER_CHILD") != "" {
		t.Skip("child process")
	}
	var first []byte
	for range 2 {
		var all []byte
		for _, f := range []Format{FormatText, FormatMarkdown, FormatJSON} {
			opts := fixtureOptions
			opts.Format = f
			got, _ := render(t, fixtureJobs(t), opts)
			all = append(all, got...)
		}
		if first != nil && !bytes.Equal(first, all) {
			t.Fatal("two renders in one process differ")
		}
		first = all
	}
	for _, tz := range []string{"UTC", "Asia/Kathmandu", "America/St_Johns", "Pacific/Chatham"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestRenderChild$", "-test.v=false")
		cmd.Env = append(os.Environ(), "TZ="+tz, "PLAN_RENDER_CHILD=1")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("TZ=%s: %v", tz, err)
		}
		got, _, _ := bytes.Cut(out, []byte("\x00END\x00"))
		if !bytes.Equal(first, got) {
			t.Errorf("TZ=%s renders different bytes", tz)
		}
	}
}

// TestRenderChild prints the renders for TestDeterministic.
func TestRenderChild(t *testing.T) {
	if os.Getenv("PLAN_RENDER_CHILD") == "" {
		t.Skip("run by TestDeterministic")
	}
	for _, f := range []Format{FormatText, FormatMarkdown, FormatJSON} {
		opts := fixtureOptions
		opts.Format = f
		got, _ := render(t, fixtureJobs(t), opts)
		os.Stdout.Write(got)
	}
	os.Stdout.WriteString("\x00END\x00")
}

func TestNoActions(t *testing.T) {
	for _, f := range []Format{FormatText, FormatMarkdown, FormatJSON} {
		got, s := render(t, nil, Options{Format: f})
		golden(t, "empty."+map[Format]string{FormatText: "txt", FormatMarkdown: "md", FormatJSON: "json"}[f], got)
		if s != (Summary{}) {
			t.Errorf("%s: summary %+v, want zero", f, s)
		}
	}
}

func TestMarkdownCap(t *testing.T) {
	opts := fixtureOptions
	opts.Format = FormatMarkdown
	opts.MarkdownMaxRows = 3
	got, _ := render(t, fixtureJobs(t), opts)
	if rows := strings.Count(string(got), "| `"); rows != 3+2 { // 3 capped rows + 2 DST rows
		t.Errorf("%d action rows, want 5:\n%s", rows, got)
	}
	if !strings.Contains(string(got), "\n… 4 more actions\n") {
		t.Errorf("missing the more line:\n%s", got)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrors(t *testing.T) {
	la := dailyLA(t, 1, 3)
	backwards := []schedule.Action{la[1], la[0]}
	dupInput := []schedule.Action{la[0]}
	dupInput[0].Inputs = []schedule.Event{{Name: "a"}, {Name: "a"}}
	for _, tc := range []struct {
		name string
		w    io.Writer
		jobs []Job
		opts Options
		want string
	}{
		{"format", io.Discard, nil, Options{Format: "yaml"}, `Unknown plan format "yaml"`},
		{"writer", failWriter{}, fixtureJobs(t), Options{Format: FormatJSON}, "Cannot write the plan"},
		{"slug", io.Discard, []Job{{Name: "a_b"}, {Name: "A-B"}}, Options{}, `Coordinators "A-B" and "a_b" have the same action ID prefix "a-b"`},
		{"order", io.Discard, []Job{{Name: "x", Each: fromSlice(backwards)}}, Options{}, `Invalid action stream for coordinator "x"`},
		{"dup", io.Discard, []Job{{Name: "x", Each: fromSlice(dupInput)}}, Options{Format: FormatJSON}, `Invalid action stream for coordinator "x"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := Write(tc.w, tc.jobs, tc.opts)
			if !diags.HasErrors() || diags[0].Summary != tc.want {
				t.Fatalf("want error %q, got %v", tc.want, diags)
			}
			if d := diags[0].Detail; !strings.HasSuffix(d, ".") || d == "" {
				t.Errorf("detail %q is not a sentence", d)
			}
		})
	}
}

func TestDiffSnapshotErrors(t *testing.T) {
	snap := string(snapshotOf(t))
	for _, tc := range []struct {
		name, snap, summary string
		line, col           int
	}{
		{"empty", "", "Snapshot ends early", 1, 1},
		{"not object", "[]", `Snapshot has "[" where "{" was expected`, 1, 1},
		{"truncated", snap[:2000], "Snapshot ends early", 74, 44},
		{"version", strings.Replace(snap, `"format_version": "1"`, `"format_version": "9"`, 1), `Snapshot format_version "9" is not supported`, 0, 0},
		{"type", strings.Replace(snap, `"number": 12`, `"number": "12"`, 1), `Snapshot field "number" has the wrong type`, 0, 0},
		{"order", strings.Replace(snap, `"number": 12`, `"number": 11`, 1), `Snapshot action "daily-etl@2025-03-08T08:00Z" is out of order`, 0, 0},
		{"trailing", snap + "{}", `Snapshot has "{" after the plan`, 0, 0},
		{"syntax", strings.Replace(snap, `"flags": []`, `"flags": [}`, 1), "Snapshot is not valid JSON", 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, diags := Diff(io.Discard, strings.NewReader(tc.snap), fixtureJobs(t), Options{SnapshotFilename: "plans/x.json"})
			if !diags.HasErrors() {
				t.Fatal("no error")
			}
			d := diags[len(diags)-1]
			if d.Summary != tc.summary {
				t.Errorf("summary %q, want %q (%s)", d.Summary, tc.summary, d.Detail)
			}
			if d.Subject == nil || d.Subject.Filename != "plans/x.json" {
				t.Fatalf("subject %v", d.Subject)
			}
			if tc.line != 0 && (d.Subject.Start.Line != tc.line || d.Subject.Start.Column != tc.col) {
				t.Errorf("at %d:%d, want %d:%d", d.Subject.Start.Line, d.Subject.Start.Column, tc.line, tc.col)
			}
			if !strings.HasSuffix(d.Detail, ".") {
				t.Errorf("detail %q is not a sentence", d.Detail)
			}
		})
	}
}

// TestDiffStreams diffs a large snapshot produced on the fly against the
// same plan: no changes, and the heap stays small on both sides.
func TestDiffStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("diffs 100,000 actions; skipped with -short")
	}
	const n = 100_000
	s := newSynth(t, n, 5*time.Minute, 12)
	var peak uint64
	var ms runtime.MemStats
	s.probe = func(int) {
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapInuse)
	}
	pr, pw := io.Pipe()
	go func() {
		_, diags := Write(pw, s.job(), Options{Format: FormatJSON, TZDataVersion: "2025c"})
		pw.CloseWithError(diagsErr(diags))
	}()
	var out bytes.Buffer
	changed, sum, diags := Diff(&out, pr, s.job(), Options{TZDataVersion: "2025c"})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if changed || sum != (DiffSummary{Unchanged: n}) {
		t.Errorf("changed=%v summary=%+v:\n%s", changed, sum, out.String())
	}
	t.Logf("peak HeapInuse %.1f MB", float64(peak)/(1<<20))
	if peak > 64<<20 {
		t.Errorf("peak HeapInuse %d bytes, want < 64 MB", peak)
	}
}

func diagsErr(d hcl.Diagnostics) error {
	if d.HasErrors() {
		return d
	}
	return nil
}

func FuzzDiffSnapshot(f *testing.F) {
	f.Add(`{"coordinators":[],"format_version":"1","tzdata_version":"x"}`)
	f.Add(`{"coordinators":[{"actions":[{"number":1,"id":"daily-etl@2025-03-07T08:00Z","nominal_time":"2025-03-07T08:00Z"}],"name":"daily_etl"}],"format_version":"1"}`)
	f.Add(`{"coordinators":[{"name":"idle","actions":[]}],"format_version":"1"}`)
	f.Add(`{"coordinators":[{"actions":[{"number":3},{"number":2}]}]}`)
	f.Add(`[`)
	f.Fuzz(func(t *testing.T, snap string) {
		var out bytes.Buffer
		Diff(&out, strings.NewReader(snap), fixtureJobs(t), Options{Format: FormatJSON})
	})
}

func TestDiffJSONOrderIndependentOfInputOrder(t *testing.T) {
	jobs := fixtureJobs(t)
	reversed := []Job{jobs[2], jobs[1], jobs[0]}
	a, _ := render(t, jobs, Options{Format: FormatJSON})
	b, _ := render(t, reversed, Options{Format: FormatJSON})
	if diff := cmp.Diff(string(a), string(b)); diff != "" {
		t.Errorf("job order changes the plan (-given +reversed):\n%s", diff)
	}
}

// TestDuplicateNamesNameBothFiles: two coordinators with colliding action
// IDs in different files: the error is on the second, its detail names the
// first's position.
func TestDuplicateNamesNameBothFiles(t *testing.T) {
	first := hcl.Range{Filename: "a/coordinator.xml", Start: hcl.Pos{Line: 1, Column: 23, Byte: 22}, End: hcl.Pos{Line: 1, Column: 28, Byte: 27}}
	second := hcl.Range{Filename: "b/coordinator.xml", Start: hcl.Pos{Line: 2, Column: 7, Byte: 30}, End: hcl.Pos{Line: 2, Column: 12, Byte: 35}}
	_, diags := prepare([]Job{{Name: "daily", Range: first}, {Name: "daily", Range: second}})
	if len(diags) != 1 || diags[0].Subject == nil || *diags[0].Subject != second ||
		!strings.HasSuffix(diags[0].Detail, `"daily" is defined at a/coordinator.xml:1:23.`) {
		t.Fatalf("%+v", diags)
	}
}
