package plan

import (
	"bytes"
	"testing"
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
