package main

import (
	"bytes"
	"strings"
	"testing"
)

// coordcTTY runs the CLI in-process as if stdout were a terminal (tty) or
// a pipe.
func coordcTTY(t *testing.T, tty bool, args ...string) (stdout string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = runWith(append([]string{"coordc"}, args...), strings.NewReader(""), &out, &errb, tty)
	return out.String(), code
}

// TestColorGoldens: on a terminal, severities, rule IDs, snippet carets and
// plan DST markers are coloured; piped, with NO_COLOR or with --no-color
// the output is plain, byte for byte.
func TestColorGoldens(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	cases := map[string][]string{
		"lint":     {"lint", lintDay},
		"validate": {"validate", "testdata/invalid/bad-zone.xml"},
		"plan":     {"plan", example, "--properties", exampleProps, "--from", "2009-03-07T08:00Z", "--count", "3"},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			colored, code := coordcTTY(t, true, args...)
			if code == exitInternal || code == exitUsage {
				t.Fatalf("exit %d:\n%s", code, colored)
			}
			if !strings.Contains(colored, "\x1b[") {
				t.Errorf("no colour on a terminal:\n%s", colored)
			}
			golden(t, "color/"+name+".ansi", colored)
			plain, _ := coordcTTY(t, false, args...)
			if strings.Contains(plain, "\x1b") {
				t.Errorf("colour when piped:\n%s", plain)
			}
			golden(t, "color/"+name+".txt", plain)
			if got, _ := coordcTTY(t, true, append([]string{"--no-color"}, args...)...); got != plain {
				t.Errorf("--no-color before the command is not plain:\n%s", got)
			}
			if got, _ := coordcTTY(t, true, append(args, "--no-color")...); got != plain {
				t.Errorf("--no-color after the arguments is not plain:\n%s", got)
			}
			t.Setenv("NO_COLOR", "1")
			if got, _ := coordcTTY(t, true, args...); got != plain {
				t.Errorf("NO_COLOR=1 is not plain:\n%s", got)
			}
			t.Setenv("NO_COLOR", "")
		})
	}
}
