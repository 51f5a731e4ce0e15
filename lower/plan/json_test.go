package plan

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/lower/schedule"
)

// toFile builds the File that Write's JSON must equal, with plain maps and
// no code shared with the streaming encoder.
func toFile(t *testing.T, jobs []Job, opts Options) File {
	t.Helper()
	f := File{FormatVersion: "1", TZDataVersion: opts.TZDataVersion, Coordinators: []FileCoordinator{}}
	ordered := append([]Job(nil), jobs...)
	for i := 1; i < len(ordered); i++ { // insertion sort by name, stable
		for j := i; j > 0 && ordered[j].Name < ordered[j-1].Name; j-- {
			ordered[j], ordered[j-1] = ordered[j-1], ordered[j]
		}
	}
	for _, j := range ordered {
		c := FileCoordinator{
			Actions: []FileAction{}, Name: j.Name, Timezone: j.Timezone, Frequency: displayFrequency(j.Frequency),
			FrequencyDescription: j.FrequencyDescription,
			Start:                j.Start.UTC().Format("2006-01-02T15:04Z"), End: j.End.UTC().Format("2006-01-02T15:04Z"),
		}
		f.Summary.Coordinators++
		if j.Each != nil {
			j.Each(func(a *schedule.Action) bool {
				fa := FileAction{
					Number: a.Number, Flags: append([]string{}, a.Flags...),
					ID:           Slug(j.Name) + "@" + a.Nominal.UTC().Format("2006-01-02T15:04Z"),
					NominalTime:  a.Nominal.UTC().Format("2006-01-02T15:04Z"),
					NominalLocal: a.Local.Format("2006-01-02T15:04-07:00"),
					Inputs:       map[string][]string{}, Outputs: map[string][]string{},
					Unresolved: map[string]string{}, Configuration: map[string]string{},
				}
				for _, e := range a.Inputs {
					fa.Inputs[e.Name] = append([]string{}, e.URIs...)
					if e.Unresolved != "" {
						fa.Unresolved[e.Name] = e.Unresolved
						f.Summary.Unresolved++
					}
				}
				for _, e := range a.Outputs {
					fa.Outputs[e.Name] = append([]string{}, e.URIs...)
				}
				for _, p := range a.Configuration {
					fa.Configuration[p.Name] = p.Value
				}
				for _, fl := range a.Flags {
					if fl == schedule.FlagDSTDay {
						f.Summary.DSTDays++
					}
				}
				slices.Sort(fa.Flags)
				f.Summary.Actions++
				c.Actions = append(c.Actions, fa)
				return true
			})
		}
		f.Coordinators = append(f.Coordinators, c)
	}
	return f
}

func marshalFile(t *testing.T, v any) []byte {
	t.Helper()
	want, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(want, '\n')
}

func TestJSONEqualsEncodingJSON(t *testing.T) {
	tricky := []schedule.Action{{
		Number: 7, Nominal: utc("2025-06-01T00:00Z"), Local: utc("2025-06-01T00:00Z"),
		Inputs:        []schedule.Event{{Name: "a<b>&c", URIs: []string{"x\u2028y\u2029z", "tab\there\nnl\r\b\f\x01\x1f\x7f", "bad\xffutf8\xc3", `quote"back\slash`, "é日本"}}},
		Configuration: []schedule.Property{{Name: "</script>", Value: "<script>alert(1)</script>"}, {Name: "", Value: "empty name"}},
	}}
	for name, jobs := range map[string][]Job{
		"fixture": fixtureJobs(t),
		"none":    nil,
		"tricky": {{Name: "x\"<y>", Timezone: "Etc/GMT+1", Frequency: "${a}${b}", Start: utc("2025-01-01T00:00Z"),
			End: utc("2026-01-01T00:00Z"), Each: fromSlice(tricky)}},
	} {
		t.Run(name, func(t *testing.T) {
			opts := Options{Format: FormatJSON, TZDataVersion: "2025c"}
			got, _ := render(t, jobs, opts)
			want := marshalFile(t, toFile(t, jobs, opts))
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("Write differs from encoding/json (-want +got):\n%s", diff)
			}
			var back File
			if err := json.Unmarshal(got, &back); err != nil {
				t.Fatalf("output is not JSON: %v", err)
			}
		})
	}
}

func TestTimeFormats(t *testing.T) {
	la := zone(t, "America/Los_Angeles")
	monrovia := zone(t, "Africa/Monrovia")
	for _, tc := range []struct {
		t          time.Time
		utc, local string
	}{
		{time.Date(2009, 1, 2, 0, 0, 0, 0, la), "2009-01-02T08:00Z", "2009-01-02T00:00-08:00"},
		{time.Date(2009, 7, 2, 0, 0, 0, 0, la), "2009-07-02T07:00Z", "2009-07-02T00:00-07:00"},
		{time.Date(2009, 7, 2, 0, 0, 59, 999, time.UTC), "2009-07-02T00:00Z", "2009-07-02T00:00:59+00:00"},
		{time.Date(1971, 1, 1, 0, 0, 0, 0, monrovia), "1971-01-01T00:44Z", "1971-01-01T00:00-00:44:30"},
		{time.Date(12345, 1, 1, 0, 0, 0, 0, time.UTC), "12345-01-01T00:00Z", "12345-01-01T00:00+00:00"},
	} {
		if got := string(appendUTC(nil, tc.t)); got != tc.utc {
			t.Errorf("appendUTC(%v) = %q, want %q", tc.t, got, tc.utc)
		}
		if got := string(appendLocal(nil, tc.t)); got != tc.local {
			t.Errorf("appendLocal(%v) = %q, want %q", tc.t, got, tc.local)
		}
	}
}

func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "a<b>&c", "\u2028\u2029", "\xff\xfe", "\x00\x1f\x7f", "\"\\/", "é日本🙂", "\xed\xa0\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}
