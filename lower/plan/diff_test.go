package plan

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/lower/schedule"
)

// edit wraps job j's stream: fn may change an action (a copy, with copied
// slices) or drop it by returning false.
func edit(j Job, fn func(a *schedule.Action) bool) Job {
	inner := j.Each
	j.Each = func(yield func(*schedule.Action) bool) hcl.Diagnostics {
		return inner(func(a *schedule.Action) bool {
			c := *a
			c.Flags = append([]string(nil), a.Flags...)
			c.Inputs = append([]schedule.Event(nil), a.Inputs...)
			c.Configuration = append([]schedule.Property(nil), a.Configuration...)
			if !fn(&c) {
				return true
			}
			return yield(&c)
		})
	}
	return j
}

// editDaily applies fn to the daily_etl job of the fixture.
func editDaily(t *testing.T, fn func(a *schedule.Action) bool) []Job {
	jobs := fixtureJobs(t)
	jobs[0] = edit(jobs[0], fn)
	return jobs
}

func snapshotOf(t *testing.T) []byte {
	t.Helper()
	opts := fixtureOptions
	opts.Format = FormatJSON
	got, _ := render(t, fixtureJobs(t), opts)
	return got
}

func runDiff(t *testing.T, snap []byte, jobs []Job, opts Options) (string, bool, DiffSummary) {
	t.Helper()
	var out bytes.Buffer
	changed, s, diags := Diff(&out, bytes.NewReader(snap), jobs, opts)
	if diags.HasErrors() {
		t.Fatalf("Diff: %v", diags)
	}
	return out.String(), changed, s
}

func diffCases(t *testing.T) []struct {
	name string
	jobs []Job
	opts Options
	want DiffSummary
} {
	la := dailyLA(t, 11, 6)
	extra := la[5]
	return []struct {
		name string
		jobs []Job
		opts Options
		want DiffSummary
	}{
		{"none", fixtureJobs(t), fixtureOptions, DiffSummary{Unchanged: 7}},
		{"added", func() []Job {
			jobs := fixtureJobs(t)
			jobs[0].Each = fromSlice(la)
			return jobs
		}(), fixtureOptions, DiffSummary{Added: 1, Unchanged: 7}},
		{"removed", editDaily(t, func(a *schedule.Action) bool { return a.Number != 11 && a.Number != 14 }), fixtureOptions, DiffSummary{Removed: 2, Unchanged: 5}},
		{"shifted", editDaily(t, func(a *schedule.Action) bool {
			if a.Number >= 14 {
				a.Nominal = a.Nominal.Add(time.Hour)
				a.Local = a.Local.Add(time.Hour)
			}
			return true
		}), fixtureOptions, DiffSummary{Shifted: 2, ShiftedBy: "+1h", Unchanged: 5}},
		// Offsets that differ name none.
		{"shifted-mixed", editDaily(t, func(a *schedule.Action) bool {
			if a.Number >= 14 {
				d := time.Duration(a.Number-13) * time.Hour
				a.Nominal = a.Nominal.Add(d)
				a.Local = a.Local.Add(d)
			}
			return true
		}), fixtureOptions, DiffSummary{Shifted: 2, Unchanged: 5}},
		{"changed", editDaily(t, func(a *schedule.Action) bool {
			switch a.Number {
			case 12:
				a.Configuration[1].Value = "delta"
				a.Configuration = append(a.Configuration, schedule.Property{Name: "queue", Value: "etl"})
			case 13:
				a.Flags = nil
				uris := append([]string(nil), a.Inputs[0].URIs[1:]...)
				a.Inputs[0].URIs = append(uris, "hdfs://nn/logs/extra")
			case 15:
				a.Inputs = append(a.Inputs, schedule.Event{Name: "dims", Unresolved: "${coord:latest(0)}"})
			}
			return true
		}), fixtureOptions, DiffSummary{Changed: 3, Unchanged: 4}},
		{"coordinators", func() []Job {
			jobs := fixtureJobs(t)
			jobs[0].Frequency = "${coord:hours(24)}"
			jobs[0].Each = fromSlice(append(la[:5:5], extra))
			jobs[2] = Job{Name: "fresh", Timezone: "UTC", Frequency: "1440", Start: utc("2025-03-10T00:00Z"), End: utc("2025-03-12T00:00Z"),
				Each: fromSlice([]schedule.Action{{Number: 1, Nominal: utc("2025-03-10T00:00Z"), Local: utc("2025-03-10T00:00Z")}})}
			return jobs
		}(), Options{TZDataVersion: "2026a"}, DiffSummary{Added: 2, Coordinators: 3, Unchanged: 7}},
	}
}

func TestDiffGolden(t *testing.T) {
	snap := snapshotOf(t)
	for _, tc := range diffCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			for _, f := range []Format{FormatText, FormatMarkdown, FormatJSON} {
				opts := tc.opts
				opts.Format = f
				got, changed, s := runDiff(t, snap, tc.jobs, opts)
				ext := map[Format]string{FormatText: ".txt", FormatMarkdown: ".md", FormatJSON: ".json"}[f]
				golden(t, "diff-"+tc.name+ext, []byte(got))
				if diff := cmp.Diff(tc.want, s); diff != "" {
					t.Errorf("%s summary (-want +got):\n%s", f, diff)
				}
				if wantChanged := tc.name != "none"; changed != wantChanged {
					t.Errorf("%s: changed = %v, want %v", f, changed, wantChanged)
				}
				if f == FormatJSON {
					var back DiffFile
					if err := json.Unmarshal([]byte(got), &back); err != nil {
						t.Fatalf("diff JSON does not parse: %v", err)
					}
					if diff := cmp.Diff(string(marshalFile(t, back)), got); diff != "" {
						t.Errorf("diff JSON differs from encoding/json (-want +got):\n%s", diff)
					}
				}
			}
		})
	}
}

func TestFormatOffset(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Hour:                        "+1h",
		-time.Hour:                       "-1h",
		-(26*time.Hour + 30*time.Minute): "-1d2h30m",
		24 * time.Hour:                   "+1d",
		45 * time.Second:                 "+45s",
	} {
		if got := formatOffset(d); got != want {
			t.Errorf("formatOffset(%v) = %q, want %q", d, got, want)
		}
	}
}
