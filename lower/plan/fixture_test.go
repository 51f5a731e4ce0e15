package plan

import (
	"archive/zip"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/lower/schedule"
	"github.com/coordc/coordc/schemas"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// zone loads an IANA zone from the embedded database, never from the host.
func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	data := schemas.TZDataZip()
	zr, err := zip.NewReader(byteReaderAt(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open(name)
	if err != nil {
		t.Fatalf("zone %s: %v", name, err)
	}
	defer f.Close()
	raw, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	loc, err := time.LoadLocationFromTZData(name, raw)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

type byteReaderAt []byte

func (b byteReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off >= int64(len(b)) {
		return 0, io.EOF
	}
	n := copy(p, b[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02T15:04Z", s)
	if err != nil {
		panic(err)
	}
	return t
}

// fromSlice streams a fixed list of actions, reusing one Action value the
// way a generator may.
func fromSlice(actions []schedule.Action) func(func(*schedule.Action) bool) hcl.Diagnostics {
	return func(yield func(*schedule.Action) bool) hcl.Diagnostics {
		var a schedule.Action
		for i := range actions {
			a = actions[i]
			if !yield(&a) {
				break
			}
		}
		return nil
	}
}

// dailyLA builds n daily actions at local midnight in Los Angeles from
// 2025-03-07, numbered from first, with an hourly input spanning the
// previous local day (23 instances on the spring-forward day) and an output.
func dailyLA(t testing.TB, first, n int) []schedule.Action {
	la := zone(t, "America/Los_Angeles")
	var out []schedule.Action
	for i := range n {
		local := time.Date(2025, 3, 7+i, 0, 0, 0, 0, la)
		a := schedule.Action{Number: first + i, Nominal: local.UTC(), Local: local}
		prev := time.Date(2025, 3, 6+i, 0, 0, 0, 0, la)
		var uris []string
		var times []time.Time
		for h := local.Add(-time.Hour); !h.Before(prev); h = h.Add(-time.Hour) {
			uris = append(uris, "hdfs://nn/logs/"+h.UTC().Format("2006/01/02/15"))
			times = append(times, h.UTC())
		}
		if y, m, d := local.Date(); dayNote(time.Date(y, m, d, 0, 0, 0, 0, la), time.Date(y, m, d+1, 0, 0, 0, 0, la)) != "" {
			a.Flags = []string{schedule.FlagDSTDay}
		}
		a.Inputs = []schedule.Event{{Name: "logs", URIs: uris, Times: times, Until: local.UTC()}}
		a.Outputs = []schedule.Event{{Name: "report", URIs: []string{"hdfs://nn/report/" + local.Format("2006-01-02")}}}
		a.Configuration = []schedule.Property{
			{Name: "day", Value: local.Format("2006-01-02")},
			{Name: "mode", Value: "full"},
		}
		out = append(out, a)
	}
	return out
}

// fixtureJobs is the plan every golden file shows: a daily job across the
// 2025 spring-forward day, a job whose name needs slugging with an
// unresolved input and values that need escaping, and a job without actions.
func fixtureJobs(t testing.TB) []Job {
	la := dailyLA(t, 11, 5)
	odd := []schedule.Action{
		{
			Number: 1, Nominal: utc("2025-03-09T00:00Z"), Local: utc("2025-03-09T00:00Z"),
			Inputs: []schedule.Event{
				{Name: "raw", URIs: []string{"s3://b/raw/2025-03-09"}},
				{Name: "dims", Unresolved: "${coord:latest(0)}"},
			},
			Configuration: []schedule.Property{
				{Name: "query", Value: `select * from t where a < 3 & b > "x"`},
				{Name: "empty", Value: ""},
				{Name: "query", Value: "select 1"},
			},
		},
		{
			Number: 2, Nominal: utc("2025-03-09T12:00Z"), Local: utc("2025-03-09T12:00Z"),
			Flags: []string{schedule.FlagMonthEndClamped, schedule.FlagCronDSTCorrected},
			Inputs: []schedule.Event{
				{Name: "raw", URIs: []string{"s3://b/raw/2025-03-09", "s3://b/raw/2025-03-08"}},
				{Name: "dims", Unresolved: "${coord:latest(0)}"},
			},
			Configuration: []schedule.Property{{Name: "query", Value: "select 2"}, {Name: "empty", Value: ""}},
		},
	}
	return []Job{
		{
			Name: "daily_etl", Timezone: "America/Los_Angeles", Frequency: "${coord:days(1)}",
			FrequencyDescription: "every day at 00:00 America/Los_Angeles",
			Start:                utc("2025-02-25T08:00Z"), End: utc("2026-01-01T08:00Z"),
			Each: fromSlice(la),
		},
		{
			Name: "My Coord_v2 (prod)", Timezone: "UTC", Frequency: "0 0/12 * * *",
			FrequencyDescription: "at minute 0 past every 12th hour",
			Start:                utc("2025-03-09T00:00Z"), End: utc("2025-03-10T00:00Z"),
			Each: fromSlice(odd),
		},
		{Name: "idle", Timezone: "Europe/Berlin", Frequency: "60", Start: utc("2025-01-01T00:00Z"), End: utc("2025-01-02T00:00Z")},
	}
}

var fixtureOptions = Options{TZDataVersion: "2025c", WindowFrom: utc("2025-03-07T00:00Z"), WindowTo: utc("2025-03-12T00:00Z")}

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
	}
}
