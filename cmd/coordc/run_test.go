package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/coordc/coordc/runtime/state/statetest"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

const (
	example      = "../../testdata/examples/daily-logs/coordinator.xml"
	exampleProps = "../../testdata/examples/daily-logs/job.properties"
)

// coordc runs the CLI in-process.
// packageDir is the directory the tests start in.
var packageDir, _ = os.Getwd()

func coordc(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	if wd, _ := os.Getwd(); statetest.Postgres() && wd == packageDir && len(args) > 0 && args[0] == "apply" &&
		!slices.Contains(args, "--log-dir") {
		// apply on PostgreSQL logs to ./coordc-logs by default: keep it out
		// of the package directory.
		args = append([]string{"apply", "--log-dir", filepath.Join(t.TempDir(), "logs")}, args[1:]...)
	}
	code = run(append([]string{"coordc"}, args...), strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/coordc -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
	}
}

func TestExitCodes(t *testing.T) {
	t.Setenv("TZ", "Asia/Kathmandu")
	tests := map[string]struct {
		args []string
		want int
	}{
		"version":                     {[]string{"version"}, exitOK},
		"unknown command":             {[]string{"frobnicate"}, exitUsage},
		"unknown flag":                {[]string{"validate", "--nope", example}, exitUsage},
		"validate without files":      {[]string{"validate"}, exitUsage},
		"validate missing file":       {[]string{"validate", "does-not-exist.xml"}, exitUsage},
		"validate missing properties": {[]string{"validate", "--properties", "nope.properties", example}, exitUsage},
		"validate bad -D":             {[]string{"validate", "-D", "novalue", example}, exitUsage},
		"validate bad format":         {[]string{"validate", "-o", "yaml", example}, exitUsage},
		"validate example":            {[]string{"validate", "--properties", exampleProps, example}, exitOK},
		"validate without properties": {[]string{"validate", example}, exitOK},
		"validate strict, undefined":  {[]string{"validate", "--strict", example}, exitProblems},
		"validate invalid":            {[]string{"validate", "testdata/invalid/bad-zone.xml"}, exitProblems},
		"plan example":                {[]string{"plan", "--properties", exampleProps, example}, exitOK},
		"plan without properties":     {[]string{"plan", example}, exitProblems},
		"plan bad window":             {[]string{"plan", "--from", "yesterday", example}, exitUsage},
		"plan check without snapshot": {[]string{"plan", "--check", example}, exitUsage},
		"plan invalid":                {[]string{"plan", "testdata/invalid/bad-zone.xml"}, exitProblems},
		"eval without nominal time":   {[]string{"eval", example, "${coord:nominalTime()}"}, exitUsage},
		"eval unknown dataset":        {[]string{"eval", "--properties", exampleProps, "--nominal-time", "2009-03-09T07:00Z", "--dataset", "nope", example, "${coord:current(0)}"}, exitUsage},
		"eval syntax error":           {[]string{"eval", "--properties", exampleProps, "--nominal-time", "2009-03-09T07:00Z", example, "${coord:nominalTime(}"}, exitProblems},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			stdout, stderr, code := coordc(t, tc.args...)
			if code != tc.want {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.want, stdout, stderr)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	stdout, _, _ := coordc(t, "version")
	if !strings.Contains(stdout, "tzdata 20") {
		t.Errorf("version output lacks the tzdata version:\n%s", stdout)
	}
}

func TestValidateOutput(t *testing.T) {
	t.Setenv("TZ", "America/New_York")
	stdout, _, _ := coordc(t, "validate", example)
	golden(t, "validate-example.txt", stdout)
	stdout, _, _ = coordc(t, "validate", "-o", "json", "testdata/invalid/bad-zone.xml")
	golden(t, "validate-bad-zone.json", stdout)
	stdout, _, _ = coordc(t, "validate", "testdata/invalid/bad-zone.xml")
	golden(t, "validate-bad-zone.txt", stdout)
}

func TestPlanOutput(t *testing.T) {
	for _, format := range []string{"text", "markdown", "json"} {
		t.Run(format, func(t *testing.T) {
			var outputs []string
			for _, tz := range []string{"UTC", "Australia/Lord_Howe", "America/Los_Angeles"} {
				t.Setenv("TZ", tz)
				stdout, stderr, code := coordc(t, "plan", "--properties", exampleProps, "-o", format, example)
				if code != exitOK {
					t.Fatalf("exit %d: %s", code, stderr)
				}
				outputs = append(outputs, stdout)
			}
			for _, o := range outputs[1:] {
				if o != outputs[0] {
					t.Fatalf("plan output depends on TZ")
				}
			}
			golden(t, "plan-example."+format, outputs[0])
		})
	}
}

func TestPlanSnapshotCheck(t *testing.T) {
	snap := filepath.Join(t.TempDir(), "plan.json")
	if _, stderr, code := coordc(t, "plan", "--properties", exampleProps, "--out", snap, example); code != exitOK {
		t.Fatalf("plan --out: exit %d: %s", code, stderr)
	}
	if stdout, stderr, code := coordc(t, "plan", "--properties", exampleProps, "--against", snap, "--check", example); code != exitOK {
		t.Fatalf("unchanged plan: exit %d\n%s%s", code, stdout, stderr)
	}
	stdout, stderr, code := coordc(t, "plan", "--properties", exampleProps, "-D", "warehouse=hdfs://other:8020/wh", "--against", snap, "--check", example)
	if code != exitChanges {
		t.Fatalf("changed plan: exit %d, want %d\n%s%s", code, exitChanges, stdout, stderr)
	}
	golden(t, "plan-diff.txt", stdout)
}

func TestEval(t *testing.T) {
	tests := map[string]struct {
		args []string
		want string
	}{
		"hours in the spring-forward day": {[]string{"--nominal-time", "2009-03-09T07:00Z", "--dataset", "hourly-logs", "${coord:hoursInDay(-1)}"}, "23\n"},
		"hours in a normal day":           {[]string{"--nominal-time", "2009-03-05T08:00Z", "--dataset", "hourly-logs", "${coord:hoursInDay(-1)}"}, "24\n"},
		"instance time":                   {[]string{"--nominal-time", "2009-03-05T08:00Z", "--data-in", "yesterday", "${coord:current(-1)}"}, "2009-03-05T07:00Z\n"},
		"configuration":                   {[]string{"--nominal-time", "2009-03-05T08:00Z", "${coord:formatTime(coord:nominalTime(), 'yyyy-MM-dd HH:mm')} ${coord:user()}"}, "2009-03-05 08:00 etl\n"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			args := append([]string{"eval", "--properties", exampleProps}, tc.args[:len(tc.args)-1]...)
			args = append(args, example, tc.args[len(tc.args)-1])
			stdout, stderr, code := coordc(t, args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if diff := cmp.Diff(tc.want, stdout); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestHostileInput feeds definitions built to hurt a parser: each must give
// a positioned error and exit 1, never a crash or a hang.
func TestHostileInput(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"huge.xml":     `<coordinator-app xmlns="uri:oozie:coordinator:0.2" name="` + strings.Repeat("a", 17<<20) + `"/>`,
		"deep.xml":     `<coordinator-app xmlns="uri:oozie:coordinator:0.2">` + strings.Repeat("<a>", 10000) + strings.Repeat("</a>", 10000) + `</coordinator-app>`,
		"entities.xml": `<?xml version="1.0"?><!DOCTYPE b [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><coordinator-app xmlns="uri:oozie:coordinator:0.2" name="&b;"/>`,
		"utf8.xml":     "<coordinator-app xmlns=\"uri:oozie:coordinator:0.2\" name=\"\xff\xfe\"/>",
		"el-deep.xml":  `<coordinator-app xmlns="uri:oozie:coordinator:0.2" name="x" frequency="${` + strings.Repeat("(", 10000) + `1` + strings.Repeat(")", 10000) + `}" start="2009-01-01T00:00Z" end="2009-01-02T00:00Z" timezone="UTC"><action><workflow><app-path>/a</app-path></workflow></action></coordinator-app>`,
	}
	for name, content := range files {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			stdout, stderr, code := coordc(t, "validate", path)
			if code != exitProblems {
				t.Fatalf("exit %d, want %d\n%s%s", code, exitProblems, stdout, stderr)
			}
			if !strings.Contains(stdout, path+":1:") {
				t.Errorf("no positioned error:\n%s", stdout)
			}
		})
	}
}

func TestPlanBundle(t *testing.T) {
	stdout, stderr, code := coordc(t, "plan", "--properties", exampleProps, "-o", "json", "../../testdata/examples/bundle/bundle.xml")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, "plan-bundle.json", stdout)
}

// TestEvalLatest resolves coord:latest and coord:future against local
// storage: instances exist where their done-flag does.
func TestEvalLatest(t *testing.T) {
	root := t.TempDir()
	for _, day := range []string{"2009/01/01", "2009/01/02", "2009/01/04", "2009/01/06"} {
		dir := filepath.Join(root, filepath.FromSlash(day))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "_SUCCESS"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(root, "2009/01/05"), 0o755); err != nil { // no _SUCCESS: not ready
		t.Fatal(err)
	}
	def := "testdata/latest/coordinator.xml"
	tests := map[string]struct {
		actual, expr, want string
	}{
		"latest(0) at the nominal time": {"2009-01-05T00:00Z", "${coord:latest(0)}", "2009-01-04T00:00Z"},
		"latest(-1) skips the gap":      {"2009-01-05T00:00Z", "${coord:latest(-1)}", "2009-01-02T00:00Z"},
		"latest looks from actual time": {"2009-01-07T00:00Z", "${coord:latest(0)}", "2009-01-06T00:00Z"},
		"future(0, 3) from the nominal": {"2009-01-05T00:00Z", "${coord:future(0, 3)}", "2009-01-06T00:00Z"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			stdout, stderr, code := coordc(t, "eval", "-D", "root="+root, "--nominal-time", "2009-01-05T00:00Z",
				"--actual-time", tc.actual, "--data-in", "days", def, tc.expr)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if diff := cmp.Diff(tc.want+"\n", stdout); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
