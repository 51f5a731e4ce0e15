package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestHoistFlags(t *testing.T) {
	cmds := newApp(nil, nil, nil).Commands
	tests := map[string]struct{ in, want []string }{
		"flags after the file": {
			[]string{"coordc", "plan", "c.xml", "--properties", "job.properties", "-o", "json"},
			[]string{"coordc", "plan", "--properties", "job.properties", "-o", "json", "c.xml"},
		},
		"boolean and --flag=value": {
			[]string{"coordc", "plan", "c.xml", "--check", "--against=s.json"},
			[]string{"coordc", "plan", "--check", "--against=s.json", "c.xml"},
		},
		"already in front":                  {[]string{"coordc", "validate", "-D", "a=1", "c.xml"}, []string{"coordc", "validate", "-D", "a=1", "c.xml"}},
		"unknown flag moves to be reported": {[]string{"coordc", "validate", "c.xml", "--nope"}, []string{"coordc", "validate", "--nope", "c.xml"}},
		"stdin dash stays":                  {[]string{"coordc", "lint", "-", "-f", "json"}, []string{"coordc", "lint", "-f", "json", "-"}},
		"after --":                          {[]string{"coordc", "eval", "c.xml", "--", "-D"}, []string{"coordc", "eval", "c.xml", "--", "-D"}},
		"unknown command":                   {[]string{"coordc", "frob", "x", "-D", "a"}, []string{"coordc", "frob", "x", "-D", "a"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, hoistFlags(cmds, tc.in)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestFlagsAfterArguments runs the README's commands as written, flags last.
func TestFlagsAfterArguments(t *testing.T) {
	stdout, stderr, code := coordc(t, "plan", example, "--properties", exampleProps, "--count", "1", "-o", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, `"number": 1`) || !strings.Contains(stdout, `"summary"`) {
		t.Errorf("unexpected plan:\n%s", stdout)
	}
}
