package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestPlanGoldens plans every case under testdata/plan (DST days in Los
// Angeles, Berlin and Sydney, month-end clamping, endOf*, cron across DST)
// and compares text and JSON with the plan.txt and plan.json beside it.
// Regenerate with go test ./cmd/coordc -run PlanGoldens -update.
func TestPlanGoldens(t *testing.T) {
	t.Setenv("TZ", "Asia/Kathmandu")
	dirs, err := filepath.Glob("../../testdata/plan/*/coordinator.xml")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no plan cases found (%v)", err)
	}
	for _, xml := range dirs {
		dir := filepath.Dir(xml)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			for format, file := range map[string]string{"text": "plan.txt", "json": "plan.json"} {
				stdout, stderr, code := coordc(t, "plan", "-o", format, xml)
				if code != exitOK {
					t.Fatalf("plan -o %s: exit %d\n%s", format, code, stderr)
				}
				path := filepath.Join(dir, file)
				if *update {
					if err := os.WriteFile(path, []byte(stdout), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(string(want), stdout); diff != "" {
					t.Errorf("%s (-want +got):\n%s", path, diff)
				}
			}
		})
	}
}
