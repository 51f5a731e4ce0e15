package state

import (
	"strings"
	"testing"
)

// FuzzParseActionFilter: any filter text either parses into statuses of
// the enum and times at second precision, or is refused; never a panic.
func FuzzParseActionFilter(f *testing.F) {
	for _, s := range []string{"status=FAILED;status=KILLED;nominaltime>=2024-01-01T00:00Z", "status!=SUCCEEDED",
		"nominaltime<2024-01-01T00:00Z", ";;", "status", "=x", "status=>", "nominaltime>=", "name=a;user=b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		af, err := ParseActionFilter(s)
		if err == nil {
			for _, st := range append(af.Statuses, af.NotStatuses...) {
				if !contains(ActionStatuses, st) {
					t.Fatalf("%q: status %q not in the enum", s, st)
				}
			}
			where, args := af.where()
			if strings.Count(where, "?") != len(args) {
				t.Fatalf("%q: %d placeholders, %d arguments", s, strings.Count(where, "?"), len(args))
			}
		}
		jf, err := ParseJobFilter(s)
		if err == nil {
			for _, st := range jf.Statuses {
				if !contains(JobStatuses, st) {
					t.Fatalf("%q: job status %q not in the enum", s, st)
				}
			}
		}
	})
}
