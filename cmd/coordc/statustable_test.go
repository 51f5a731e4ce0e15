package main

import (
	"bufio"
	"bytes"
	"strings"
	"testing"

	"github.com/coordc/coordc/runtime/state"
	"github.com/google/go-cmp/cmp"
)

// TestActionTableMatchesTabwriter: the status table is byte for byte what
// text/tabwriter writes, with wide, multi-byte, empty and special cells.
func TestActionTableMatchesTabwriter(t *testing.T) {
	tests := map[string][]state.ActionReport{
		"none": nil,
		"plain": {
			{Number: 1, NominalTime: "2024-01-01T00:00Z", Status: state.Succeeded, ExternalID: "job-0000001@1-W0"},
			{Number: 1000, NominalTime: "2024-01-01T01:00Z", Status: state.Waiting},
		},
		"wide and multi-byte": {
			{Number: 7, NominalTime: "2024-01-01T00:00Z", Status: state.Failed, ExternalID: "wf-é…ß", ErrorMessage: "exit   status\n 1: ünïcode"},
			{Number: 12345678, NominalTime: "2024-01-01T01:00Z", Status: state.TimedOut, ExternalID: strings.Repeat("x", 150), ErrorMessage: "E1021"},
		},
		"special characters": {
			{Number: 1, NominalTime: "2024-01-01T00:00Z", Status: state.Running, ExternalID: "a\tb"},
			{Number: 2, NominalTime: "2024-01-01T00:00Z", Status: state.Running, ExternalID: "c\xffd\xff"},
		},
	}
	for name, acts := range tests {
		t.Run(name, func(t *testing.T) {
			var want, got bytes.Buffer
			if err := writeActionTabwriter(&want, acts); err != nil {
				t.Fatal(err)
			}
			bw := bufio.NewWriter(&got)
			if err := writeActionTable(bw, acts); err != nil {
				t.Fatal(err)
			}
			bw.Flush()
			if diff := cmp.Diff(want.String(), got.String()); diff != "" {
				t.Errorf("table (-tabwriter +fast):\n%s", diff)
			}
		})
	}
}
