package plan

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/coordc/coordc/lower/schedule"
)

func render(t *testing.T, jobs []Job, opts Options) ([]byte, Summary) {
	t.Helper()
	var buf bytes.Buffer
	s, diags := Write(&buf, jobs, opts)
	if diags.HasErrors() {
		t.Fatalf("Write: %v", diags)
	}
	return buf.Bytes(), s
}

func TestWriteGolden(t *testing.T) {
	for _, tc := range []struct {
		format Format
		file   string
	}{
		{FormatText, "plan.txt"},
		{FormatMarkdown, "plan.md"},
		{FormatJSON, "plan.json"},
	} {
		t.Run(string(tc.format), func(t *testing.T) {
			opts := fixtureOptions
			opts.Format = tc.format
			got, s := render(t, fixtureJobs(t), opts)
			golden(t, tc.file, got)
			want := Summary{Coordinators: 3, Actions: 7, DSTDays: 1, Unresolved: 2}
			if s != want {
				t.Errorf("summary: want %+v, got %+v", want, s)
			}
		})
	}
}

// TestFoldLongValues: a configuration value longer than foldWidth is
// folded in the text plan (every foldWidth characters, runes not bytes),
// and the legend says so; shorter values and other formats are unchanged.
func TestFoldLongValues(t *testing.T) {
	long := strings.Repeat("0123456789", 8) + "é" + strings.Repeat("abcdefghij", 9) + "!"
	jobs := []Job{{
		Name: "long", Timezone: "UTC", Frequency: "1440", Start: utc("2025-03-09T00:00Z"), End: utc("2025-03-10T00:00Z"),
		Each: fromSlice([]schedule.Action{{
			Number: 1, Nominal: utc("2025-03-09T00:00Z"), Local: utc("2025-03-09T00:00Z"),
			Configuration: []schedule.Property{
				{Name: "short", Value: strings.Repeat("x", foldWidth)},
				{Name: "query", Value: long},
				{Name: "sql", Value: "select " + strings.Repeat("a, ", 30) + "b from t"},
			},
		}}),
	}}
	opts := Options{Format: FormatText, TZDataVersion: "2025c"}
	got, _ := render(t, jobs, opts)
	golden(t, "plan-folded.txt", got)
	// query: 172 runes, 3 lines; sql: 99 runes (quoted), 2 lines.
	if n := strings.Count(string(got), foldMarker+"\n"+foldIndent); n != 3 {
		t.Errorf("%d folds, want 3", n)
	}
	if utf8.RuneCountInString(long) != 2*foldWidth+12 {
		t.Fatal("the value's length changed")
	}
	if !strings.Contains(string(got), "Configuration values longer than 80 characters are folded") {
		t.Error("no legend")
	}
	opts.Format = FormatJSON
	if got, _ := render(t, jobs, opts); !strings.Contains(string(got), `"query": "`+long+`"`) {
		t.Error("JSON value folded")
	}
}
