package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const unformatted = `coordinator "c" {
frequency = coord::days(1)
  start = "2009-01-01T00:00Z"
  end="2009-01-02T00:00Z"
  timezone = "UTC"
  workflow { app_path = "/app" }
}
`

const formatted = `coordinator "c" {
  frequency = coord::days(1)
  start     = "2009-01-01T00:00Z"
  end       = "2009-01-02T00:00Z"
  timezone  = "UTC"
  workflow { app_path = "/app" }
}
`

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestFmt(t *testing.T) {
	t.Run("writes and lists", func(t *testing.T) {
		path := writeTemp(t, "c.coord.hcl", unformatted)
		stdout, stderr, code := coordc(t, "fmt", path)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if strings.TrimSpace(stdout) != path {
			t.Errorf("listed %q, want the file", stdout)
		}
		got, _ := os.ReadFile(path)
		if diff := cmp.Diff(formatted, string(got)); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("check fails without writing", func(t *testing.T) {
		path := writeTemp(t, "c.coord.hcl", unformatted)
		if _, _, code := coordc(t, "fmt", "-check", path); code != exitProblems {
			t.Errorf("exit %d, want %d", code, exitProblems)
		}
		if got, _ := os.ReadFile(path); string(got) != unformatted {
			t.Error("-check wrote the file")
		}
	})
	t.Run("check passes on formatted files", func(t *testing.T) {
		dir := filepath.Dir(writeTemp(t, "c.coord.hcl", formatted))
		if stdout, stderr, code := coordc(t, "fmt", "-check", dir); code != exitOK || stdout != "" {
			t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
		}
	})
	t.Run("diff", func(t *testing.T) {
		path := writeTemp(t, "c.coord.hcl", unformatted)
		stdout, _, code := coordc(t, "fmt", "-diff", "-write=false", path)
		if code != exitOK {
			t.Fatalf("exit %d", code)
		}
		for _, want := range []string{"@@ -1,7 +1,7 @@", "-frequency = coord::days(1)", "+  frequency = coord::days(1)", `-  end="2009-01-02T00:00Z"`} {
			if !strings.Contains(stdout, want) {
				t.Errorf("diff lacks %q:\n%s", want, stdout)
			}
		}
		if got, _ := os.ReadFile(path); string(got) != unformatted {
			t.Error("-write=false wrote the file")
		}
	})
	t.Run("syntax error", func(t *testing.T) {
		path := writeTemp(t, "c.coord.hcl", "coordinator \"c\" {\n")
		_, stderr, code := coordc(t, "fmt", path)
		if code != exitProblems || !strings.Contains(stderr, "Unclosed configuration block") {
			t.Errorf("exit %d, stderr:\n%s", code, stderr)
		}
	})
	t.Run("not an HCL file", func(t *testing.T) {
		if _, _, code := coordc(t, "fmt", example); code != exitUsage {
			t.Errorf("exit %d, want %d", code, exitUsage)
		}
	})
	t.Run("examples are formatted", func(t *testing.T) {
		dirs, _ := filepath.Glob("../../testdata/examples/*")
		for _, d := range dirs {
			if stdout, stderr, code := coordc(t, append([]string{"fmt", "-check"}, d)...); code != exitOK {
				t.Errorf("%s: exit %d\n%s%s", d, code, stdout, stderr)
			}
		}
	})
}

func TestConvertUsage(t *testing.T) {
	tests := map[string]struct {
		args []string
		want int
	}{
		"no target":          {[]string{"convert", example}, exitUsage},
		"unknown target":     {[]string{"convert", "--to", "yaml", example}, exitUsage},
		"no file":            {[]string{"convert", "--to", "hcl"}, exitUsage},
		"missing file":       {[]string{"convert", "--to", "hcl", "nope.xml"}, exitUsage},
		"schema with hcl":    {[]string{"convert", "--to", "hcl", "--schema", "0.4", example}, exitUsage},
		"schema too old":     {[]string{"convert", "--to", "xml", "--schema", "0.2", "../../testdata/examples/daily-logs/coordinator.coord.hcl"}, exitProblems},
		"forced schema":      {[]string{"convert", "--to", "xml", "--schema", "0.5", "../../testdata/examples/daily-logs/coordinator.coord.hcl"}, exitOK},
		"several need --out": {[]string{"convert", "--to", "xml", "../../testdata/examples/pipeline"}, exitUsage},
		"invalid XML":        {[]string{"convert", "--to", "hcl", "testdata/invalid/bad-zone.xml"}, exitOK},
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

func TestConvertOutput(t *testing.T) {
	stdout, stderr, code := coordc(t, "convert", "--to", "xml", "--schema", "0.5", "../../testdata/examples/daily-logs/coordinator.coord.hcl")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, `xmlns="uri:oozie:coordinator:0.5"`) {
		t.Errorf("--schema 0.5 not applied:\n%s", stdout)
	}
	// The example's HCL form is exactly what convert writes from its XML.
	want, err := os.ReadFile("../../testdata/examples/daily-logs/coordinator.coord.hcl")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), mustConvert(t, "hcl", example)); diff != "" {
		t.Errorf("convert --to hcl of the example differs from its HCL form (-want +got):\n%s", diff)
	}
}

func mustConvert(t *testing.T, to, path string) string {
	t.Helper()
	stdout, stderr, code := coordc(t, "convert", "--to", to, path)
	if code != exitOK {
		t.Fatalf("convert --to %s %s: exit %d: %s", to, path, code, stderr)
	}
	return stdout
}
