package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// TestPreCommitHook is the drop-in acceptance test: a throwaway git
// repository laid out like a real Oozie project (testdata/dropin/project)
// runs the coordc-lint-system hook of this checkout through pre-commit
// (`pre-commit try-repo`), with a freshly built coordc on PATH. The clean
// project passes; one DST mistake fails with DST001 and nothing else is
// reported. pre-commit comes from Debian's package in CI (.ci/run); without
// it the test skips, or fails when COORDC_REQUIRE_SHARED=1.
func TestPreCommitHook(t *testing.T) {
	if testing.Short() {
		t.Skip("builds coordc and runs pre-commit")
	}
	for _, tool := range []string{"pre-commit", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("COORDC_REQUIRE_SHARED") == "1" {
				t.Fatalf("%s is not installed (apt-get install pre-commit git); COORDC_REQUIRE_SHARED=1 requires this test to run", tool)
			}
			t.Skipf("%s is not installed (apt-get install pre-commit)", tool)
		}
	}
	checkout, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "bin")
	build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", filepath.Join(bin, "coordc"), ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	repo := copyTree(t, dropinProject)
	env := append(os.Environ(),
		"PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"PRE_COMMIT_HOME="+filepath.Join(tmp, "pre-commit"),
		"HOME="+tmp, // git and pre-commit read no user configuration
		"GIT_CONFIG_NOSYSTEM=1",
		"NO_COLOR=1",
	)
	sh := func(name string, args ...string) (string, int) {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = repo, env
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return string(out), code
	}
	if out, code := sh("git", "init", "-q"); code != 0 {
		t.Fatalf("git init: %s", out)
	}
	hook := func() (string, int) {
		if out, code := sh("git", "add", "-A"); code != 0 {
			t.Fatalf("git add: %s", out)
		}
		return sh("pre-commit", "try-repo", checkout, "coordc-lint-system", "--all-files")
	}

	out, code := hook()
	if code != 0 || !regexp.MustCompile(`coordc lint\.+Passed`).MatchString(out) {
		t.Fatalf("clean project: pre-commit exit %d, want 0 and Passed:\n%s", code, out)
	}

	coord := filepath.Join(repo, "oozie/apps/daily-sales/coordinator.xml")
	data, err := os.ReadFile(coord)
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(data), `frequency="${coord:days(1)}"`, `frequency="1440"`, 1)
	if err := os.WriteFile(coord, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	out, code = hook()
	findings := regexp.MustCompile(`(?m)^\S+:\d+:\d+: (error|warning|info): .*$`).FindAllString(out, -1)
	want := `oozie/apps/daily-sales/coordinator.xml:3:29: warning: Frequency "1440" is a fixed 24 hours, not a calendar day, in time zone "America/Los_Angeles" [DST001 fixed-day-frequency]`
	if code != 1 || len(findings) != 1 || findings[0] != want {
		t.Fatalf("DST mistake: pre-commit exit %d, findings %q; want exit 1 and only\n%s\noutput:\n%s", code, findings, want, out)
	}
}
