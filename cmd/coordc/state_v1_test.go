package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// v1Fixture is a state database written by the coordc of schema version 1
// (see runtime/state/testdata/README.md for how it was made).
const v1Fixture = "../../runtime/state/testdata/v1.db"

// TestStatusOnV1State opens a copy of the schema-v1 fixture with this
// coordc (which migrates it) and checks that jobs and status print what the
// v1 binary printed. The expected outputs in testdata/state-v1 were written
// by that binary; they are never regenerated (-update does not touch them).
func TestStatusOnV1State(t *testing.T) {
	fixture, err := os.ReadFile(v1Fixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		want string
		args []string
	}{
		{"status.txt", []string{"status"}},
		{"status.json", []string{"status", "-o", "json"}},
		{"status-job2.txt", []string{"status", "0000002-failing-example-C"}},
		{"jobs.txt", []string{"jobs"}},
	} {
		t.Run(tc.want, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "v1.db")
			if err := os.WriteFile(db, fixture, 0o600); err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join("testdata", "state-v1", tc.want))
			if err != nil {
				t.Fatal(err)
			}
			stdout, stderr, code := coordc(t, append(tc.args, "--state", db)...)
			if code != exitOK {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			if diff := cmp.Diff(string(want), stdout); diff != "" {
				t.Errorf("coordc %v on the v1 state (-v1 binary +this one):\n%s", tc.args, diff)
			}
		})
	}
}
