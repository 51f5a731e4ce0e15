package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/coordc/coordc/runtime/state"
	"github.com/google/go-cmp/cmp"
)

// FuzzStatusJSON: the hand-written status encoder writes what
// encoding/json writes, for any text in the report.
func FuzzStatusJSON(f *testing.F) {
	f.Add("0000001-a-C", "a", "PREP", 1, "2024-01-01T00:00:00Z", "0000001-a-C@1-W0", "")
	f.Add("j", "<b>&amp;", "RUNNING", -3, "", "\u2028\x00\x1f", "line\nbreak \"quoted\" \\ \xff\xfe é")
	f.Fuzz(func(t *testing.T, id, name, status string, number int, nominal, ext, msg string) {
		rep := state.Report{Jobs: []state.JobReport{
			{ID: id, Name: name, Status: state.JobStatus(status), Actions: []state.ActionReport{
				{Number: number, NominalTime: nominal, Status: state.ActionStatus(status), ExternalID: ext, ErrorMessage: msg},
				{Number: number + 1, ErrorMessage: name},
			}},
			{ID: msg, Actions: []state.ActionReport{}},
		}}
		var want, got bytes.Buffer
		if err := json.NewEncoder(&want).Encode(rep); err != nil {
			t.Fatal(err)
		}
		if err := writeStatusJSON(&got, rep); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want.String(), got.String()); diff != "" {
			t.Errorf("(-encoding/json +writeStatusJSON):\n%s", diff)
		}
	})
}

// TestStatusJSONEmpty: no jobs is an empty list, not null.
func TestStatusJSONEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := writeStatusJSON(&b, state.Report{Jobs: []state.JobReport{}}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff("{\"jobs\":[]}\n", b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
